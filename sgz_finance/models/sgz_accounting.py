"""The bureau's books: a vendor bill per approved disbursement, and its payment."""

from odoo import _, fields, models
from odoo.exceptions import UserError


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
