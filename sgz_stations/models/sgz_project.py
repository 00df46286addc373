from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import evaluation_rules, money_rules
from .sgz_checks import check_not_negative
from .sgz_workflow import (  # noqa: F401  (the role names are imported from here too)
    MANAGER,
    OFFICER,
    SUPERVISOR,
    in_step,
    require_group,
    workflow_step,
)

ACTIVITY_TYPES = [
    ("case", "Casework"),
    ("group", "Group Work"),
    ("community", "Community Activity"),
    ("visit", "Home Visit"),
]

# 项目资金来源 (申报书 / 结项报告书 L3660-3675)
FUNDING_SOURCES = [
    ("provincial", "Ministry / Provincial Funds Applied For"),
    ("local_match", "Prefecture / City / County Matching Funds"),
    ("fiscal", "Fiscal Funds"),
    ("lottery", "Welfare Lottery Public-welfare Funds"),
    ("donations", "Funds Raised from Society"),
    ("own", "Agency's Own Funds"),
    ("other", "Other"),
]

PROJECT_STATES = [
    ("draft", "Draft"),
    ("running", "In Progress"),
    ("midterm", "Mid-term Evaluation"),
    ("final", "Final Evaluation"),
    ("closed", "Closed"),
    ("terminated", "Terminated"),
]
# States in which the agency delivers services and records activities.
ACTIVE_STATES = ("running", "midterm", "final")

# Terms of the purchase: once the project runs, they change only through an approved
# change request (项目变更申请审批表, L4140-4160; budgets L4240-4242).
LOCKED_FIELDS = {
    "agency_id",
    "station_ids",
    "date_start",
    "date_end",
    "amount",
    "target_beneficiaries",
    "target_beneficiaries_mid",
    "funding_ids",
    "member_ids",
    "target_ids",
    "company_id",
}

# The change request's application step may change a running project's terms.
TERMS_STEP = "sgz.project:terms"


class SgzProject(models.Model):
    _name = "sgz.project"
    _description = "Station Service Project"
    _inherit = [
        "sgz.workflow.mixin",
        "sgz.money.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _sgz_workflow_fields = ("state", "code", "termination_reason")
    _sgz_money_fields = ("amount",)

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        string="Project Number",
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    state = fields.Selection(
        PROJECT_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    station_ids = fields.Many2many(
        "sgz.station",
        string="Stations Served",
        check_company=True,
        tracking=True,
    )
    county_id = fields.Many2one(
        "sgz.region",
        string="County / District",
        compute="_compute_county",
        store=True,
        index=True,
        help="The county or district of the stations served (the first by code when "
        "they lie in several).",
    )
    agency_id = fields.Many2one(
        "res.partner",
        string="Contracted Agency",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
    )
    purchaser_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        default=lambda self: self.env.company.partner_id,
        help="The civil-affairs bureau or township government buying the service.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Project Lead",
        tracking=True,
        help="The agency's project lead; late-report reminders go to this user.",
    )
    supervisor_user_id = fields.Many2one(
        "res.users", string="Supervisor", tracking=True
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    date_midterm = fields.Date(
        string="Mid-term Cut-off",
        compute="_compute_date_midterm",
        store=True,
        readonly=False,
        help="Activities up to this date count as the mid-term result. "
        "Defaults to the middle of the service period.",
    )
    amount = fields.Monetary(string="Project Amount", tracking=True)
    funding_ids = fields.One2many(
        "sgz.project.funding", "project_id", string="Funding Sources", copy=True
    )
    funding_total = fields.Monetary(compute="_compute_funding_total")
    member_ids = fields.One2many(
        "sgz.project.member", "project_id", string="Project Team", copy=True
    )
    target_beneficiaries = fields.Integer(
        string="Expected Beneficiaries", tracking=True
    )
    target_beneficiaries_mid = fields.Integer(
        string="Expected Beneficiaries by Mid-term", tracking=True
    )
    target_ids = fields.One2many(
        "sgz.project.target", "project_id", string="Activity Targets", copy=True
    )
    report_due_day = fields.Integer(
        string="Monthly Brief Due Day",
        default=lambda self: self.env.company.sgz_report_due_day,
        help="Day of the following month by which the monthly brief is due.",
    )
    description = fields.Html(string="Service Plan")
    termination_reason = fields.Text(readonly=True, copy=False)
    rectification_plan = fields.Text(
        tracking=True,
        copy=False,
        help="Required after a failing evaluation.",
    )
    rectification_deadline = fields.Date(tracking=True, copy=False)

    activity_ids_sgz = fields.One2many(
        "sgz.activity", "project_id", string="Service Activities"
    )
    monthly_report_ids = fields.One2many(
        "sgz.monthly.report", "project_id", string="Monthly Briefs"
    )
    evaluation_ids = fields.One2many(
        "sgz.evaluation", "project_id", string="Evaluations"
    )
    change_request_ids = fields.One2many(
        "sgz.change.request", "project_id", string="Change Requests"
    )
    project_report_ids = fields.One2many(
        "sgz.project.report", "project_id", string="Mid-term and Final Reports"
    )

    next_deadline = fields.Date(
        compute="_compute_next_deadline",
        help="The earliest thing the agency still owes: a monthly brief, the mid-term "
        "or the final report, the end of the service period.",
    )
    next_deadline_what = fields.Char(
        string="Next Deadline For", compute="_compute_next_deadline"
    )
    actual_beneficiaries = fields.Integer(compute="_compute_progress")
    actual_attendances = fields.Integer(compute="_compute_progress")
    actual_beneficiaries_mid = fields.Integer(
        string="Actual Beneficiaries by Mid-term", compute="_compute_progress"
    )
    completion_mid = fields.Float(
        string="Mid-term Completion (%)",
        compute="_compute_progress",
        digits=(6, 1),
        help="中期实际完成比例 = actual / expected beneficiaries by mid-term.",
    )
    completion_total = fields.Float(
        string="Completion (%)", compute="_compute_progress", digits=(6, 1)
    )
    activity_count = fields.Integer(compute="_compute_progress")
    late_report_count = fields.Integer(
        string="Late or Missing Monthly Briefs", compute="_compute_report_counts"
    )
    needs_rectification = fields.Boolean(
        compute="_compute_needs_rectification",
        help="The last confirmed evaluation failed.",
    )
    last_evaluation_id = fields.Many2one(
        "sgz.evaluation", compute="_compute_needs_rectification"
    )

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "The project number must be unique.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("station_ids.county_id")
    def _compute_county(self):
        for project in self:
            counties = project.station_ids.county_id.sorted(lambda r: r.code or "")
            project.county_id = counties[:1]

    @api.depends("date_start", "date_end")
    def _compute_date_midterm(self):
        for project in self:
            if project.date_start and project.date_end and not project.date_midterm:
                half = (project.date_end - project.date_start) / 2
                project.date_midterm = project.date_start + half

    @api.depends("funding_ids.amount")
    def _compute_funding_total(self):
        for project in self:
            project.funding_total = float(
                money_rules.money_sum(project.funding_ids.mapped("amount"))
            )

    @api.depends(
        "activity_ids_sgz.beneficiaries",
        "activity_ids_sgz.attendances",
        "activity_ids_sgz.date",
        "date_midterm",
        "target_beneficiaries",
        "target_beneficiaries_mid",
    )
    @api.depends(
        "state",
        "date_midterm",
        "date_end",
        "monthly_report_ids.state",
        "monthly_report_ids.due_date",
        "project_report_ids.state",
        "project_report_ids.report_type",
    )
    @api.depends_context("lang")
    def _compute_next_deadline(self):
        for project in self:
            due = []
            if project.state in ACTIVE_STATES:
                for brief in project.monthly_report_ids.filtered(
                    lambda r: r.state == "draft" and r.due_date
                ):
                    due.append(
                        (
                            brief.due_date,
                            self.env._(
                                "Monthly brief %(month)s", month=brief.month_label
                            ),
                        )
                    )
                submitted = project.project_report_ids.filtered(
                    lambda r: r.state != "draft"
                ).mapped("report_type")
                if project.date_midterm and "midterm" not in submitted:
                    due.append((project.date_midterm, self.env._("Mid-term report")))
                if project.date_end and "final" not in submitted:
                    due.append((project.date_end, self.env._("Final report")))
            first = min(due, default=(False, False), key=lambda d: d[0])
            project.next_deadline, project.next_deadline_what = first

    def _compute_progress(self):
        totals = self._activity_totals()
        mids = self._activity_totals(until_midterm=True)
        for project in self:
            count, benef, attend = totals.get(project.id, (0, 0, 0))
            project.activity_count = count
            project.actual_beneficiaries = benef
            project.actual_attendances = attend
            project.actual_beneficiaries_mid = mids.get(project.id, (0, 0, 0))[1]
            mid = evaluation_rules.completion_ratio(
                project.actual_beneficiaries_mid, project.target_beneficiaries_mid
            )
            total = evaluation_rules.completion_ratio(
                benef, project.target_beneficiaries
            )
            project.completion_mid = mid or 0.0
            project.completion_total = total or 0.0

    def _activity_totals(self, until_midterm=False):
        """{project id: (activities, beneficiaries, attendances)} in one query."""
        projects = self.filtered("id")
        if not projects:
            return {}
        domain = [("project_id", "in", projects.ids)]
        result = {}
        groups = self.env["sgz.activity"]._read_group(
            domain,
            ["project_id", "date:day"] if until_midterm else ["project_id"],
            ["__count", "beneficiaries:sum", "attendances:sum"],
        )
        for group in groups:
            project = group[0]
            if until_midterm:
                day = group[1]
                if not project.date_midterm or day > project.date_midterm:
                    continue
                count, benef, attend = group[2:]
            else:
                count, benef, attend = group[1:]
            old = result.get(project.id, (0, 0, 0))
            result[project.id] = (old[0] + count, old[1] + benef, old[2] + attend)
        return result

    def _compute_report_counts(self):
        counts = self.env["sgz.monthly.report"]._late_counts(
            self, fields.Date.context_today(self)
        )
        for project in self:
            project.late_report_count = counts.get(project.id, 0)

    @api.depends("evaluation_ids.state", "evaluation_ids.passed")
    def _compute_needs_rectification(self):
        for project in self:
            last = project._last_confirmed_evaluation()
            project.last_evaluation_id = last
            project.needs_rectification = bool(last and not last.passed)

    def _last_confirmed_evaluation(self, eval_type=None):
        self.ensure_one()
        evaluations = self.evaluation_ids.filtered(
            lambda e: e.state == "confirmed"
            and (not eval_type or e.eval_type == eval_type)
        )
        # a confirmed evaluation always has its date (the confirmation step sets it)
        return evaluations.sorted(
            lambda e: (e.confirm_date or fields.Date.to_date("1970-01-01"), e.id)
        )[-1:]

    def _sgz_evaluation_passed(self, eval_type):
        """True when the latest confirmed evaluation of ``eval_type`` passed.

        The disbursement gates of the finance addon read this: a failing result holds
        the money until a re-evaluation passes (L165, L171).
        """
        self.ensure_one()
        last = self._last_confirmed_evaluation(eval_type)
        return bool(last and last.passed)

    # ---------------------------------------------------------------- constraints
    @api.constrains("date_start", "date_end", "date_midterm")
    def _check_dates(self):
        for project in self:
            if project.date_end < project.date_start:
                raise ValidationError(
                    _(
                        "Service period of %(project)s: the end date %(end)s is before "
                        "the start date %(start)s.",
                        project=project.display_name,
                        end=project.date_end,
                        start=project.date_start,
                    )
                )
            mid = project.date_midterm
            if mid and not project.date_start <= mid <= project.date_end:
                raise ValidationError(
                    _(
                        "Mid-term cut-off of %(project)s: %(date)s is outside the "
                        "service "
                        "period %(start)s - %(end)s.",
                        project=project.display_name,
                        date=mid,
                        start=project.date_start,
                        end=project.date_end,
                    )
                )
            outside = project.activity_ids_sgz.filtered(
                lambda a, p=project: not p.date_start <= a.date <= p.date_end
            )
            if outside:
                raise ValidationError(
                    _(
                        "Service period of %(project)s: %(count)s recorded activities "
                        "would fall outside %(start)s - %(end)s (first: %(activity)s "
                        "on "
                        "%(date)s).",
                        project=project.display_name,
                        count=len(outside),
                        start=project.date_start,
                        end=project.date_end,
                        activity=outside[0].name,
                        date=outside[0].date,
                    )
                )

    @api.constrains(
        "amount", "target_beneficiaries", "target_beneficiaries_mid", "report_due_day"
    )
    def _check_amounts(self):
        check_not_negative(
            self, ["amount", "target_beneficiaries", "target_beneficiaries_mid"]
        )
        for project in self:
            if not 1 <= project.report_due_day <= 31:
                raise ValidationError(
                    _(
                        "Monthly Brief Due Day of %(project)s: %(day)s is not a day "
                        "of "
                        "the month (1-31).",
                        project=project.display_name,
                        day=project.report_due_day,
                    )
                )
            if project.target_beneficiaries_mid > project.target_beneficiaries:
                raise ValidationError(
                    _(
                        "Expected beneficiaries of %(project)s: %(mid)s by mid-term is "
                        "more than %(total)s for the whole project.",
                        project=project.display_name,
                        mid=project.target_beneficiaries_mid,
                        total=project.target_beneficiaries,
                    )
                )

    @api.constrains("agency_id", "company_id")
    def _check_agency(self):
        for project in self:
            if not project.agency_id.is_sgz_agency:
                raise ValidationError(
                    _(
                        "Contracted Agency of %(project)s: %(partner)s is not "
                        "registered "
                        "as a contracted agency.",
                        project=project.display_name,
                        partner=project.agency_id.display_name,
                    )
                )

    def _check_funding(self):
        """Funding sources must add up to the project amount to the fen."""
        for project in self:
            if project.currency_id.compare_amounts(
                project.funding_total, project.amount
            ):
                raise ValidationError(
                    _(
                        "Funding sources of %(project)s add up to %(funding)s but the "
                        "project amount is %(amount)s; they must be equal.",
                        project=project.display_name,
                        funding=project.funding_total,
                        amount=project.amount,
                    )
                )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_workflow_vals(vals_list)
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                # the number carries the year the service starts
                vals["code"] = self.env["ir.sequence"].next_by_code(
                    "sgz.project", sequence_date=vals.get("date_start")
                )
        with self._sgz_step():
            return super().create(vals_list)

    def write(self, vals):
        locked = LOCKED_FIELDS.intersection(vals)
        if locked and not in_step(TERMS_STEP):
            self._check_terms_editable(locked)
        result = super().write(vals)
        if {"date_start", "date_end", "report_due_day"} & set(vals):
            self.filtered(lambda p: p.state in ACTIVE_STATES)._sync_monthly_reports()
        if "funding_ids" in vals or "amount" in vals:
            self.filtered(lambda p: p.state != "draft")._check_funding()
        return result

    def _check_terms_editable(self, field_names=None):
        """Running projects change their terms only through a change request."""
        for project in self:
            if project.state == "draft":
                continue
            names = ", ".join(
                sorted(
                    project._fields[f]._description_string(self.env)
                    for f in (field_names or ["member_ids"])
                )
            )
            raise UserError(
                _(
                    "%(project)s is %(state)s: %(fields)s can only be changed by an "
                    "approved change request.",
                    project=project.display_name,
                    state=dict(
                        project._fields["state"]._description_selection(self.env)
                    )[project.state],
                    fields=names,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for project in self:
            if project.state != "draft":
                raise UserError(
                    _(
                        "%(project)s has started; it cannot be deleted. Terminate it "
                        "instead.",
                        project=project.display_name,
                    )
                )

    @api.depends("name", "code")
    def _compute_display_name(self):
        for project in self:
            project.display_name = (
                f"[{project.code}] {project.name}"
                if project.code and project.code != _("New")
                else project.name
            )

    # ----------------------------------------------------------------- workflow
    def _start_issues(self):
        """Sentences explaining why the project cannot start (empty when it can)."""
        self.ensure_one()
        issues = []
        if self.amount <= 0:
            issues.append(_("the project amount must be greater than zero"))
        if self.currency_id.compare_amounts(self.funding_total, self.amount):
            issues.append(
                _(
                    "funding sources add up to %(funding)s, not the amount %(amount)s",
                    funding=self.funding_total,
                    amount=self.amount,
                )
            )
        if not self.station_ids:
            issues.append(_("no station is served"))
        if not self.member_ids:
            issues.append(_("the project team is empty"))
        elif not self.member_ids.worker_id.filtered(
            lambda w: w.certificate_level != "none"
        ):
            issues.append(
                _(
                    "no team member holds a social-worker certificate; at least one "
                    "is required"
                )
            )
        if not self.target_beneficiaries:
            issues.append(_("the expected number of beneficiaries is not set"))
        if self.agency_id._sgz_barred_on(self.date_start):
            issues.append(
                _(
                    "%(agency)s is barred from station projects until %(date)s",
                    agency=self.agency_id.name,
                    date=self.agency_id.sgz_barred_until,
                )
            )
        return issues

    def action_start(self):
        require_group(self.env, OFFICER)
        for project in self:
            if project.state != "draft":
                raise UserError(
                    _(
                        "%(project)s has already started.",
                        project=project.display_name,
                    )
                )
            issues = project._start_issues()
            if issues:
                raise UserError(
                    _(
                        "%(project)s cannot start:\n%(issues)s",
                        project=project.display_name,
                        issues="\n".join(f"- {issue}" for issue in issues),
                    )
                )
            project._sgz_step_write({"state": "running"})
            project._sync_monthly_reports()
        return True

    def action_to_midterm(self):
        require_group(self.env, OFFICER, SUPERVISOR)
        self._sgz_require_state("running")
        self._sgz_step_write({"state": "midterm"})
        return True

    def action_to_final(self):
        require_group(self.env, OFFICER, SUPERVISOR)
        self._sgz_require_state("midterm")
        for project in self:
            if not project._last_confirmed_evaluation("midterm"):
                raise UserError(
                    _(
                        "%(project)s has no confirmed mid-term evaluation yet; the "
                        "final "
                        "evaluation comes after it.",
                        project=project.display_name,
                    )
                )
            project._check_rectification()
        self._sgz_step_write({"state": "final"})
        return True

    def action_close(self):
        require_group(self.env, OFFICER)
        self._sgz_require_state("final")
        for project in self:
            if not project._last_confirmed_evaluation("final"):
                raise UserError(
                    _(
                        "%(project)s can only be closed after its final evaluation has "
                        "been confirmed.",
                        project=project.display_name,
                    )
                )
            project._check_rectification()
        self._sgz_step_write({"state": "closed"})
        return True

    def _check_rectification(self):
        for project in self:
            if project.needs_rectification and not project.rectification_plan:
                raise UserError(
                    _(
                        "%(project)s failed its last evaluation (%(evaluation)s): the "
                        "agency must first file a rectification plan.",
                        project=project.display_name,
                        evaluation=project.last_evaluation_id.display_name,
                    )
                )

    def action_open_terminate(self):
        require_group(self.env, MANAGER)
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.project.terminate",
            "view_mode": "form",
            "target": "new",
            "context": {"default_project_id": self.id},
        }

    def _terminate(self, reason):
        require_group(self.env, MANAGER)
        self._sgz_require_state("draft", *ACTIVE_STATES)
        if not (reason or "").strip():
            raise UserError(_("A project can only be terminated with a reason."))
        self._sgz_step_write({"state": "terminated", "termination_reason": reason})
        # months that have not begun need no brief any more
        today = fields.Date.context_today(self)
        self.sudo().monthly_report_ids.filtered(
            lambda r: r.state == "draft" and r.month > today
        ).unlink()
        for project in self:
            project._message_log(
                body=_("Project terminated: %(reason)s", reason=reason)
            )
        return True

    # ----------------------------------------------------------- monthly reports
    def _sync_monthly_reports(self):
        """One report per month of the period; drafts outside the period go away."""
        Report = self.env["sgz.monthly.report"].sudo()
        for project in self:
            months = evaluation_rules.month_starts(project.date_start, project.date_end)
            existing = {r.month: r for r in project.sudo().monthly_report_ids}
            missing = [m for m in months if m not in existing]
            with workflow_step(Report._name):
                Report.create([{"project_id": project.id, "month": m} for m in missing])
            stale = [
                r
                for month, r in existing.items()
                if month not in months and r.state == "draft"
            ]
            for report in stale:
                report.unlink()


class SgzProjectTermMixin(models.AbstractModel):
    """Lines of a project's terms (funding, team, targets): frozen once it runs."""

    _name = "sgz.project.term.mixin"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Project Term Line"
    _sgz_project_field = None  # the project's one2many holding these lines

    def _check_project_terms(self):
        if not in_step(TERMS_STEP):
            self.project_id._check_terms_editable([self._sgz_project_field])

    def _sgz_check_editable(self):
        self._check_project_terms()


class SgzProjectFunding(models.Model):
    _name = "sgz.project.funding"
    _inherit = ["sgz.project.term.mixin", "sgz.money.mixin"]
    _sgz_project_field = "funding_ids"
    _sgz_money_fields = ("amount",)
    _description = "Project Funding Source"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "sgz.project", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    source = fields.Selection(FUNDING_SOURCES, required=True)
    note = fields.Char()
    currency_id = fields.Many2one(related="project_id.currency_id")
    amount = fields.Monetary(required=True)

    def _sgz_money_record_name(self, vals=None):
        project = (
            self.project_id
            if self
            else self.env["sgz.project"].browse((vals or {}).get("project_id"))
        )
        return _("Funding sources of %(project)s", project=project.display_name)

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if line.currency_id.compare_amounts(line.amount, 0) <= 0:
                raise ValidationError(
                    _(
                        "Funding source of %(project)s: the amount must be greater "
                        "than "
                        "zero (%(amount)s).",
                        project=line.project_id.display_name,
                        amount=line.amount,
                    )
                )


class SgzProjectMember(models.Model):
    _name = "sgz.project.member"
    _inherit = ["sgz.project.term.mixin"]
    _sgz_project_field = "member_ids"
    _description = "Project Team Member"
    _order = "project_id, sequence, id"

    project_id = fields.Many2one(
        "sgz.project", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    worker_id = fields.Many2one(
        "sgz.social.worker", string="Social Worker", required=True, index=True
    )
    role = fields.Selection(
        [
            ("lead", "Project Lead"),
            ("social_worker", "Social Worker"),
            ("affairs", "Administrative Staff"),
            ("supervisor", "Supervisor"),
            ("finance", "Finance"),
            ("other", "Other"),
        ],
        required=True,
        default="social_worker",
    )
    employment = fields.Selection(
        [("full", "Full-time"), ("part", "Part-time")],
        required=True,
        default="full",
    )
    certificate_level = fields.Selection(related="worker_id.certificate_level")
    date_from = fields.Date(string="On the Project Since")

    _sql_constraints = [
        (
            "worker_unique",
            "unique(project_id, worker_id)",
            "A social worker is listed once on a project team.",
        ),
    ]

    @api.constrains("worker_id", "project_id")
    def _check_agency(self):
        for member in self:
            worker, project = member.worker_id, member.project_id
            if (
                worker.employer_type == "agency"
                and worker.agency_id != project.agency_id
            ):
                raise ValidationError(
                    _(
                        "Project team of %(project)s: %(worker)s works for %(agency)s, "
                        "not for the contracted agency %(contracted)s.",
                        project=project.display_name,
                        worker=worker.name,
                        agency=worker.agency_id.name or "-",
                        contracted=project.agency_id.name,
                    )
                )


class SgzProjectTarget(models.Model):
    _name = "sgz.project.target"
    _inherit = ["sgz.project.term.mixin"]
    _sgz_project_field = "target_ids"
    _description = "Project Activity Target"
    _order = "project_id, domain_id, activity_type"

    project_id = fields.Many2one(
        "sgz.project", required=True, ondelete="cascade", index=True
    )
    domain_id = fields.Many2one(
        "sgz.service.domain", string="Service Domain", required=True
    )
    activity_type = fields.Selection(ACTIVITY_TYPES, required=True)
    sessions = fields.Integer(string="Planned Sessions")
    beneficiaries = fields.Integer(string="Planned Beneficiaries")
    attendances = fields.Integer(string="Planned Attendances")
    actual_sessions = fields.Integer(compute="_compute_actuals")
    actual_beneficiaries = fields.Integer(compute="_compute_actuals")
    actual_attendances = fields.Integer(compute="_compute_actuals")

    _sql_constraints = [
        (
            "target_unique",
            "unique(project_id, domain_id, activity_type)",
            "A project has one target per service domain and activity type.",
        ),
    ]

    @api.constrains("sessions", "beneficiaries", "attendances")
    def _check_counts(self):
        check_not_negative(self, ["sessions", "beneficiaries", "attendances"])

    def _compute_actuals(self):
        groups = self.env["sgz.activity"]._read_group(
            [("project_id", "in", self.project_id.ids)],
            ["project_id", "domain_id", "activity_type"],
            ["__count", "beneficiaries:sum", "attendances:sum"],
        )
        actuals = {(p.id, d.id, t): (c, b, a) for p, d, t, c, b, a in groups}
        for target in self:
            key = (target.project_id.id, target.domain_id.id, target.activity_type)
            c, b, a = actuals.get(key, (0, 0, 0))
            target.actual_sessions = c
            target.actual_beneficiaries = b
            target.actual_attendances = a
