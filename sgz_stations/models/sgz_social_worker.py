from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..lib import worker_rules
from .sgz_checks import check_not_negative

EDUCATION = [
    ("primary", "Primary School"),
    ("junior", "Junior Middle School"),
    ("senior", "Senior High / Secondary Vocational School"),
    ("college", "Junior College"),
    ("bachelor", "Bachelor"),
    ("master", "Master"),
    ("doctor", "Doctorate"),
]
CERTIFICATES = [
    ("none", "None"),
    ("assistant", "Assistant Social Worker"),
    ("social_worker", "Social Worker (Intermediate)"),
    ("senior", "Senior Social Worker"),
]


class SgzSocialWorker(models.Model):
    _name = "sgz.social.worker"
    _description = "Social Worker"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    employer_type = fields.Selection(
        [
            ("agency", "Dispatched by an Agency"),
            ("government", "Converted Civil-affairs Staff"),
        ],
        string="Employer",
        required=True,
        default="agency",
        tracking=True,
        help="Agency-dispatched social workers or civil-affairs staff converted to "
        "station posts.",
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Employer Agency",
        default=lambda self: self.env.user.sgz_agency_id,
        tracking=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    government_role = fields.Char(
        help="E.g. social-assistance assistant, civil-affairs clerk, children's "
        "supervisor.",
    )
    role = fields.Selection(
        [
            ("affairs", "Administrative Post"),
            ("professional", "Professional Service Post"),
        ],
        string="Post",
        required=True,
        default="professional",
        tracking=True,
        help="事务性岗位 or 专业服务岗位.",
    )
    education = fields.Selection(EDUCATION, tracking=True)
    major = fields.Char()
    is_sw_major = fields.Boolean(string="Social-work Major")
    certificate_level = fields.Selection(
        CERTIFICATES,
        default="none",
        required=True,
        tracking=True,
    )
    certificate_number = fields.Char(copy=False)
    birth_date = fields.Date(string="Date of Birth")
    age = fields.Integer(compute="_compute_age")
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    phone = fields.Char()
    local_hukou = fields.Boolean(
        string="Local Household Registration",
        help="Preferred under equal conditions.",
    )
    ethnicity = fields.Char()
    local_ethnicity = fields.Boolean(
        string="Local Ethnic Group", help="Preferred under equal conditions."
    )
    region_id = fields.Many2one(
        "sgz.region",
        string="Service Region",
        help="The county or township the worker was recruited for; stations must lie "
        "within it.",
    )
    station_id = fields.Many2one(
        "sgz.station",
        tracking=True,
        index=True,
        check_company=True,
    )
    assignment_date = fields.Date(
        string="Assigned on",
        tracking=True,
        help="The date the worker was assigned to the station; the age limit is "
        "checked on this date.",
    )
    domain_ids = fields.Many2many("sgz.service.domain", string="Service Domains")
    training_ids = fields.One2many(
        "sgz.training.record", "worker_id", string="Training Records"
    )
    last_training_date = fields.Date(compute="_compute_last_training_date", store=True)
    active = fields.Boolean(default=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for worker in self:
            worker.age = (
                worker_rules.age_on(worker.birth_date, today)
                if worker.birth_date
                else 0
            )

    @api.depends("training_ids.date")
    def _compute_last_training_date(self):
        for worker in self:
            dates = worker.training_ids.mapped("date")
            worker.last_training_date = max(dates) if dates else False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("employer_type", "agency_id", "government_role")
    def _check_employer(self):
        for worker in self:
            if worker.employer_type == "agency" and not worker.agency_id:
                raise ValidationError(
                    _(
                        "Employer Agency of %(worker)s: an agency-dispatched social "
                        "worker needs the employing agency.",
                        worker=worker.name,
                    )
                )
            if worker.agency_id and not worker.agency_id.is_sgz_agency:
                raise ValidationError(
                    _(
                        "Employer Agency of %(worker)s: %(partner)s is not registered "
                        "as a contracted agency.",
                        worker=worker.name,
                        partner=worker.agency_id.name,
                    )
                )

    @api.constrains(
        "station_id",
        "assignment_date",
        "birth_date",
        "education",
        "employer_type",
        "agency_id",
        "region_id",
    )
    def _check_station_assignment(self):
        for worker in self.filtered("station_id"):
            worker._check_assignment_to(worker.station_id)

    @api.constrains("station_id", "agency_id")
    def _check_agency_not_barred(self):
        """L171: a barred agency's workers cannot be (re)assigned to stations.

        Checked only when the station or the employer changes, on today's date:
        workers already placed stay visible while the bar runs.
        """
        for worker in self.filtered(
            lambda w: w.station_id and w.employer_type == "agency"
        ):
            worker.agency_id._sgz_check_not_barred()

    def _check_assignment_to(self, station):
        """The rules for putting this worker on ``station`` (L15, L4443)."""
        self.ensure_one()
        on_date = self.assignment_date or fields.Date.context_today(self)
        education_labels = dict(
            self._fields["education"]._description_selection(self.env)
        )
        for code, params in worker_rules.assignment_issues(
            self.employer_type, self.birth_date, self.education, on_date
        ):
            if code == "no_birth_date":
                raise ValidationError(
                    _(
                        "Date of Birth of %(worker)s: needed to check the age limit "
                        "before assigning the worker to %(station)s.",
                        worker=self.name,
                        station=station.name,
                    )
                )
            if code == "age":
                raise ValidationError(
                    _(
                        "Date of Birth of %(worker)s: aged %(age)s on %(date)s, above "
                        "the limit of %(max)s for this kind of station staff.",
                        worker=self.name,
                        age=params["age"],
                        date=on_date,
                        max=params["max"],
                    )
                )
            if code == "education":
                raise ValidationError(
                    _(
                        "Education of %(worker)s: station staff of this kind need at "
                        "least %(minimum)s.",
                        worker=self.name,
                        minimum=education_labels[params["minimum"]],
                    )
                )
        if self.region_id and not station.region_id.is_within(self.region_id):
            raise ValidationError(
                _(
                    "Station of %(worker)s: %(station)s lies in %(station_region)s, "
                    "outside the worker's service region %(region)s.",
                    worker=self.name,
                    station=station.name,
                    station_region=station.region_id.complete_name,
                    region=self.region_id.complete_name,
                )
            )
        if self.employer_type == "agency":
            if station.agency_id != self.agency_id:
                raise ValidationError(
                    _(
                        "Station of %(worker)s: %(station)s is run by %(operator)s, "
                        "not by the worker's employer %(agency)s.",
                        worker=self.name,
                        station=station.name,
                        operator=station.agency_id.name or _("no agency"),
                        agency=self.agency_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("station_id") and not vals.get("assignment_date"):
                vals["assignment_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if "agency_id" in vals and not self.env.user.has_group(
            "sgz_stations.group_officer"
        ):
            if self.filtered(lambda w: w.agency_id.id != vals["agency_id"]):
                raise AccessError(
                    _(
                        "Employer Agency: only the bureau can move a social worker "
                        "to another agency."
                    )
                )
        if "station_id" in vals:
            # Re-writing the same station (imports, upgrades) is not a new assignment:
            # it keeps the assignment date and does not re-run the assignment checks.
            same = self.filtered(
                lambda w: w.station_id.id == (vals["station_id"] or False)
            )
            if same:
                rest = {k: v for k, v in vals.items() if k != "station_id"}
                if rest:
                    same.write(rest)
                if self - same:
                    (self - same).write(vals)
                return True
        if vals.get("station_id") and "assignment_date" not in vals:
            vals = dict(vals, assignment_date=fields.Date.context_today(self))
        if "station_id" in vals and not vals["station_id"]:
            vals = dict(vals, assignment_date=False)
        return super().write(vals)


class SgzTrainingRecord(models.Model):
    _name = "sgz.training.record"
    _description = "Training Record"
    _order = "date desc, id desc"

    worker_id = fields.Many2one(
        "sgz.social.worker",
        string="Social Worker",
        required=True,
        ondelete="cascade",
        index=True,
    )
    agency_id = fields.Many2one(
        related="worker_id.agency_id", store=True, string="Employer Agency"
    )
    name = fields.Char(string="Training", required=True)
    date = fields.Date(required=True)
    hours = fields.Float(digits=(6, 1))
    organiser = fields.Char()
    note = fields.Text()

    @api.constrains("hours")
    def _check_hours(self):
        check_not_negative(self, ["hours"])
