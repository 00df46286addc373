from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.sgz_stations.models.sgz_handover import Handover, role_users
from odoo.addons.sgz_stations.models.sgz_project import FUNDING_SOURCES
from odoo.addons.sgz_stations.models.sgz_workflow import (
    MANAGER,
    list_separator,
    reader_env,
    require_group,
)

from ..lib import budget_rules

BUDGET_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("superseded", "Superseded"),
]


class SgzBudgetCategory(models.Model):
    """Budget categories of the guide (L4191-4236), as editable data with their caps."""

    _name = "sgz.budget.category"
    _description = "Budget Category"
    _order = "sequence, id"
    _parent_store = True

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "sgz.budget.category", string="Group", ondelete="restrict", index=True
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sgz.budget.category", "parent_id")
    cap_percent = fields.Float(
        string="Cap (% of the Total)",
        digits=(5, 2),
        help="The most this category (with its sub-categories) may take of the project "
        "total; 0 means no cap.",
    )
    forbidden = fields.Boolean(help="Project money may not be spent on this.")
    rate_ids = fields.One2many("sgz.budget.rate", "category_id", string="Rate Caps")
    seed_ref = fields.Char(string="Guide Reference")
    note = fields.Text()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The budget category code must be unique."),
    ]

    @api.depends("name", "parent_id.name")
    def _compute_display_name(self):
        for category in self:
            category.display_name = (
                f"{category.parent_id.name} / {category.name}"
                if category.parent_id
                else category.name
            )

    @api.constrains("cap_percent")
    def _check_cap(self):
        for category in self:
            if not 0 <= category.cap_percent <= 100:
                raise ValidationError(
                    _(
                        "Cap of %(category)s: %(cap)s %% is not a share of the total.",
                        category=category.name,
                        cap=category.cap_percent,
                    )
                )

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(_("Budget categories cannot contain themselves."))


class SgzBudgetRate(models.Model):
    """Rate caps per person and day (L4194-4215).

    A category with rates requires every line of it to name its rate basis, so a
    rate cap is never skipped by leaving the basis out. A basis the guide counts in
    the category without a rate (the social workers' insurance, L4198) is ``uncapped``:
    the line still names it, so the reviewer sees what the line pays.
    """

    _name = "sgz.budget.rate"
    _inherit = ["sgz.money.mixin"]
    _description = "Budget Rate Cap"
    _order = "category_id, sequence, id"
    _sgz_money_fields = ("max_rate",)

    category_id = fields.Many2one(
        "sgz.budget.category", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    code = fields.Char(required=True)
    company_currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    max_rate = fields.Monetary(
        string="Maximum per Person per Day",
        currency_field="company_currency_id",
    )
    uncapped = fields.Boolean(
        string="No Rate Cap",
        help="The guide counts this cost in the category but gives it no rate per "
        "person and day (the social workers' insurance): lines name this basis "
        "and their amount is not compared with a rate.",
    )
    seed_ref = fields.Char(string="Guide Reference")

    _sql_constraints = [
        ("code_unique", "unique(code)", "The rate code must be unique."),
    ]

    @api.constrains("max_rate", "uncapped")
    def _check_max_rate(self):
        for rate in self.filtered(lambda r: not r.uncapped):
            if rate.company_currency_id.compare_amounts(rate.max_rate, 0) <= 0:
                raise ValidationError(
                    _(
                        "Rate cap %(rate)s: the maximum per person per day must be "
                        "greater than zero, or the basis marked as having no rate cap.",
                        rate=rate.name,
                    )
                )


class SgzBudget(models.Model):
    _name = "sgz.budget"
    _description = "Project Budget"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _order = "project_id, version desc"
    _sgz_workflow_fields = (
        "state",
        "version",
        "previous_id",
        "change_request_id",
        "approved_by",
        "approved_on",
    )

    name = fields.Char(compute="_compute_name", store=True)
    project_id = fields.Many2one(
        "sgz.project", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    currency_id = fields.Many2one(related="project_id.currency_id")
    contract_id = fields.Many2one(
        "sgz.contract",
        compute="_compute_contract",
        help="The contract in force for the project: its amount is the budget's total.",
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one("sgz.budget", readonly=True, copy=False)
    change_request_id = fields.Many2one(
        "sgz.change.request", string="Changed by", readonly=True, copy=False
    )
    state = fields.Selection(
        BUDGET_STATES,
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    line_ids = fields.One2many(
        "sgz.budget.line", "budget_id", string="Budget Lines", copy=True
    )
    total = fields.Monetary(compute="_compute_total", store=True)
    target_amount = fields.Monetary(
        string="Amount to Budget",
        compute="_compute_target_amount",
        help="The contract amount, or the project amount before there is a contract.",
    )
    moved_share = fields.Float(
        string="Moved from the Previous Version (%)",
        compute="_compute_moved_share",
        store=True,
        digits=(6, 2),
        help="The share of the total moved between lines by the change that made this "
        "version (evaluation: 10-20 % or over 30 %).",
    )
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "version_unique",
            "unique(project_id, version)",
            "A project has one budget per version.",
        ),
    ]

    @api.depends("project_id.code", "version")
    def _compute_name(self):
        for budget in self:
            budget.name = f"{budget.project_id.code or ''} v{budget.version}"

    @api.depends("project_id.state")
    def _compute_contract(self):
        # not stored: a contract signed after the budget was drawn up counts at once
        contracts = self.env["sgz.contract"].sudo()
        for budget in self:
            budget.contract_id = contracts.search(
                [
                    ("project_id", "=", budget.project_id.id),
                    ("state", "in", ("signed", "performing", "done")),
                ],
                order="cycle_year desc",
                limit=1,
            )

    @api.depends("line_ids.amount")
    def _compute_total(self):
        for budget in self:
            budget.total = float(budget._exact_total())

    def _exact_total(self, lines=None):
        """The sum of the lines' amounts, exact (Decimal): the one compared with the
        amount to budget and the caps."""
        lines = self.line_ids if lines is None else lines
        return budget_rules.money_sum(lines.mapped("amount"))

    @api.depends("project_id.amount", "project_id.state")
    def _compute_target_amount(self):
        for budget in self:
            budget.target_amount = (
                budget.contract_id.amount
                if budget.contract_id
                else budget.project_id.amount
            )

    @api.depends("previous_id.line_ids.amount", "line_ids.amount", "total")
    def _compute_moved_share(self):
        for budget in self:
            if not budget.previous_id:
                budget.moved_share = 0.0
                continue
            old = budget.previous_id._amounts_by_key()
            new = budget._amounts_by_key()
            moved = budget_rules.moved_share(old, new, budget.previous_id.total)
            budget.moved_share = float(moved or 0)

    def _amounts_by_key(self):
        """{(category, name): amount}: the identity of a line across versions."""
        amounts = {}
        for line in self.line_ids:
            key = (line.category_id.id, (line.name or "").strip())
            amounts[key] = amounts.get(key, 0) + budget_rules.dec(line.amount)
        return amounts

    # --------------------------------------------------------------- the rules
    def _budget_issues(self):
        """Sentences naming each rule the budget breaks, with the numbers."""
        self.ensure_one()
        issues = []
        fmt = self._fmt
        if not self.line_ids:
            issues.append(_("the budget has no lines"))
            return issues
        dec = budget_rules.dec
        total = self._exact_total()
        if total != dec(self.currency_id.round(self.target_amount)):
            issues.append(
                _(
                    "the lines add up to %(total)s but the amount to budget is "
                    "%(target)s",
                    total=fmt(total),
                    target=fmt(self.target_amount),
                )
            )
        for line in self.line_ids.filtered(lambda li: li.category_id.forbidden):
            issues.append(
                _(
                    "%(line)s: %(category)s may not be paid from project funds",
                    line=line.name,
                    category=line.category_id.name,
                )
            )
        for line in self.line_ids.filtered(
            lambda li: li.category_id.rate_ids and not li.rate_id
        ):
            issues.append(
                _(
                    "%(line)s: %(category)s is paid at the guide's rates per person "
                    "and day (%(rates)s); the line must name its rate basis",
                    line=line.name,
                    category=line.category_id.name,
                    rates=self._rate_caps_text(line.category_id),
                )
            )
        for line in self.line_ids.filtered(
            lambda li: li.rate_id and not li.rate_id.uncapped
        ):
            if dec(line.rate) > dec(line.rate_id.max_rate):
                issues.append(
                    _(
                        "%(line)s: %(rate)s per person per day is above the "
                        "%(cap)s allowed for %(kind)s",
                        line=line.name,
                        rate=fmt(line.rate),
                        cap=fmt(line.rate_id.max_rate),
                        kind=line.rate_id.name,
                    )
                )
        capped = self.env["sgz.budget.category"].search([("cap_percent", ">", 0)])
        for category in capped:
            lines = self.line_ids.filtered(
                lambda li, c=category: li.category_id.parent_path.startswith(
                    c.parent_path
                )
            )
            amount = self._exact_total(lines)
            if lines and budget_rules.over_cap(amount, total, category.cap_percent):
                issues.append(
                    _(
                        "%(category)s: %(amount)s is %(share)s %% of the total "
                        "%(total)s, above its cap of %(cap)s %% (%(limit)s)",
                        category=category.name,
                        amount=fmt(amount),
                        share=round(budget_rules.share(amount, total), 2),
                        total=fmt(total),
                        cap=category.cap_percent,
                        limit=fmt(budget_rules.cap_limit(total, category.cap_percent)),
                    )
                )
        return issues

    def _fmt(self, amount):
        return format_amount(self.env, float(amount), self.currency_id)

    def _rate_caps_text(self, category):
        """The rate bases of ``category`` with their caps, for the reader."""
        env = reader_env(self.env)  # the language of the message it goes into
        texts = []
        for rate in category.rate_ids:
            if rate.uncapped:
                texts.append(rate.name)
            else:
                texts.append(
                    env._(
                        "%(rate)s at most %(cap)s",
                        rate=rate.name,
                        cap=self._fmt(rate.max_rate),
                    )
                )
        return list_separator(env).join(texts)

    def _check_rules(self):
        for budget in self:
            issues = budget._budget_issues()
            if issues:
                raise ValidationError(
                    _(
                        "Budget %(budget)s breaks the finance guide's rules:\n"
                        "%(issues)s",
                        budget=budget.name,
                        issues="\n".join(f"- {i}" for i in issues),
                    )
                )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_workflow_vals(vals_list)
        for vals in vals_list:
            project = vals.get("project_id")
            if project and not vals.get("version"):
                last = self.sudo().search(
                    [("project_id", "=", project)], order="version desc", limit=1
                )
                vals["version"] = last.version + 1 if last else 1
        with self._sgz_step():
            return super().create(vals_list)

    def write(self, vals):
        content = set(vals) - {"message_main_attachment_id", "activity_ids"}
        if content and not self._sgz_in_step():
            self._sgz_require_state(
                "draft",
                message=_(
                    "Budget %(record)s is %(state)s; it cannot change. Budgets change "
                    "through an approved change request."
                ),
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for budget in self:
            if budget.state != "draft":
                raise UserError(
                    _(
                        "Budget %(budget)s is %(state)s; it cannot be deleted.",
                        budget=budget.name,
                        state=budget._sgz_state_label(),
                    )
                )

    # ----------------------------------------------------------------- workflow
    def _check_no_budget_in_force(self):
        """A second budget beside the one in force would bypass the change request."""
        for budget in self:
            if budget.project_id._sgz_current_budget():
                raise UserError(
                    _(
                        "%(project)s already has an approved budget; change it "
                        "through a change request.",
                        project=budget.project_id.display_name,
                    )
                )

    def action_submit(self):
        for budget in self:
            if budget.state != "draft":
                raise UserError(
                    _("Budget %(budget)s is not a draft.", budget=budget.name)
                )
            budget._check_no_budget_in_force()
            budget._check_rules()
        self._sgz_step_write({"state": "submitted"})
        return True

    def action_back_to_draft(self):
        for budget in self:
            if budget.state != "submitted":
                raise UserError(
                    _("Budget %(budget)s is not submitted.", budget=budget.name)
                )
        self._sgz_step_write({"state": "draft"})
        return True

    def _sgz_handovers(self):
        return [
            Handover(
                "sgz_finance.activity_budget_approval",
                waiting=lambda r: r.state == "submitted",
                users=lambda r: role_users(r, MANAGER),
            )
        ]

    def action_approve(self):
        """The bureau's manager approves the budget (as awards and payments)."""
        require_group(self.env, MANAGER)
        for budget in self:
            if budget.state != "submitted":
                raise UserError(
                    _(
                        "Budget %(budget)s must be submitted before it is approved.",
                        budget=budget.name,
                    )
                )
            budget._check_no_budget_in_force()
            budget._check_rules()
            budget._approve()
        return True

    def _approve(self, change_request=None):
        self.ensure_one()
        current = self.project_id._sgz_current_budget()
        (current - self)._sgz_step_write({"state": "superseded"})
        self._sgz_step_write(
            {
                "state": "approved",
                "approved_by": self.env.uid,
                "approved_on": fields.Date.context_today(self),
                "change_request_id": change_request.id if change_request else False,
            }
        )


class SgzBudgetLine(models.Model):
    _name = "sgz.budget.line"
    _inherit = ["sgz.frozen.line.mixin", "sgz.money.mixin"]
    _description = "Budget Line"
    _order = "budget_id, sequence, id"
    _sgz_money_fields = ("rate",)

    budget_id = fields.Many2one(
        "sgz.budget", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "sgz.budget.category",
        required=True,
        domain=[("child_ids", "=", False)],
        ondelete="restrict",
    )
    name = fields.Char(string="Item", required=True)
    funding_source = fields.Selection(FUNDING_SOURCES)
    quantity = fields.Integer(string="People", default=1)
    sessions = fields.Integer(string="Sessions or Days", default=1)
    currency_id = fields.Many2one(related="budget_id.currency_id")
    rate = fields.Monetary(string="Amount per Person and Session")
    rate_id = fields.Many2one(
        "sgz.budget.rate",
        string="Rate Cap",
        domain="[('category_id', '=', category_id)]",
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    note = fields.Char(string="Basis")

    @api.depends("quantity", "sessions", "rate")
    def _compute_amount(self):
        for line in self:
            line.amount = float(
                budget_rules.line_amount(line.quantity, line.sessions, line.rate)
            )

    @api.constrains("quantity", "sessions", "rate")
    def _check_values(self):
        for line in self:
            if line.quantity <= 0 or line.sessions <= 0 or line.rate < 0:
                raise ValidationError(
                    _(
                        "Budget line %(line)s: people and sessions must be positive "
                        "and the amount not negative.",
                        line=line.name,
                    )
                )

    @api.constrains("rate_id", "category_id")
    def _check_rate_category(self):
        for line in self.filtered("rate_id"):
            if line.rate_id.category_id != line.category_id:
                raise ValidationError(
                    _(
                        "Budget line %(line)s: the rate cap %(rate)s belongs to "
                        "%(category)s.",
                        line=line.name,
                        rate=line.rate_id.name,
                        category=line.rate_id.category_id.name,
                    )
                )

    @api.constrains("budget_id", "category_id", "name")
    def _check_unique_item(self):
        """A line is known across versions and in the books by its category and
        item: two lines of one budget with both the same would share one spending."""
        for budget in self.budget_id:
            seen = set()
            for line in budget.line_ids:
                key = (line.category_id.id, (line.name or "").strip())
                if key in seen:
                    raise ValidationError(
                        _(
                            "Budget %(budget)s has the item %(item)s under "
                            "%(category)s twice; give each line its own item or "
                            "put them on one line.",
                            budget=budget.name,
                            item=(line.name or "").strip(),
                            category=line.category_id.name,
                        )
                    )
                seen.add(key)

    def _check_budget_draft(self):
        for budget in self.budget_id:
            if budget.state != "draft":
                raise UserError(
                    _(
                        "Budget %(budget)s is %(state)s; its lines cannot change. "
                        "Budgets change through an approved change request.",
                        budget=budget.name,
                        state=budget._sgz_state_label(),
                    )
                )

    def _sgz_check_editable(self):
        self._check_budget_draft()
