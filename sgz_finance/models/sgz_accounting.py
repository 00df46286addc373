"""The bureau's books: a vendor bill per approved disbursement, and its payment."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_project import MANAGER, require_group


class ResCompany(models.Model):
    _inherit = "res.company"

    sgz_expense_account_id = fields.Many2one(
        "account.account",
        string="Station Services Expense Account",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="Disbursements to contracted agencies are booked on this account. Empty: "
        "the company's default expense account.",
    )
    sgz_purchase_journal_id = fields.Many2one(
        "account.journal",
        string="Station Services Bill Journal",
        domain="[('type', '=', 'purchase'), ('company_id', '=', id)]",
    )
    sgz_payment_journal_id = fields.Many2one(
        "account.journal",
        string="Station Services Payment Journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', id)]",
    )

    def _sgz_books(self):
        """(bill journal, expense account, payment journal) or a clear refusal."""
        self.ensure_one()
        Journal = self.env["account.journal"].sudo()
        bills = self.sgz_purchase_journal_id or Journal.search(
            [("type", "=", "purchase"), ("company_id", "=", self.id)], limit=1
        )
        bank = self.sgz_payment_journal_id or Journal.search(
            [("type", "=", "bank"), ("company_id", "=", self.id)], limit=1
        )
        expense = (
            self.sgz_expense_account_id
            or self.env["account.account"]
            .sudo()
            .search(
                [
                    ("account_type", "=", "expense"),
                    ("company_ids", "in", self.id),
                ],
                limit=1,
            )
            or bills.default_account_id
        )
        if not (bills and bank and expense):
            raise UserError(
                _(
                    "%(company)s has no books to record disbursements in: install a "
                    "chart of accounts (Accounting settings) with a purchase journal, "
                    "a bank journal and an expense account.",
                    company=self.name,
                )
            )
        return bills, expense, bank


class SgzProject(models.Model):
    _inherit = "sgz.project"

    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        readonly=True,
        copy=False,
        help="Every bill of the project carries it, so that costs tie out per project.",
    )

    def _sgz_analytic_account(self):
        self.ensure_one()
        if not self.analytic_account_id:
            plan = self.env.ref("sgz_finance.analytic_plan_station_projects")
            self.sudo().analytic_account_id = (
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
        return self.analytic_account_id


class SgzContract(models.Model):
    _inherit = "sgz.contract"

    recovery_move_id = fields.Many2one(
        "account.move", string="Recovery Credit Note", readonly=True, copy=False
    )

    def action_record_recovery(self, amount, reason):
        """The recovery is a receivable on the agency: a posted vendor credit note."""
        result = super().action_record_recovery(amount, reason)
        for contract in self:
            journal, expense, _bank = contract.company_id._sgz_books()
            analytic = contract.project_id._sgz_analytic_account()
            move = (
                self.env["account.move"]
                .sudo()
                .with_company(contract.company_id)
                .create(
                    {
                        "move_type": "in_refund",
                        "partner_id": contract.party_b_id.id,
                        "journal_id": journal.id,
                        "invoice_date": fields.Date.context_today(self),
                        "ref": _("Recovery on %(contract)s", contract=contract.name),
                        "invoice_line_ids": [
                            fields.Command.create(
                                {
                                    "name": reason,
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "account_id": expense.id,
                                    "tax_ids": [fields.Command.clear()],
                                    "analytic_distribution": {str(analytic.id): 100},
                                }
                            )
                        ],
                    }
                )
            )
            move.action_post()
            contract.with_context(sgz_contract_workflow=True).recovery_move_id = move
        return result


class SgzDisbursement(models.Model):
    _inherit = "sgz.disbursement"

    move_id = fields.Many2one(
        "account.move", string="Vendor Bill", readonly=True, copy=False
    )
    reversal_move_ids = fields.Many2many(
        "account.move", string="Reversals", readonly=True, copy=False
    )
    payment_state = fields.Selection(related="move_id.payment_state")

    def action_approve(self):
        result = super().action_approve()
        for rec in self:
            rec._create_bill()
        return result

    def _create_bill(self):
        self.ensure_one()
        company = self.company_id
        journal, expense, _bank = company._sgz_books()
        analytic = self.project_id._sgz_analytic_account()
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "in_invoice",
                    "partner_id": self.agency_id.id,
                    "journal_id": journal.id,
                    "invoice_date": fields.Date.context_today(self),
                    "ref": self.display_name,
                    "currency_id": self.currency_id.id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": self.display_name,
                                "quantity": 1,
                                "price_unit": self.amount_due,
                                "account_id": expense.id,
                                "tax_ids": [fields.Command.clear()],
                                "analytic_distribution": {str(analytic.id): 100},
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        if move.currency_id.compare_amounts(move.amount_total, self.amount_due):
            raise UserError(
                _(
                    "The bill of %(stage)s came to %(bill)s instead of %(amount)s.",
                    stage=self.display_name,
                    bill=move.amount_total,
                    amount=self.amount_due,
                )
            )
        self._do({"move_id": move.id})

    def action_pay(self, reference=None):
        result = super().action_pay(reference=reference)
        for rec in self:
            rec._register_payment()
        return result

    def _register_payment(self):
        self.ensure_one()
        _journal, _expense, bank = self.company_id._sgz_books()
        wizard = (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=self.move_id.ids)
            .create(
                {
                    "payment_date": self.paid_date,
                    "journal_id": bank.id,
                    "communication": self.payment_reference or self.display_name,
                }
            )
        )
        wizard.action_create_payments()
        if self.move_id.payment_state not in ("paid", "in_payment"):
            raise UserError(
                _(
                    "The payment of %(stage)s did not settle its bill.",
                    stage=self.display_name,
                )
            )

    def action_reverse_approval(self):
        """An approved stage that must not be paid (e.g. held after a failed
        evaluation): its bill is reversed, never deleted, and the stage reopens."""
        require_group(self.env, MANAGER)
        self._expect("approved")
        for rec in self:
            reversal = rec.move_id.sudo()._reverse_moves(
                default_values_list=[
                    {
                        "ref": _("Reversal of %(bill)s", bill=rec.move_id.sudo().name),
                        "invoice_date": fields.Date.context_today(self),
                    }
                ],
                cancel=True,
            )
            rec._do(
                {
                    "state": "payable",
                    "move_id": False,
                    "reversal_move_ids": [fields.Command.link(reversal.id)],
                    "approved_by": False,
                }
            )
            rec._sync()
        return True

    @api.model
    def _sgz_ensure_books(self, company=None):
        """Demo and tests: give the company a chart of accounts if it has none."""
        company = company or self.env.company
        if not company.chart_template:
            self.env["account.chart.template"].try_loading("generic_coa", company)
        return True
