from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import evaluation_rules
from ..wizard.sgz_decision_wizard import decision_action
from .sgz_handover import (
    Handover,
    agency_users,
    named_user,
    project_supervisor,
    role_users,
)
from .sgz_project import ACTIVE_STATES, ACTIVITY_TYPES
from .sgz_workflow import OFFICER, SUPERVISOR, require_group


def month_label(env, month):
    """A month as its reader writes it: 2026年11月, or 2026-11."""
    if not month:
        return ""
    if (env.lang or "").startswith("zh"):
        return f"{month.year}年{month.month}月"
    return f"{month.year}-{month.month:02d}"


class SgzMonthlyReport(models.Model):
    """月度工作简报 (L166, L2798): one per project per month, due the next month."""

    _name = "sgz.monthly.report"
    _description = "Monthly Work Brief"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _order = "month desc, project_id"
    _sgz_handover_fields = ("state", "due_date")
    # briefs are made by the project's start (one per month); the rest by the steps
    _sgz_workflow_fields = (
        "project_id",
        "month",
        "state",
        "submit_date",
        "submitted_by",
        "review_note",
        "reviewed_by",
        "review_date",
    )

    project_id = fields.Many2one(
        "sgz.project", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    month = fields.Date(required=True, readonly=True, help="First day of the month.")
    month_label = fields.Char(string="Brief Month", compute="_compute_month_label")
    issue_number = fields.Integer(
        string="Issue",
        compute="_compute_month_label",
        help="The brief's number in the project: 1 for its first month.",
    )
    brief_title = fields.Char(string="Title", compute="_compute_month_label")
    due_date = fields.Date(compute="_compute_due_date", store=True, index=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("reviewed", "Reviewed"),
        ],
        default="draft",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        index=True,
    )
    submit_date = fields.Date(readonly=True, copy=False)
    submitted_by = fields.Many2one("res.users", readonly=True, copy=False)
    is_late = fields.Boolean(
        string="Submitted Late",
        compute="_compute_is_late",
        store=True,
        help="Submitted after its due date; counts against 上报资料 in evaluations.",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Still not submitted after its due date.",
    )
    work_summary = fields.Text(
        string="Work of the Month",
        help="Visits, services, reception and activities of the month.",
    )
    highlights = fields.Text(string="Highlights and Key Work")
    next_month_plan = fields.Text(string="Plan for Next Month")
    line_ids = fields.One2many(
        "sgz.monthly.report.line", "report_id", string="Activity Figures"
    )
    review_note = fields.Text(string="Supervisor's Comments")
    reviewed_by = fields.Many2one("res.users", readonly=True, copy=False)
    review_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "month_unique",
            "unique(project_id, month)",
            "A project has one monthly report per month.",
        ),
    ]

    @api.depends("project_id.code", "month")
    def _compute_display_name(self):
        for report in self:
            if not report.month:
                report.display_name = report.project_id.display_name or ""
                continue
            report.display_name = _(
                "%(project)s monthly brief %(year)s-%(month)02d",
                project=report.project_id.code or report.project_id.name,
                year=report.month.year,
                month=report.month.month,
            )

    @api.depends("month", "project_id.date_start")
    @api.depends_context("lang")
    def _compute_month_label(self):
        for report in self:
            report.month_label = month_label(self.env, report.month)
            start = report.project_id.date_start
            report.issue_number = (
                (report.month.year - start.year) * 12
                + report.month.month
                - start.month
                + 1
                if report.month and start
                else 0
            )
            report.brief_title = self.env._(
                "Monthly Work Brief No. %(number)s (%(month)s)",
                number=report.issue_number,
                month=report.month_label,
            )

    @api.depends("month", "project_id.report_due_day")
    def _compute_due_date(self):
        for report in self:
            if not report.month:
                report.due_date = False
                continue
            report.due_date = evaluation_rules.report_due_date(
                report.month, report.project_id.report_due_day or 1
            )

    @api.depends("submit_date", "due_date")
    def _compute_is_late(self):
        for report in self:
            report.is_late = bool(
                report.submit_date and report.submit_date > report.due_date
            )

    @api.depends("state", "due_date")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = bool(
                report.state == "draft" and report.due_date and report.due_date < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on Overdue."))
        domain = [
            ("state", "=", "draft"),
            ("due_date", "<", fields.Date.context_today(self)),
        ]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model
    def _late_counts(self, projects, on_date):
        """{project id: reports due by ``on_date`` that were late or are missing}."""
        if not projects.ids:
            return {}
        reports = self.sudo().search(
            [("project_id", "in", projects.ids), ("due_date", "<", on_date)]
        )
        counts = {}
        for report in reports:
            if not report.submit_date or report.submit_date > report.due_date:
                counts[report.project_id.id] = counts.get(report.project_id.id, 0) + 1
        return counts

    # ------------------------------------------------------------------ content
    def _month_activities(self):
        self.ensure_one()
        end = self.month + relativedelta(months=1)
        return self.env["sgz.activity"].search(
            [
                ("project_id", "=", self.project_id.id),
                ("date", ">=", self.month),
                ("date", "<", end),
            ],
            order="date, id",
        )

    def action_prefill(self):
        """Fill the figures (and an empty summary) from the month's activities."""
        for report in self:
            report._check_draft()
            activities = report._month_activities()
            totals = {}
            for activity in activities:
                key = (activity.activity_type, activity.domain_id.id)
                count, benef, attend = totals.get(key, (0, 0, 0))
                totals[key] = (
                    count + 1,
                    benef + activity.beneficiaries,
                    attend + activity.attendances,
                )
            commands = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "activity_type": activity_type,
                        "domain_id": domain_id,
                        "sessions": count,
                        "beneficiaries": benef,
                        "attendances": attend,
                    }
                )
                for (activity_type, domain_id), (count, benef, attend) in sorted(
                    totals.items()
                )
            ]
            vals = {"line_ids": commands}
            if not report.work_summary:
                vals["work_summary"] = report._summary_text(activities)
            report.write(vals)
        return True

    def _summary_text(self, activities):
        types = dict(ACTIVITY_TYPES)
        labels = dict(
            self.env["sgz.activity"]
            ._fields["activity_type"]
            ._description_selection(self.env)
        )
        lines = []
        for a in activities:
            lines.append(
                self.env._(
                    "%(date)s %(type)s: %(name)s (%(station)s), %(beneficiaries)s "
                    "beneficiaries, %(attendances)s attendances",
                    date=a.date,
                    type=labels.get(a.activity_type, types[a.activity_type]),
                    name=a.name,
                    station=a.station_id.name,
                    beneficiaries=a.beneficiaries,
                    attendances=a.attendances,
                )
            )
        return "\n".join(lines) or _("No activity was recorded this month.")

    # ----------------------------------------------------------------- workflow
    def _check_draft(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    _(
                        "%(report)s has been submitted; it can no longer be changed.",
                        report=report.display_name,
                    )
                )

    def write(self, vals):
        content = set(vals) - set(self._sgz_workflow_fields)
        content -= {"message_main_attachment_id", "activity_ids"}
        if content and not self._sgz_in_step():
            self._check_draft()
        return super().write(vals)

    def action_submit(self):
        today = fields.Date.context_today(self)
        for report in self:
            report._check_draft()
            if report.month > today:
                raise UserError(
                    _(
                        "%(report)s covers a month that has not begun yet.",
                        report=report.display_name,
                    )
                )
            if not report.line_ids and not report.work_summary:
                report.action_prefill()
            if not (report.work_summary or "").strip():
                raise UserError(
                    _(
                        "%(report)s: the work of the month must be described before "
                        "submitting.",
                        report=report.display_name,
                    )
                )
            report._sgz_step_write(
                {
                    "state": "submitted",
                    "submit_date": today,
                    "submitted_by": self.env.uid,
                }
            )
        return True

    def action_review(self, opinion=None):
        """The supervisor's (or officer's) review, with the comments it gives."""
        require_group(self.env, SUPERVISOR, OFFICER)
        self._sgz_require_state(
            "submitted",
            message=_(
                "%(record)s can only be reviewed after it is submitted and before it "
                "is reviewed (now: %(state)s)."
            ),
        )
        if opinion is None:
            return decision_action(self, "action_review", _("Review Monthly Brief"))
        self._sgz_step_write(
            {
                "state": "reviewed",
                "review_note": opinion.strip() or False,
                "reviewed_by": self.env.uid,
                "review_date": fields.Date.context_today(self),
            }
        )
        return True

    def action_reset_draft(self):
        """Send a submitted brief back to the agency (the late flag stays, see docs)."""
        require_group(self.env, SUPERVISOR, OFFICER)
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    _(
                        "%(report)s can only be sent back while it is submitted.",
                        report=report.display_name,
                    )
                )
        self._sgz_step_write({"state": "draft"})
        return True

    @api.model
    def _cron_remind_overdue(self):
        """Daily: the overdue briefs of running projects are handed to their agency
        (``_sgz_handovers``); returns how many briefs were looked at without error."""
        return len(self._sgz_cron_handovers())

    # ------------------------------------------------------------- hand-overs
    def _sgz_handover_domain(self):
        return [
            ("state", "=", "draft"),
            ("due_date", "<", fields.Date.context_today(self)),
            ("project_id.state", "in", ACTIVE_STATES),
        ]

    def _sgz_handovers(self):
        def lead(report):
            # the project lead, else every user of the agency
            return named_user(report.project_id.user_id) or agency_users(
                report, report.agency_id
            )

        def reviewers(report):
            # the project's supervisor, else the supervisors, else the officers
            return (
                project_supervisor(report.project_id)
                or role_users(report, SUPERVISOR)
                or role_users(report, OFFICER)
            )

        return [
            Handover(
                "sgz_stations.activity_brief_overdue",
                waiting=lambda r: r.is_overdue and r.project_id.state in ACTIVE_STATES,
                users=lead,
                deadline=lambda r: r.due_date,
                note=lambda r: r.env._(
                    "%(report)s was due on %(date)s and has not been submitted.",
                    report=r.display_name,
                    date=r.due_date,
                ),
            ),
            Handover(
                "sgz_stations.activity_brief_review",
                waiting=lambda r: r.state == "submitted"
                and r.project_id.state in ACTIVE_STATES,
                users=reviewers,
                deadline=lambda r: r.submit_date,
            ),
        ]


class SgzMonthlyReportLine(models.Model):
    _name = "sgz.monthly.report.line"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Monthly Brief Figures"
    _order = "report_id, activity_type, domain_id"

    report_id = fields.Many2one(
        "sgz.monthly.report", required=True, ondelete="cascade", index=True
    )
    activity_type = fields.Selection(ACTIVITY_TYPES, string="Type", required=True)
    domain_id = fields.Many2one("sgz.service.domain", string="Service Domain")
    sessions = fields.Integer()
    beneficiaries = fields.Integer()
    attendances = fields.Integer()

    def _sgz_check_editable(self):
        self.report_id._check_draft()
