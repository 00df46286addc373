from dateutil.relativedelta import relativedelta
from stdnum.cn import uscc

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("pass", "Pass"),
    ("fail", "Fail"),
]
BAR_YEARS = 2  # L171
BUREAU_GROUPS = (
    "sgz_stations.group_officer,sgz_stations.group_supervisor,"
    "sgz_stations.group_auditor"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_sgz_agency = fields.Boolean(
        string="Is a Contracted Agency",
        tracking=True,
        help="A social organisation that runs (or may run) social-work station "
        "services.",
    )
    sgz_credit_code = fields.Char(
        string="Unified Social Credit Code",
        tracking=True,
        copy=False,
        help="18-character code per GB 32100-2015; its check character is verified.",
    )
    sgz_org_form = fields.Selection(
        [
            ("service_org", "Social Service Organisation"),
            ("association", "Social Association"),
            ("foundation", "Foundation"),
            ("other", "Other"),
        ],
        string="Organisation Form",
        tracking=True,
    )
    sgz_registration_authority = fields.Char(
        string="Registration Authority", tracking=True
    )
    sgz_registration_date = fields.Date(string="Registration Date")
    sgz_legal_representative = fields.Char(string="Legal Representative", tracking=True)
    sgz_business_scope = fields.Text(string="Business Scope")
    sgz_scope_social_work = fields.Boolean(
        string="Scope Includes Social Work",
        tracking=True,
        help="The registered business scope includes social-work services.",
    )
    sgz_inspection_ids = fields.One2many(
        "sgz.agency.inspection", "partner_id", string="Annual Inspections"
    )
    sgz_grade_ids = fields.One2many(
        "sgz.agency.grade", "partner_id", string="Evaluation Grades"
    )
    sgz_last_grade = fields.Selection(
        GRADES,
        string="Last Evaluation Grade",
        compute="_compute_sgz_last_grade",
        store=True,
        # agencies see their own grades (sgz.agency.grade, record rules), not others'
        groups=BUREAU_GROUPS,
    )
    sgz_barred_until = fields.Date(
        string="Barred Until",
        tracking=True,
        help="An agency evaluated as failing may not take station projects for two "
        "years.",
    )
    sgz_barred_reason = fields.Text(string="Reason for Bar", tracking=True)
    sgz_is_barred = fields.Boolean(
        string="Currently Barred",
        compute="_compute_sgz_is_barred",
        search="_search_sgz_is_barred",
    )
    sgz_worker_ids = fields.One2many(
        "sgz.social.worker", "agency_id", string="Social Workers"
    )
    sgz_station_ids = fields.One2many(
        "sgz.station", "agency_id", string="Operated Stations"
    )

    _sql_constraints = [
        (
            "sgz_credit_code_unique",
            "unique(sgz_credit_code)",
            "Another partner already has this Unified Social Credit Code.",
        ),
    ]

    @api.depends("sgz_grade_ids.grade", "sgz_grade_ids.date")
    def _compute_sgz_last_grade(self):
        for partner in self:
            grades = partner.sgz_grade_ids.sorted(lambda g: (g.date, g.id))
            partner.sgz_last_grade = grades[-1].grade if grades else False

    @api.depends("sgz_barred_until")
    def _compute_sgz_is_barred(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.sgz_is_barred = partner._sgz_barred_on(today)

    def _search_sgz_is_barred(self, operator, value):
        if operator not in ("=", "!="):
            raise ValidationError(_("Unsupported search on Currently Barred."))
        today = fields.Date.context_today(self)
        barred = (operator == "=") == bool(value)
        if barred:
            return [("sgz_barred_until", ">=", today)]
        return [
            "|",
            ("sgz_barred_until", "=", False),
            ("sgz_barred_until", "<", today),
        ]

    @api.constrains("sgz_credit_code")
    def _check_sgz_credit_code(self):
        for partner in self.filtered("sgz_credit_code"):
            if not uscc.is_valid(partner.sgz_credit_code):
                raise ValidationError(
                    _(
                        "Unified Social Credit Code of %(partner)s: %(code)s is not "
                        "a valid 18-character code under GB 32100-2015 (wrong "
                        "length, character or check character).",
                        partner=partner.name,
                        code=partner.sgz_credit_code,
                    )
                )

    @api.constrains("sgz_barred_until", "sgz_barred_reason")
    def _check_sgz_barred_reason(self):
        for partner in self:
            if (
                partner.sgz_barred_until
                and not (partner.sgz_barred_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Reason for Bar of %(partner)s: a barred-until date needs "
                        "the reason for the bar.",
                        partner=partner.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # after super(): the form sets is_company through company_type's inverse,
        # which runs after the stored-field constraints of create.
        partners._check_sgz_agency_is_company()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if {"is_sgz_agency", "is_company", "company_type"} & set(vals):
            self._check_sgz_agency_is_company()
        return res

    def _check_sgz_agency_is_company(self):
        for partner in self:
            if partner.is_sgz_agency and not partner.is_company:
                raise ValidationError(
                    _(
                        "Is a Contracted Agency: %(partner)s is a person; only an "
                        "organisation (company) can be a contracted agency.",
                        partner=partner.name,
                    )
                )

    @api.onchange("sgz_credit_code")
    def _onchange_sgz_credit_code(self):
        if self.sgz_credit_code:
            self.sgz_credit_code = uscc.compact(self.sgz_credit_code)

    def _sgz_barred_on(self, on_date):
        """True when the agency may not take station projects on ``on_date`` (L171)."""
        self.ensure_one()
        return bool(self.sgz_barred_until and self.sgz_barred_until >= on_date)

    def _sgz_check_not_barred(self, on_date=None):
        """Raise when the agency is barred on ``on_date`` (default today)."""
        on_date = on_date or fields.Date.context_today(self)
        for partner in self:
            if partner._sgz_barred_on(on_date):
                raise ValidationError(
                    _(
                        "%(agency)s is barred from station projects until %(date)s: "
                        "%(reason)s",
                        agency=partner.name,
                        date=partner.sgz_barred_until,
                        reason=partner.sgz_barred_reason,
                    )
                )


class SgzAgencyInspection(models.Model):
    _name = "sgz.agency.inspection"
    _description = "Agency Annual Inspection"
    _order = "year desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Agency",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    year = fields.Integer(required=True)
    result = fields.Selection(
        [
            ("qualified", "Qualified"),
            ("basic", "Basically Qualified"),
            ("unqualified", "Unqualified"),
            ("absent", "Did Not Take Part"),
        ],
        required=True,
    )
    authority = fields.Char(string="Inspecting Authority")
    note = fields.Text()

    _sql_constraints = [
        (
            "year_unique",
            "unique(partner_id, year)",
            "An agency has one annual inspection result per year.",
        ),
    ]

    @api.constrains("year")
    def _check_year(self):
        for rec in self:
            if not 1990 <= rec.year <= 2100:
                raise ValidationError(
                    _(
                        "Inspection Year: %(year)s is not a valid year (1990-2100).",
                        year=rec.year,
                    )
                )


class SgzAgencyGrade(models.Model):
    _name = "sgz.agency.grade"
    _description = "Agency Evaluation Grade"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Agency",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    grade = fields.Selection(GRADES, required=True)
    score = fields.Float(digits=(5, 2))
    source = fields.Char(
        string="Evaluated Project",
        help="The project or evaluation this grade comes from.",
    )
    evaluation_id = fields.Many2one(
        "sgz.evaluation", readonly=True, ondelete="restrict", index="btree_not_null"
    )
    note = fields.Text()

    @api.model_create_multi
    def create(self, vals_list):
        grades = super().create(vals_list)
        grades.filtered(lambda g: g.grade == "fail")._bar_agency()
        return grades

    def _bar_agency(self):
        """L171: an agency evaluated 不合格 takes no station project for 2 years."""
        for grade in self:
            until = grade.date + relativedelta(years=BAR_YEARS)
            agency = grade.partner_id
            if not agency.sgz_barred_until or agency.sgz_barred_until < until:
                agency.write(
                    {
                        "sgz_barred_until": until,
                        "sgz_barred_reason": _(
                            "Evaluated as failing on %(date)s (%(project)s); barred "
                            "for two years under the operating guide.",
                            date=grade.date,
                            project=grade.source or "-",
                        ),
                    }
                )

    @api.constrains("score")
    def _check_score(self):
        for rec in self:
            if not 0 <= rec.score <= 100:
                raise ValidationError(
                    _(
                        "Score: %(score)s is outside 0-100.",
                        score=rec.score,
                    )
                )
