from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_workflow import OFFICER, require_group

SCORING = [
    ("manual", "Scored by the Evaluator"),
    ("deduct_per_unit", "Deduction per Occurrence"),
    ("bonus_per_unit", "Bonus per Occurrence"),
]
AUTO_SOURCES = [
    ("none", "Entered by the Evaluator"),
    ("monthly_reports", "Late or Missing Monthly Briefs"),
    ("trainings", "Missed Trainings and Meetings"),
]


class SgzEvaluationTemplate(models.Model):
    """The scoring table (社工站项目评估考核指标, L172-317) as editable, versioned "
    "data."""

    _name = "sgz.evaluation.template"
    _description = "Evaluation Scoring Template"
    _order = "name, version desc"

    name = fields.Char(required=True)
    version = fields.Integer(required=True, default=1, readonly=True, copy=False)
    active = fields.Boolean(default=True)
    group_ids = fields.One2many(
        "sgz.evaluation.template.group", "template_id", string="Groups", copy=True
    )
    item_ids = fields.One2many(
        "sgz.evaluation.template.item", "template_id", string="Items"
    )
    max_total = fields.Float(compute="_compute_max_total", digits=(6, 2))
    complaint_min = fields.Float(
        string="Complaint Deduction from", default=5.0, digits=(5, 2)
    )
    complaint_max = fields.Float(
        string="Complaint Deduction up to", default=10.0, digits=(5, 2)
    )
    complaint_rule = fields.Text(string="Complaints Rule")
    veto_rule = fields.Text(string="One-vote Veto Rule")
    misuse_rule = fields.Text(string="Misuse of Funds Rule")
    in_use = fields.Boolean(compute="_compute_in_use")
    consistency_issues = fields.Text(compute="_compute_consistency_issues")
    note = fields.Text()

    _sql_constraints = [
        (
            "version_unique",
            "unique(name, version)",
            "A template version exists only once.",
        ),
    ]

    @api.depends("group_ids.max_score")
    def _compute_max_total(self):
        for template in self:
            template.max_total = sum(template.group_ids.mapped("max_score"))

    @api.depends("group_ids.max_score", "item_ids.max_score")
    def _compute_consistency_issues(self):
        for template in self:
            template.consistency_issues = "\n".join(template._consistency_issues())

    def _consistency_issues(self):
        """Each group's items must add up to the group's points."""
        self.ensure_one()
        issues = []
        if not self.group_ids:
            issues.append(_("The template has no groups."))
        for group in self.group_ids:
            items_max = sum(group.item_ids.mapped("max_score"))
            if abs(items_max - group.max_score) > 0.001:
                issues.append(
                    _(
                        "Group %(group)s is worth %(max)s points but its items add up "
                        "to %(items)s.",
                        group=group.name,
                        max=group.max_score,
                        items=items_max,
                    )
                )
        return issues

    def _used_ids(self):
        """Ids of these templates that evaluations were scored with (fresh query)."""
        self.env["sgz.evaluation"].flush_model(["template_id"])
        used = (
            self.env["sgz.evaluation"]
            .sudo()
            ._read_group([("template_id", "in", self.ids)], ["template_id"])
        )
        return {t.id for (t,) in used}

    def _compute_in_use(self):
        used_ids = self._used_ids()
        for template in self:
            template.in_use = template.id in used_ids

    @api.depends("name", "version")
    def _compute_display_name(self):
        for template in self:
            template.display_name = _(
                "%(name)s (v%(version)s)", name=template.name, version=template.version
            )

    @api.constrains("complaint_min", "complaint_max")
    def _check_complaints(self):
        for template in self:
            if not 0 <= template.complaint_min <= template.complaint_max:
                raise ValidationError(
                    _(
                        "Complaint deductions of %(template)s: %(low)s to %(high)s is "
                        "not "
                        "a range.",
                        template=template.display_name,
                        low=template.complaint_min,
                        high=template.complaint_max,
                    )
                )

    def _check_not_in_use(self):
        used_ids = self._used_ids()
        for template in self:
            if template.id in used_ids:
                raise UserError(
                    _(
                        "%(template)s has been used to score evaluations; it can no "
                        "longer change. Create a new version instead.",
                        template=template.display_name,
                    )
                )

    def write(self, vals):
        if set(vals) - {"active"}:
            self._check_not_in_use()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_unused_only(self):
        self._check_not_in_use()

    def action_new_version(self):
        """Copy the template as the next version; the old one is archived."""
        require_group(self.env, OFFICER)
        self.ensure_one()
        latest = self.with_context(active_test=False).search(
            [("name", "=", self.name)], order="version desc", limit=1
        )
        new = self.copy({"version": latest.version + 1})
        self.active = False
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }


class SgzEvaluationTemplateGroup(models.Model):
    _name = "sgz.evaluation.template.group"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Evaluation Template Group"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "sgz.evaluation.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    max_score = fields.Float(required=True, digits=(6, 2))
    is_finance = fields.Boolean(
        string="Finance Group",
        help="Zeroed when project funds were not used for their purpose.",
    )
    item_ids = fields.One2many(
        "sgz.evaluation.template.item", "group_id", string="Items", copy=True
    )

    def _sgz_check_editable(self):
        self.template_id._check_not_in_use()


class SgzEvaluationTemplateItem(models.Model):
    _name = "sgz.evaluation.template.item"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Evaluation Template Item"
    _order = "template_id, group_sequence, sequence, id"

    group_id = fields.Many2one(
        "sgz.evaluation.template.group", required=True, ondelete="cascade", index=True
    )
    template_id = fields.Many2one(
        related="group_id.template_id", store=True, index=True
    )
    group_sequence = fields.Integer(
        related="group_id.sequence", store=True, string="Group Sequence"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    basis = fields.Text(string="Scoring Basis")
    max_score = fields.Float(required=True, digits=(6, 2))
    scoring = fields.Selection(
        SCORING, string="Scoring Method", required=True, default="manual"
    )
    unit_points = fields.Float(
        string="Points per Occurrence",
        digits=(6, 2),
        help="Deducted (or awarded) for each occurrence.",
    )
    auto_source = fields.Selection(
        AUTO_SOURCES, string="Occurrences from", required=True, default="none"
    )
    seed_ref = fields.Char(string="Guide Reference")

    @api.constrains("max_score", "unit_points", "scoring", "auto_source")
    def _check_item(self):
        for item in self:
            if item.max_score <= 0 or item.unit_points < 0:
                raise ValidationError(
                    _(
                        "Item %(item)s: the maximum must be positive and the points "
                        "per "
                        "occurrence not negative.",
                        item=item.name,
                    )
                )
            if item.scoring == "manual" and item.auto_source != "none":
                raise ValidationError(
                    _(
                        "Item %(item)s: only per-occurrence items can count "
                        "occurrences "
                        "automatically.",
                        item=item.name,
                    )
                )

    def _sgz_check_editable(self):
        self.template_id._check_not_in_use()
