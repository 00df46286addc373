import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import station_rules
from .sgz_checks import check_not_negative
from .sgz_cron import for_each_record

_logger = logging.getLogger(__name__)

STATION_LEVELS = [
    ("city", "City Supervision Centre"),
    ("county", "County Station / Incubation Centre"),
    ("township", "Township (Sub-district) Station"),
    ("village", "Village (Community) Social Work Room"),
]
# The level of region each station level sits in (L151-155).
REGION_LEVEL = {
    "city": "city",
    "county": "county",
    "township": "township",
    "village": "village",
}

# Everything the compliance rules read (one list for the stored flag and the sentences).
COMPLIANCE_DEPENDS = (
    "level",
    "office_area",
    "master_id",
    "deputy_id",
    "staff_count",
    "certified_staff_count",
    "volunteer_count",
    "signboard_text",
    "region_id.complete_name",
    "open_weekdays",
    "open_from",
    "open_to",
    "operating_mode",
    "agency_id.sgz_barred_until",
)


class SgzStation(models.Model):
    _name = "sgz.station"
    _description = "Social Work Station"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "region_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True, copy=False)
    level = fields.Selection(
        STATION_LEVELS, required=True, default="township", tracking=True
    )
    region_id = fields.Many2one(
        "sgz.region",
        required=True,
        tracking=True,
        index=True,
        ondelete="restrict",
    )
    county_id = fields.Many2one(
        "sgz.region",
        string="County / District",
        compute="_compute_county",
        store=True,
        index=True,
        help="The county or district the station's region lies in: the unit of the "
        "bureau's reports and pictures.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Operating Agency",
        tracking=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
        help="The contracted agency that runs the station's services.",
    )
    operating_mode = fields.Selection(
        [
            ("government", "Government-led"),
            ("mixed", "Administrative + Professional Posts"),
            ("project", "Project-based Operation"),
        ],
        required=True,
        default="project",
        tracking=True,
        help="The three operating modes of the guide (第二部分).",
    )
    host_facility = fields.Selection(
        [
            ("incubator", "Social Organisation Incubation Centre"),
            ("party_centre", "Party and Public Service Centre"),
            ("children_home", "Children's Home"),
            ("welfare", "Civil-affairs Welfare Institution"),
            ("community", "Community Premises"),
            ("other", "Other"),
        ],
        help="The existing facility the station is set up in.",
    )
    address = fields.Char()
    office_area = fields.Float(string="Office Area (m²)", digits=(10, 2), tracking=True)
    has_case_room = fields.Boolean(string="Case Counselling Room")
    has_group_room = fields.Boolean(string="Group Activity Room")
    other_rooms = fields.Char(string="Other Special Rooms")
    signboard_text = fields.Char(
        string="Signboard",
        tracking=True,
        help="The text on the station's signboard.",
    )
    signboard_expected = fields.Char(
        string="Prescribed Signboard", compute="_compute_signboard_expected"
    )
    open_weekdays = fields.Boolean(string="Open Monday to Friday", default=True)
    open_from = fields.Float(string="Opens at", default=9.0)
    open_to = fields.Float(string="Closes at", default=18.0)
    master_id = fields.Many2one(
        "res.partner",
        string="Station Master",
        tracking=True,
        help="The township's leader in charge.",
    )
    deputy_id = fields.Many2one(
        "res.partner",
        string="Deputy Station Master",
        tracking=True,
        help="The operating agency's person in charge.",
    )
    worker_ids = fields.One2many(
        "sgz.social.worker", "station_id", string="Station Staff"
    )
    staff_count = fields.Integer(compute="_compute_staff", store=True, string="Staff")
    certified_staff_count = fields.Integer(
        compute="_compute_staff", store=True, string="Certified Staff"
    )
    volunteer_count = fields.Integer(string="Volunteers", tracking=True)
    compliance_issues = fields.Text(
        string="Unmet Rules", compute="_compute_compliance_issues"
    )
    is_compliant = fields.Boolean(
        string="Compliant", compute="_compute_is_compliant", store=True, index=True
    )
    note = fields.Html()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "The station code must be unique.",
        ),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("region_id.level", "region_id.parent_path")
    def _compute_county(self):
        for station in self:
            station.county_id = station.region_id._sgz_county()

    @api.depends("region_id", "region_id.parent_path", "region_id.complete_name")
    def _compute_signboard_expected(self):
        # read every region of every lineage in one query, not one per station
        lineage_ids = {
            int(i)
            for path in self.region_id.mapped("parent_path")
            for i in (path or "").strip("/").split("/")
            if i
        }
        self.env["sgz.region"].browse(lineage_ids).mapped("name")
        for station in self:
            station.signboard_expected = (
                station_rules.expected_signboard(station.region_id.lineage_names())
                if station.region_id
                else False
            )

    @api.depends("worker_ids", "worker_ids.active", "worker_ids.certificate_level")
    def _compute_staff(self):
        for station in self:
            workers = station.worker_ids
            station.staff_count = len(workers)
            station.certified_staff_count = len(
                workers.filtered(lambda w: w.certificate_level not in (False, "none"))
            )

    @api.depends(*COMPLIANCE_DEPENDS)
    def _compute_is_compliant(self):
        for station in self:
            station.is_compliant = not station._compliance_issue_codes()

    @api.depends(*COMPLIANCE_DEPENDS)
    def _compute_compliance_issues(self):
        # Not stored: the sentences follow the reader's language.
        for station in self:
            station.compliance_issues = "\n".join(
                station._issue_message(code, params)
                for code, params in station._compliance_issue_codes()
            )

    def _compliance_issue_codes(self):
        """The unmet rules of ``station_rules`` for this station, as (code, params)."""
        self.ensure_one()
        facts = station_rules.StationFacts(
            level=self.level,
            office_area=self.office_area,
            has_master=bool(self.master_id),
            has_deputy=bool(self.deputy_id),
            staff_count=self.staff_count,
            certified_staff_count=self.certified_staff_count,
            volunteer_count=self.volunteer_count,
            signboard_text=self.signboard_text or "",
            signboard_expected=self.signboard_expected or "",
            open_weekdays=self.open_weekdays,
            open_from=self.open_from,
            open_to=self.open_to,
            operating_mode=self.operating_mode,
            agency_barred=bool(self.agency_id)
            and self.agency_id._sgz_barred_on(fields.Date.context_today(self)),
        )
        return station_rules.station_issues(facts)

    def _issue_message(self, code, params):
        """The translated sentence for one unmet rule of ``station_rules``."""
        if code == "area":
            return _(
                "Office area is %(area)s m², less than the required %(min)s m².",
                **params,
            )
        if code == "master":
            return _("No station master appointed.")
        if code == "deputy":
            return _("No deputy station master appointed.")
        if code == "staff":
            return _(
                "%(count)s staff members, fewer than the required %(min)s.",
                **params,
            )
        if code == "team":
            return _(
                "A government-led station needs an operating team of at least "
                "%(min)s; it has %(count)s.",
                **params,
            )
        if code == "certified":
            return _(
                "No staff member holds a social-worker certificate; an agency-run "
                "station needs at least one."
            )
        if code == "volunteers":
            return _(
                "%(count)s volunteers, fewer than the required %(min)s.",
                **params,
            )
        if code == "signboard":
            return _(
                "The signboard does not read as prescribed: %(expected)s.",
                **params,
            )
        if code == "hours":
            return _("Not open Monday to Friday, 9:00-18:00.")
        if code == "agency_barred":
            return _("The operating agency is barred from station projects.")
        raise ValueError(code)

    @api.model
    def _cron_recompute_compliance(self):
        """Bars expire with time: refresh the stored compliance once a day (in one
        batch; station by station if the batch fails, skipping the one that does)."""

        def refresh(stations):
            self.env.add_to_compute(self._fields["is_compliant"], stations)
            stations._recompute_recordset(["is_compliant"])

        for_each_record(self.search([]), refresh, _logger, batch=True)

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("office_area", "volunteer_count")
    def _check_non_negative(self):
        check_not_negative(self, ["office_area", "volunteer_count"])

    @api.constrains("open_from", "open_to")
    def _check_opening_hours(self):
        for station in self:
            if not (0 <= station.open_from < station.open_to <= 24):
                raise ValidationError(
                    _(
                        "Opening Hours of %(station)s: the opening time must be "
                        "before the closing time, both within 0:00-24:00.",
                        station=station.name,
                    )
                )

    @api.constrains("level", "region_id")
    def _check_region_level(self):
        region_labels = dict(
            self.env["sgz.region"]._fields["level"]._description_selection(self.env)
        )
        level_labels = dict(self._fields["level"]._description_selection(self.env))
        for station in self:
            expected = REGION_LEVEL[station.level]
            if station.region_id.level != expected:
                raise ValidationError(
                    _(
                        "Region of %(station)s: a %(level)s must be placed in a region "
                        "of level %(region_level)s, not in %(region)s.",
                        station=station.name,
                        level=level_labels[station.level],
                        region_level=region_labels[expected],
                        region=station.region_id.complete_name,
                    )
                )

    @api.constrains("agency_id", "region_id", "company_id")
    def _check_staff_still_fit(self):
        """The assignment rules hold from both sides: changing the station's
        operator or region re-checks the workers already on it."""
        for station in self:
            for worker in station.worker_ids:
                worker._check_assignment_to(station)

    @api.constrains("agency_id")
    def _check_agency(self):
        for station in self.filtered("agency_id"):
            if not station.agency_id.is_sgz_agency:
                raise ValidationError(
                    _(
                        "Operating Agency of %(station)s: %(partner)s is not "
                        "registered as a contracted agency.",
                        station=station.name,
                        partner=station.agency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_use_prescribed_signboard(self):
        for station in self:
            station.signboard_text = station.signboard_expected

    def action_view_workers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Station Staff"),
            "res_model": "sgz.social.worker",
            "view_mode": "list,form",
            "domain": [("station_id", "=", self.id)],
            "context": {"default_station_id": self.id},
        }
