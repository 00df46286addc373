import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_checks import check_not_negative
from .sgz_project import ACTIVE_STATES, ACTIVITY_TYPES

# 保密制度 (L70-78): a case carries an anonymous code, never a person's identity.
# Codes that look like a resident ID (18 characters) or a mobile number are refused.
CASE_CODE_FORBIDDEN = (
    re.compile(r"\d{17}[\dXx]"),  # 居民身份证号码
    re.compile(r"1[3-9]\d{9}"),  # 手机号码
)


class SgzActivity(models.Model):
    _name = "sgz.activity"
    _description = "Service Activity"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Activity", required=True)
    activity_type = fields.Selection(
        ACTIVITY_TYPES, string="Type", required=True, default="group"
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    project_id = fields.Many2one(
        "sgz.project",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    station_id = fields.Many2one(
        "sgz.station",
        required=True,
        index=True,
        domain="[('id', 'in', allowed_station_ids)]",
    )
    allowed_station_ids = fields.Many2many(
        related="project_id.station_ids", string="Stations of the Project"
    )
    domain_id = fields.Many2one(
        "sgz.service.domain", string="Service Domain", required=True
    )
    item_id = fields.Many2one(
        "sgz.service.item",
        string="Service Item",
        domain="[('domain_id', '=', domain_id)]",
    )
    beneficiaries = fields.Integer(help="受益人数: distinct people served.")
    attendances = fields.Integer(help="受益人次: people × sessions.")
    volunteer_count = fields.Integer(string="Volunteers Involved")
    worker_ids = fields.Many2many(
        "sgz.social.worker", string="Social Workers", required=True
    )
    case_code = fields.Char(
        string="Anonymous Case Code",
        help="Casework only: a code that does not identify the person (保密制度).",
    )
    location = fields.Char()
    summary = fields.Text(string="Content and Outcome")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Sign-in Sheets and Photos",
        help="Sign-in sheet, photos, plans and records of the activity.",
    )

    @api.constrains("beneficiaries", "attendances", "volunteer_count")
    def _check_counts(self):
        check_not_negative(self, ["beneficiaries", "attendances", "volunteer_count"])
        for activity in self:
            if activity.attendances < activity.beneficiaries:
                raise ValidationError(
                    _(
                        "Attendances of %(activity)s: %(attendances)s is fewer than "
                        "the "
                        "%(beneficiaries)s beneficiaries; each person counts at least "
                        "once.",
                        activity=activity.name,
                        attendances=activity.attendances,
                        beneficiaries=activity.beneficiaries,
                    )
                )

    @api.constrains("date", "project_id")
    def _check_date(self):
        for activity in self:
            project = activity.project_id
            if not project.date_start <= activity.date <= project.date_end:
                raise ValidationError(
                    _(
                        "Date of %(activity)s: %(date)s is outside the service period "
                        "of "
                        "%(project)s (%(start)s - %(end)s).",
                        activity=activity.name,
                        date=activity.date,
                        project=project.display_name,
                        start=project.date_start,
                        end=project.date_end,
                    )
                )

    @api.constrains("station_id", "project_id")
    def _check_station(self):
        for activity in self:
            if activity.station_id not in activity.project_id.station_ids:
                raise ValidationError(
                    _(
                        "Station of %(activity)s: %(station)s is not served by "
                        "%(project)s.",
                        activity=activity.name,
                        station=activity.station_id.name,
                        project=activity.project_id.display_name,
                    )
                )

    @api.constrains("domain_id", "item_id")
    def _check_item(self):
        for activity in self:
            if activity.item_id and activity.item_id.domain_id != activity.domain_id:
                raise ValidationError(
                    _(
                        "Service item of %(activity)s: %(item)s belongs to "
                        "%(item_domain)s,"
                        " not to %(domain)s.",
                        activity=activity.name,
                        item=activity.item_id.name,
                        item_domain=activity.item_id.domain_id.name,
                        domain=activity.domain_id.name,
                    )
                )

    @api.constrains("case_code", "activity_type")
    def _check_case_code(self):
        for activity in self:
            code = (activity.case_code or "").strip()
            if activity.activity_type == "case" and not code:
                raise ValidationError(
                    _(
                        "Anonymous Case Code of %(activity)s: casework needs an "
                        "anonymous case code.",
                        activity=activity.name,
                    )
                )
            if any(p.search(code) for p in CASE_CODE_FORBIDDEN):
                raise ValidationError(
                    _(
                        "Anonymous Case Code of %(activity)s: it looks like an ID-card "
                        "or mobile number. Service-object identity data is not stored "
                        "under the confidentiality rules; use an anonymous "
                        "code.",
                        activity=activity.name,
                    )
                )

    @api.constrains("worker_ids", "project_id")
    def _check_workers(self):
        for activity in self:
            outsiders = activity.worker_ids - activity.project_id.member_ids.worker_id
            if outsiders:
                raise ValidationError(
                    _(
                        "Social workers of %(activity)s: %(workers)s are not on the "
                        "team "
                        "of %(project)s.",
                        activity=activity.name,
                        workers=", ".join(outsiders.mapped("name")),
                        project=activity.project_id.display_name,
                    )
                )

    def _check_project_open(self):
        for activity in self:
            project = activity.project_id
            if project.state not in ACTIVE_STATES:
                raise UserError(
                    _(
                        "Activities of %(project)s can only be recorded while it is in "
                        "progress (now: %(state)s).",
                        project=project.display_name,
                        state=dict(
                            project._fields["state"]._description_selection(self.env)
                        )[project.state],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._check_project_open()
        activities._check_month_not_reported()
        return activities

    def write(self, vals):
        self._check_project_open()
        self._check_month_not_reported()
        result = super().write(vals)
        if {"date", "project_id"} & set(vals):
            self._check_project_open()
            self._check_month_not_reported()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_while_open(self):
        self._check_project_open()
        self._check_month_not_reported()

    def _check_month_not_reported(self):
        """A submitted monthly report is a record: its month's activities are frozen."""
        if not self:
            return
        reports = (
            self.env["sgz.monthly.report"]
            .sudo()
            .search(
                [
                    ("project_id", "in", self.project_id.ids),
                    ("month", "in", list({a.date.replace(day=1) for a in self})),
                    ("state", "!=", "draft"),
                ]
            )
        )
        reported = {(r.project_id.id, r.month): r for r in reports}
        for activity in self:
            report = reported.get(
                (activity.project_id.id, activity.date.replace(day=1))
            )
            if report:
                raise UserError(
                    _(
                        "%(activity)s falls in %(report)s, which has been submitted; "
                        "activities of a reported month cannot change.",
                        activity=activity.name,
                        report=report.display_name,
                    )
                )
