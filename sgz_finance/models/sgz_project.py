from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from odoo.addons.sgz_stations.models.sgz_change_request import (
    SgzChangeRequest as StationsChangeRequest,
)
from odoo.addons.sgz_stations.models.sgz_project import SgzProject as StationsProject

from ..lib import budget_rules


class SgzProject(models.Model):
    _name = "sgz.project"
    _inherit = ["sgz.project", "sgz.project.ledger.mixin"]
    _sgz_workflow_fields = (
        *StationsProject._sgz_workflow_fields,
        "analytic_account_id",
    )

    budget_ids = fields.One2many("sgz.budget", "project_id", string="Budgets")
    current_budget_id = fields.Many2one(
        "sgz.budget",
        compute="_compute_current_budget",
        help="The approved budget version in force.",
    )

    @api.depends("budget_ids.state")
    def _compute_current_budget(self):
        for project in self:
            project.current_budget_id = project._sgz_current_budget()

    def _sgz_current_budget(self):
        self.ensure_one()
        return self.budget_ids.filtered(lambda b: b.state == "approved")[:1]

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        readonly=True,
        copy=False,
        help="Every bill of the project carries it, so that costs tie out per project.",
    )

    def _sgz_analytic_account(self):
        self.ensure_one()
        if not self.analytic_account_id:
            plan = self.env.ref("sgz_finance.analytic_plan_station_projects")
            account = (
                self.env["account.analytic.account"]
                .sudo()
                .create(
                    {
                        "name": self.display_name,
                        "code": self.code,
                        "plan_id": plan.id,
                        "company_id": self.company_id.id,
                    }
                )
            )
            self.sudo()._sgz_step_write({"analytic_account_id": account.id})
        return self.analytic_account_id


class SgzChangeRequest(models.Model):
    _inherit = "sgz.change.request"
    _sgz_workflow_fields = (
        *StationsChangeRequest._sgz_workflow_fields,
        "new_budget_id",
    )

    budget_line_ids = fields.One2many(
        "sgz.change.request.budget.line",
        "request_id",
        string="Budget Changes",
        help="Approved, they make a new version of the project's budget; the old "
        "versions are kept.",
    )
    new_budget_id = fields.Many2one(
        "sgz.budget", string="Budget Version Made", readonly=True, copy=False
    )

    def _check_applicable(self):
        result = super()._check_applicable()
        if self.budget_line_ids:
            if not self.line_ids.filtered(lambda li: li.section == "budget"):
                raise UserError(
                    _(
                        "%(request)s changes the budget: describe it in a section "
                        "“Budget” with the original text, the new text and the reason.",
                        request=self.name,
                    )
                )
            if not self.project_id._sgz_current_budget():
                raise UserError(
                    _(
                        "%(project)s has no approved budget to change.",
                        project=self.project_id.display_name,
                    )
                )
            # the new version must keep every rule: checked now and at approval
            self._draft_budget_version(check_only=True)
        return result

    def _apply(self):
        summary = super()._apply()
        if self.budget_line_ids:
            budget = self._draft_budget_version()
            budget._approve(change_request=self)
            self._sgz_step_write({"new_budget_id": budget.id})
            summary += "\n" + _(
                "Budget version %(version)s approved (%(share)s %% of the total moved "
                "between lines).",
                version=budget.version,
                share=round(budget.moved_share, 2),
            )
        return summary

    def _draft_budget_version(self, check_only=False):
        """The current budget with this request's changes, as a new version."""
        self.ensure_one()
        current = self.project_id._sgz_current_budget()
        Budget = self.env["sgz.budget"]
        lines = []
        changed = {
            c.budget_line_id.id: c for c in self.budget_line_ids if c.budget_line_id
        }
        for line in current.line_ids:
            change = changed.get(line.id)
            if change and change.remove:
                continue
            vals = line.copy_data()[0]
            vals.pop("budget_id", None)
            if change:
                vals.update(change._line_vals())
            lines.append(fields.Command.create(vals))
        for change in self.budget_line_ids.filtered(lambda c: not c.budget_line_id):
            lines.append(fields.Command.create(change._line_vals()))
        budget = Budget.sudo()._sgz_step_create(
            {
                "project_id": self.project_id.id,
                "previous_id": current.id,
                "line_ids": lines,
            }
        )
        try:
            budget._check_rules()
            self._check_spending_covered(budget)
        finally:
            if check_only:
                budget.unlink()
        return budget

    def _check_spending_covered(self, budget):
        """No line of the new version holds less than was already spent on it (a
        line is known by its category and item across versions): a change may not
        remove, rename or cut a line below the posted spending it carries."""
        usage = self.env["sgz.budget.line"]._sgz_usage(self.project_id)
        amounts = {line._sgz_key(): line.amount for line in budget.line_ids}
        currency = self.project_id.currency_id
        Category = self.env["sgz.budget.category"].sudo()
        for key, (_committed, spent) in sorted(usage.items()):
            amount = amounts.get(key, 0.0)
            if currency.compare_amounts(amount, spent) < 0:
                raise UserError(
                    _(
                        "%(category)s, %(item)s: %(spent)s has already been spent on "
                        "it, more than the %(amount)s the changed budget leaves it. "
                        "Keep at least what was spent on the line.",
                        category=Category.browse(key[1]).name,
                        item=key[2],
                        spent=format_amount(self.env, spent, currency),
                        amount=format_amount(self.env, amount, currency),
                    )
                )


class SgzChangeRequestBudgetLine(models.Model):
    _name = "sgz.change.request.budget.line"
    _inherit = ["sgz.frozen.line.mixin", "sgz.money.mixin"]
    _description = "Change Request Budget Line"
    _order = "request_id, id"
    _sgz_money_fields = ("rate",)

    request_id = fields.Many2one(
        "sgz.change.request", required=True, ondelete="cascade", index=True
    )
    project_id = fields.Many2one(related="request_id.project_id")
    currency_id = fields.Many2one(related="request_id.currency_id")
    budget_line_id = fields.Many2one(
        "sgz.budget.line",
        string="Line Changed",
        help="Empty for a new line.",
        domain="[('budget_id.project_id', '=', project_id), "
        "('budget_id.state', '=', 'approved')]",
    )
    remove = fields.Boolean(string="Remove the Line")
    category_id = fields.Many2one("sgz.budget.category", ondelete="restrict")
    name = fields.Char(string="Item")
    old_amount = fields.Monetary(related="budget_line_id.amount", string="Old Amount")
    quantity = fields.Integer(string="People", default=1)
    sessions = fields.Integer(string="Sessions or Days", default=1)
    rate = fields.Monetary(string="Amount per Person and Session")
    rate_id = fields.Many2one(
        "sgz.budget.rate",
        string="Rate Cap",
        domain="[('category_id', '=', category_id)]",
    )
    new_amount = fields.Monetary(compute="_compute_new_amount")
    reason = fields.Char(required=True)

    @api.depends("quantity", "sessions", "rate", "remove")
    def _compute_new_amount(self):
        for change in self:
            change.new_amount = (
                0.0
                if change.remove
                else float(
                    budget_rules.line_amount(
                        change.quantity, change.sessions, change.rate
                    )
                )
            )

    def _sgz_money_record_name(self, vals=None):
        if self:
            return self.name or self.budget_line_id.name or self.request_id.name
        vals = vals or {}
        line = self.env["sgz.budget.line"].browse(vals.get("budget_line_id"))
        return vals.get("name") or line.name or super()._sgz_money_record_name(vals)

    def _line_vals(self):
        vals = {
            "quantity": self.quantity,
            "sessions": self.sessions,
            "rate": self.rate,
        }
        if self.rate_id:
            vals["rate_id"] = self.rate_id.id
        if self.category_id:
            vals["category_id"] = self.category_id.id
        elif not self.budget_line_id:
            raise UserError(_("A new budget line needs its category."))
        if self.name:
            vals["name"] = self.name
        elif not self.budget_line_id:
            raise UserError(_("A new budget line needs its item."))
        return vals

    def _check_request_draft(self):
        for request in self.request_id:
            if request.state != "draft":
                raise UserError(
                    _(
                        "%(request)s has been submitted; its budget changes can no "
                        "longer change.",
                        request=request.name,
                    )
                )

    def _sgz_check_editable(self):
        self._check_request_draft()


class SgzProjectReport(models.Model):
    _inherit = "sgz.project.report"

    def _sgz_fund_use(self):
        """The 资金使用报告 of the report's project, spending up to the report date."""
        self.ensure_one()
        data = self.env["sgz.report"]._sgz_fund_use_rows(
            self.project_id, date_to=self.date
        )
        return data[self.project_id.id]
