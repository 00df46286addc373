from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import evaluation_rules
from .res_partner import GRADES
from .sgz_evaluation_template import AUTO_SOURCES, SCORING
from .sgz_handover import Handover, role_users
from .sgz_workflow import OFFICER, SUPERVISOR, require_group

EVAL_TYPES = [
    ("midterm", "Mid-term"),
    ("final", "Final"),
    ("annual", "Annual"),
]


class SgzEvaluation(models.Model):
    _name = "sgz.evaluation"
    _description = "Project Evaluation"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _sgz_workflow_fields = ("state", "confirmed_by", "confirm_date")
    _order = "date desc, id desc"
    _rec_names_search = ["project_id.code", "project_id.name"]

    # computed in the reader's language (a stored name would keep the language of
    # whoever created the evaluation)
    name = fields.Char(compute="_compute_name")
    project_id = fields.Many2one(
        "sgz.project", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    eval_type = fields.Selection(
        EVAL_TYPES, string="Evaluation Type", required=True, default="midterm"
    )
    date = fields.Date(
        string="Evaluation Date", required=True, default=fields.Date.context_today
    )
    template_id = fields.Many2one(
        "sgz.evaluation.template",
        string="Scoring Template",
        required=True,
        ondelete="restrict",
        default=lambda self: self._default_template(),
    )
    evaluator_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    evaluator_org = fields.Char(
        string="Third-party Evaluator", help="The evaluating organisation, if any."
    )
    state = fields.Selection(
        [
            ("draft", "Scoring"),
            ("submitted", "Submitted"),
            ("confirmed", "Confirmed"),
        ],
        default="draft",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
        index=True,
    )
    line_ids = fields.One2many(
        "sgz.evaluation.line", "evaluation_id", string="Scores", copy=False
    )
    complaint_ids = fields.One2many(
        "sgz.evaluation.complaint", "evaluation_id", string="Verified Complaints"
    )
    required_trainings = fields.Integer(
        string="Trainings and Meetings Held",
        help="Trainings and meetings organised by the province, city and county in the "
        "period; those the team missed are deducted automatically.",
    )
    veto = fields.Boolean(
        string="One-vote Veto",
        tracking=True,
        help="Fraud, concealment or false data: the evaluation fails.",
    )
    veto_reason = fields.Text()
    funds_misused = fields.Boolean(
        tracking=True,
        help="Project money not used for its purpose: the finance group " "scores 0.",
    )
    funds_misuse_note = fields.Text()
    total_score = fields.Float(
        compute="_compute_total", store=True, digits=(6, 2), tracking=True
    )
    grade = fields.Selection(GRADES, compute="_compute_total", store=True)
    passed = fields.Boolean(compute="_compute_total", store=True)
    group_summary = fields.Text(
        string="Group Scores", compute="_compute_total", store=True
    )
    conclusion = fields.Text(string="Evaluation Conclusion")
    confirmed_by = fields.Many2one("res.users", readonly=True, copy=False)
    confirm_date = fields.Date(readonly=True, copy=False)

    @api.model
    def _default_template(self):
        return self.env["sgz.evaluation.template"].search([], limit=1)

    @api.depends("project_id.code", "eval_type", "date")
    def _compute_name(self):
        labels = dict(self._fields["eval_type"]._description_selection(self.env))
        for evaluation in self:
            evaluation.name = _(
                "%(project)s %(type)s evaluation %(date)s",
                project=evaluation.project_id.code or evaluation.project_id.name or "",
                type=labels.get(evaluation.eval_type, ""),
                date=evaluation.date or "",
            )

    @api.depends(
        "line_ids.score",
        "complaint_ids.points",
        "veto",
        "funds_misused",
    )
    def _compute_total(self):
        for evaluation in self:
            groups = {}
            finance = set()
            names = {}
            for line in evaluation.line_ids:
                key = line.group_id.id
                names[key] = line.group_id.name
                groups[key] = groups.get(key, 0) + evaluation_rules._dec(line.score)
                if line.group_id.is_finance and evaluation.funds_misused:
                    finance.add(key)
            total, group_totals = evaluation_rules.total_score(
                groups,
                complaint_points=evaluation.complaint_ids.mapped("points"),
                veto=evaluation.veto,
                misuse_groups=finance,
            )
            evaluation.total_score = float(total)
            evaluation.grade = (
                evaluation_rules.FAIL
                if evaluation.veto
                else evaluation_rules.grade_for(total)
            )
            evaluation.passed = evaluation.grade != evaluation_rules.FAIL
            evaluation.group_summary = "\n".join(
                f"{names[key]}: {float(points):g}"
                for key, points in group_totals.items()
            )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        evaluations = super().create(vals_list)
        for evaluation in evaluations:
            evaluation._check_can_evaluate()
            evaluation._create_lines()
            evaluation._compute_auto_counts()
        return evaluations

    def write(self, vals):
        if not self._sgz_in_step():
            self._check_editable()
        result = super().write(vals)
        if {"date", "required_trainings", "project_id"} & set(vals):
            self._compute_auto_counts()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_unless_confirmed(self):
        self._check_editable()

    def _check_editable(self):
        for evaluation in self:
            if evaluation.state == "confirmed":
                raise UserError(
                    _(
                        "%(evaluation)s has been confirmed by the bureau and is "
                        "locked.",
                        evaluation=evaluation.display_name,
                    )
                )

    def _check_can_evaluate(self):
        project = self.project_id
        if project.state in ("draft", "terminated", "closed"):
            raise UserError(
                _(
                    "%(project)s is not running; it cannot be evaluated.",
                    project=project.display_name,
                )
            )
        needed = {"midterm": ("midterm",), "final": ("final",)}.get(self.eval_type)
        if needed and project.state not in needed:
            raise UserError(
                _(
                    "A %(type)s evaluation of %(project)s needs the project in its "
                    "%(type)s evaluation stage.",
                    type=dict(
                        self._fields["eval_type"]._description_selection(self.env)
                    )[self.eval_type],
                    project=project.display_name,
                )
            )
        if self.eval_type in ("midterm", "final") and project._sgz_evaluation_passed(
            self.eval_type
        ):
            raise UserError(
                _(
                    "%(project)s already passed this evaluation; only a failed one is "
                    "evaluated again.",
                    project=project.display_name,
                )
            )

    def _create_lines(self):
        """Copy the template's items: the evaluation keeps what it was scored with."""
        self.ensure_one()
        issues = self.template_id._consistency_issues()
        if issues:
            raise UserError(
                _(
                    "%(template)s cannot be used: %(issues)s",
                    template=self.template_id.display_name,
                    issues=" ".join(issues),
                )
            )
        self.env["sgz.evaluation.line"]._sgz_step_create(
            [
                {
                    "evaluation_id": self.id,
                    "item_id": item.id,
                    "group_id": item.group_id.id,
                    "sequence": item.sequence,
                    "name": item.name,
                    "basis": item.basis,
                    "max_score": item.max_score,
                    "scoring": item.scoring,
                    "unit_points": item.unit_points,
                    "auto_source": item.auto_source,
                    "manual_score": item.max_score if item.scoring == "manual" else 0,
                }
                for item in self.template_id.item_ids
            ]
        )

    def _compute_auto_counts(self):
        """Occurrences the data already knows: late briefs and missed trainings."""
        for evaluation in self:
            if evaluation.state == "confirmed":
                continue
            project = evaluation.project_id
            late = self.env["sgz.monthly.report"]._late_counts(project, evaluation.date)
            attended = evaluation._trainings_attended()
            missed = max(evaluation.required_trainings - attended, 0)
            for line in evaluation.line_ids:
                if line.auto_source == "monthly_reports":
                    count = late.get(project.id, 0)
                elif line.auto_source == "trainings":
                    count = missed
                else:
                    continue
                if line.count != count:
                    line._sgz_step_write({"count": count})

    def _trainings_attended(self):
        """Distinct trainings (name, date) the project team attended in the period."""
        self.ensure_one()
        project = self.project_id
        records = (
            self.env["sgz.training.record"]
            .sudo()
            .search(
                [
                    ("worker_id", "in", project.member_ids.worker_id.ids),
                    ("date", ">=", project.date_start),
                    ("date", "<=", self.date),
                ]
            )
        )
        return len({(r.name.strip(), r.date) for r in records})

    # ----------------------------------------------------------------- workflow
    def action_refresh_auto(self):
        self._check_editable()
        self._compute_auto_counts()
        return True

    def _sgz_handovers(self):
        return [
            Handover(
                "sgz_stations.activity_evaluation_confirm",
                waiting=lambda r: r.state == "submitted",
                users=lambda r: role_users(r, OFFICER),
            ),
        ]

    def action_submit(self):
        require_group(self.env, SUPERVISOR, OFFICER)
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(
                    _(
                        "%(evaluation)s has already been submitted.",
                        evaluation=evaluation.display_name,
                    )
                )
            if evaluation.veto and not (evaluation.veto_reason or "").strip():
                raise UserError(_("A one-vote veto needs the facts that justify it."))
            if (
                evaluation.funds_misused
                and not (evaluation.funds_misuse_note or "").strip()
            ):
                raise UserError(_("Misuse of funds needs a description of the facts."))
            evaluation._compute_auto_counts()
            evaluation._sgz_step_write({"state": "submitted"})
        return True

    def action_back_to_draft(self):
        require_group(self.env, SUPERVISOR, OFFICER)
        self._check_editable()
        self._sgz_step_write({"state": "draft"})
        return True

    def action_confirm(self):
        """The bureau confirms: the result is locked and recorded on the agency."""
        require_group(self.env, OFFICER)
        for evaluation in self:
            if evaluation.state != "submitted":
                raise UserError(
                    _(
                        "%(evaluation)s must be submitted by the evaluator before the "
                        "bureau confirms it (now: %(state)s).",
                        evaluation=evaluation.display_name,
                        state=dict(
                            evaluation._fields["state"]._description_selection(self.env)
                        )[evaluation.state],
                    )
                )
            evaluation._sgz_step_write(
                {
                    "state": "confirmed",
                    "confirmed_by": self.env.uid,
                    "confirm_date": fields.Date.context_today(self),
                }
            )
            # The bar of a failing grade writes on the agency: done by the system, as a
            # consequence of the bureau's confirmation (L171).
            self.env["sgz.agency.grade"].sudo().create(
                {
                    "partner_id": evaluation.agency_id.id,
                    "date": evaluation.date,
                    "grade": evaluation.grade,
                    "score": max(evaluation.total_score, 0.0),
                    "source": evaluation.display_name,
                    "evaluation_id": evaluation.id,
                }
            )
            if not evaluation.passed:
                evaluation.project_id._message_log(
                    body=_(
                        "%(evaluation)s failed (%(score)s points): the agency must "
                        "file a "
                        "rectification plan; funds may be cut and the agency is barred "
                        "from station projects for two years.",
                        evaluation=evaluation.display_name,
                        score=evaluation.total_score,
                    )
                )
        return True


class SgzEvaluationLine(models.Model):
    _name = "sgz.evaluation.line"
    _inherit = ["sgz.workflow.mixin"]
    _description = "Evaluation Score"
    _order = "evaluation_id, group_sequence, sequence, id"
    # copied from the template when the evaluation is created; the evaluator gives
    # the points, the occurrences and the reasons
    _sgz_workflow_fields = (
        "evaluation_id",
        "item_id",
        "group_id",
        "sequence",
        "name",
        "basis",
        "max_score",
        "scoring",
        "unit_points",
        "auto_source",
    )

    evaluation_id = fields.Many2one(
        "sgz.evaluation", required=True, ondelete="cascade", index=True
    )
    item_id = fields.Many2one(
        "sgz.evaluation.template.item", string="Template Item", readonly=True
    )
    group_id = fields.Many2one(
        "sgz.evaluation.template.group", required=True, readonly=True
    )
    group_sequence = fields.Integer(
        related="group_id.sequence", store=True, string="Group Sequence"
    )
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Item", required=True, readonly=True)
    basis = fields.Text(string="Scoring Basis", readonly=True)
    max_score = fields.Float(readonly=True, digits=(6, 2))
    scoring = fields.Selection(
        SCORING, string="Scoring Method", required=True, readonly=True
    )
    unit_points = fields.Float(readonly=True, digits=(6, 2))
    auto_source = fields.Selection(
        AUTO_SOURCES, string="Occurrences from", readonly=True, default="none"
    )
    manual_score = fields.Float(string="Points Given", digits=(6, 2))
    count = fields.Integer(string="Occurrences")
    score = fields.Float(compute="_compute_score", store=True, digits=(6, 2))
    note = fields.Char(string="Reasons")

    @api.depends("scoring", "max_score", "unit_points", "count", "manual_score")
    def _compute_score(self):
        for line in self:
            line.score = float(
                evaluation_rules.item_score(
                    line.scoring,
                    line.max_score,
                    unit_points=line.unit_points,
                    count=line.count,
                    manual=line.manual_score,
                )
            )

    @api.constrains("manual_score", "count")
    def _check_bounds(self):
        for line in self:
            if (
                line.scoring == "manual"
                and not 0 <= line.manual_score <= line.max_score
            ):
                raise ValidationError(
                    _(
                        "%(item)s: %(score)s points is outside 0 - %(max)s.",
                        item=line.name,
                        score=line.manual_score,
                        max=line.max_score,
                    )
                )
            if line.count < 0:
                raise ValidationError(
                    _(
                        "%(item)s: the number of occurrences cannot be negative "
                        "(%(count)s).",
                        item=line.name,
                        count=line.count,
                    )
                )

    def write(self, vals):
        if not self._sgz_in_step():
            self.evaluation_id._check_editable()
            if "count" in vals and self.filtered(
                lambda line: line.auto_source != "none"
            ):
                raise UserError(
                    _("Occurrences counted from the project's data cannot be edited.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_alone(self):
        self.evaluation_id._check_editable()
        if not self._sgz_in_step():
            # the scoring table is the template's: an item is scored, never removed
            raise UserError(
                _(
                    "The items of an evaluation come from its scoring template; they "
                    "cannot be removed."
                )
            )


class SgzEvaluationComplaint(models.Model):
    _name = "sgz.evaluation.complaint"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Verified Complaint"

    evaluation_id = fields.Many2one(
        "sgz.evaluation", required=True, ondelete="cascade", index=True
    )
    date = fields.Date()
    description = fields.Text(required=True)
    points = fields.Float(string="Points Deducted", required=True, digits=(5, 2))

    @api.constrains("points")
    def _check_points(self):
        for complaint in self:
            template = complaint.evaluation_id.template_id
            if not template.complaint_min <= complaint.points <= template.complaint_max:
                raise ValidationError(
                    _(
                        "Complaint deduction: %(points)s points is outside %(low)s - "
                        "%(high)s per verified complaint.",
                        points=complaint.points,
                        low=template.complaint_min,
                        high=template.complaint_max,
                    )
                )

    def _sgz_check_editable(self):
        self.evaluation_id._check_editable()
