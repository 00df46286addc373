"""The bureau's books: a vendor bill per approved disbursement, and its payment.

Nothing is guessed: the company names the expense account and the two journals the
disbursements are booked in (company form, tab Social Work Stations). Until it has,
the steps that post an entry are refused.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_stations.models.sgz_workflow import list_separator

EXPENSE_TYPES = ("expense", "expense_direct_cost")
BOOKS_FIELDS = (
    "sgz_expense_account_id",
    "sgz_purchase_journal_id",
    "sgz_payment_journal_id",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    sgz_expense_account_id = fields.Many2one(
        "account.account",
        string="Station Services Expense Account",
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost')), "
        "('company_ids', 'parent_of', id)]",
        help="Disbursements to contracted agencies are booked on this expense "
        "account (their bills, and the credit notes of recovered funds).",
    )
    sgz_purchase_journal_id = fields.Many2one(
        "account.journal",
        string="Station Services Bill Journal",
        domain="[('type', '=', 'purchase'), ('company_id', 'parent_of', id)]",
        help="The purchase journal of the disbursements' vendor bills and credit "
        "notes.",
    )
    sgz_payment_journal_id = fields.Many2one(
        "account.journal",
        string="Station Services Payment Journal",
        domain="[('type', '=', 'bank'), ('company_id', 'parent_of', id)]",
        help="The bank journal the disbursements are paid from.",
    )
    # An agency's own books (民间非营利组织会计制度): the company keeps them for it.
    sgz_agency_id = fields.Many2one(
        "res.partner",
        string="Books of Agency",
        domain=[("is_sgz_agency", "=", True)],
        ondelete="restrict",
        index=True,
        copy=False,
        help="The contracted agency whose books this company keeps. Set up from the "
        "agency (Set Up Books).",
    )
    sgz_refuse_cash_payments = fields.Boolean(
        string="Refuse Cash Payments of 1,000 or More",
        help="The guide advises paying 1,000 or more by bank transfer "
        "(第六部分 四（一））: a warning on the expense, or, with this set, a refusal.",
    )

    _sql_constraints = [
        (
            "sgz_agency_unique",
            "unique(sgz_agency_id)",
            "An agency keeps one set of books.",
        ),
    ]

    @api.constrains(*BOOKS_FIELDS)
    def _check_sgz_books(self):
        for company in self:
            account = company.sgz_expense_account_id
            bills = company.sgz_purchase_journal_id
            bank = company.sgz_payment_journal_id
            companies = company.parent_ids
            if account and (
                account.account_type not in EXPENSE_TYPES
                or not (account.company_ids & companies)
            ):
                raise ValidationError(
                    _(
                        "%(company)s: %(account)s is not an expense account of the "
                        "company; disbursements are booked on one.",
                        company=company.name,
                        account=account.display_name,
                    )
                )
            for journal, journal_type, label in (
                (bills, "purchase", _("a purchase journal")),
                (bank, "bank", _("a bank journal")),
            ):
                if journal and (
                    journal.type != journal_type or journal.company_id not in companies
                ):
                    raise ValidationError(
                        _(
                            "%(company)s: %(journal)s is not %(kind)s of the company.",
                            company=company.name,
                            journal=journal.display_name,
                            kind=label,
                        )
                    )

    def _sgz_books(self):
        """(bill journal, expense account, payment journal), as the company named
        them, or a refusal that says where to name them."""
        self.ensure_one()
        company = self.sudo()
        missing = [
            company._fields[fname]._description_string(self.env)
            for fname in BOOKS_FIELDS
            if not company[fname]
        ]
        if missing:
            raise UserError(
                _(
                    "%(company)s has not named the books its disbursements are booked "
                    "in (missing: %(missing)s). An administrator sets them on the "
                    "company: Settings > Users & Companies > Companies > "
                    "%(company)s, tab Social Work Stations.",
                    company=company.name,
                    missing=list_separator(self.env).join(missing),
                )
            )
        return (
            company.sgz_purchase_journal_id,
            company.sgz_expense_account_id,
            company.sgz_payment_journal_id,
        )

    def _sgz_post_agency_move(
        self, move_type, partner, project, ref, label, amount, date=None
    ):
        """Post a vendor bill (``in_invoice``) or credit note (``in_refund``) of one
        line on the named books, with the project's analytic account; refuse it unless
        it comes to ``amount`` exactly. The one way the bureau's entries are made."""
        self.ensure_one()
        journal, expense, _bank = self._sgz_books()
        analytic = project._sgz_analytic_account()
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(self)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "journal_id": journal.id,
                    "invoice_date": date or fields.Date.context_today(self),
                    "ref": ref,
                    "currency_id": self.currency_id.id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": label,
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
        if move.currency_id.compare_amounts(move.amount_total, amount):
            raise UserError(
                _(
                    "%(document)s came to %(total)s instead of %(amount)s.",
                    document=ref,
                    total=move.amount_total,
                    amount=amount,
                )
            )
        return move

    # ------------------------------------------------------------ agency books
    def _sgz_npo_account(self, code):
        """The account ``code`` of the company's non-profit chart."""
        self.ensure_one()
        chart = self.env["account.chart.template"].sudo().with_company(self)
        account = chart.ref(f"sgz_npo_{code}", raise_if_not_found=False)
        if not account:
            raise UserError(
                _(
                    "%(company)s has no account %(code)s: its books are not kept on "
                    "the non-profit chart of accounts.",
                    company=self.name,
                    code=code,
                )
            )
        return account

    def _sgz_npo_journal(self, kind="general"):
        """The company's voucher journal (记账凭证), or its bank or cash journal."""
        self.ensure_one()
        chart = self.env["account.chart.template"].sudo().with_company(self)
        journal = chart.ref(kind, raise_if_not_found=False)
        if not journal:
            names = {
                "general": _("voucher"),
                "bank": _("bank deposits"),
                "cash": _("cash"),
            }
            raise UserError(
                _(
                    "%(company)s has lost its %(kind)s journal of the non-profit "
                    "chart.",
                    company=self.name,
                    kind=names.get(kind, kind),
                )
            )
        return journal
