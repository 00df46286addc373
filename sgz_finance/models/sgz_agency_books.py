"""An agency's own books: project money in, spending per budget line, labour pay.

Each document names the agency, the project, the budget line (子项目) where it spends,
and the funding source; it is written in draft by the agency's accountant and posted
by a step that checks every rule of 第六部分 社工站项目财务管理指引 and of
《昆明市彩票公益金使用管理办法》, then books one journal entry in the agency's company
whose items carry the project, the budget line and the source (ADR-21). A refused
step posts nothing.
"""

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.sgz_stations.models.sgz_project import FUNDING_SOURCES
from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
    list_separator,
    reader_env,
    require_group,
)

from ..lib import purchase_rules, spending_rules


def clause_separator(env):
    """How the reader's language separates clauses ("；" in Chinese)."""
    return "；" if (reader_env(env).lang or "").startswith("zh") else "; "


def require_accountant(doc):
    """The step is the agency's accountant's, on their own agency's books."""
    require_group(doc.env, ACCOUNTANT)
    if doc.env.su:
        return
    if doc.agency_id.commercial_partner_id != doc.env.user.sgz_agency_id:
        raise UserError(
            reader_env(doc.env)._(
                "%(document)s belongs to the books of %(agency)s.",
                document=doc.display_name,
                agency=doc.agency_id.name,
            )
        )


DOC_STATES = [("draft", "Draft"), ("posted", "Posted")]
BUREAU_SOURCES = ("provincial", "local_match", "fiscal", "lottery")
INCOME_RESTRICTED = "430101"  # 提供服务收入—限定性收入
COST = "5101"  # 业务活动成本
BANK = "1002"  # 银行存款
CASH = "1001"  # 现金
IIT = "220601"  # 应交税费—代扣代缴个人所得税
OTHER_PAYABLE = "2209"  # 其他应付款


class SgzAgencyBookMixin(models.AbstractModel):
    """What every document of an agency's books has and does."""

    _name = "sgz.agency.book.mixin"
    _inherit = ["sgz.workflow.mixin", "sgz.money.mixin", "mail.thread"]
    _description = "Agency Book Document"

    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Books",
        compute="_compute_company",
        store=True,
        index=True,
    )
    project_id = fields.Many2one(
        "sgz.project",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('agency_id', '=', agency_id)]",
    )
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.CNY")
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    funding_source = fields.Selection(FUNDING_SOURCES, required=True)
    state = fields.Selection(
        DOC_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    move_id = fields.Many2one(
        "account.move", string="Voucher", readonly=True, copy=False
    )
    posted_by = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("agency_id")
    def _compute_company(self):
        for doc in self:
            doc.company_id = doc.agency_id.commercial_partner_id.sgz_book_company_id

    # ------------------------------------------------------------- helpers
    def _fmt(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    def _sgz_require_accountant(self):
        for doc in self:
            require_accountant(doc)

    @api.constrains("agency_id", "project_id", "funding_source")
    def _check_project_and_source(self):
        for doc in self:
            agency = doc.agency_id.commercial_partner_id
            if doc.project_id.agency_id.commercial_partner_id != agency:
                raise ValidationError(
                    _(
                        "%(document)s: %(project)s is not a project of %(agency)s.",
                        document=doc.display_name,
                        project=doc.project_id.display_name,
                        agency=agency.name,
                    )
                )
            sources = doc.project_id.funding_ids.mapped("source")
            if doc.funding_source and doc.funding_source not in sources:
                env = reader_env(self.env)
                labels = dict(
                    self._fields["funding_source"]._description_selection(env)
                )
                raise ValidationError(
                    _(
                        "%(document)s: %(project)s is not funded by %(fund)s (its "
                        "sources: %(sources)s).",
                        document=doc.display_name,
                        project=doc.project_id.display_name,
                        fund=labels.get(doc.funding_source),
                        sources=list_separator(env).join(
                            labels.get(s, s) for s in sources
                        ),
                    )
                )

    def write(self, vals):
        guarded = set(vals) - {"message_main_attachment_id"}
        if guarded and not self._sgz_in_step():
            for doc in self:
                if doc.state == "posted":
                    raise UserError(
                        _(
                            "%(document)s is posted: it no longer changes; a "
                            "correction is a new document.",
                            document=doc.display_name,
                        )
                    )
        return super().write(vals)

    def unlink(self):
        for doc in self:
            if doc.state == "posted":
                raise UserError(
                    _(
                        "%(document)s is posted and is kept with the books.",
                        document=doc.display_name,
                    )
                )
        return super().unlink()

    def _sgz_books_company(self):
        self.ensure_one()
        return self.agency_id.commercial_partner_id._sgz_book_company()

    def _sgz_check_open_period(self):
        """No entry into a closed period (期末结转 done)."""
        self.ensure_one()
        company = self._sgz_books_company()
        closed = company.sudo().fiscalyear_lock_date
        if closed and self.date <= closed:
            raise UserError(
                _(
                    "%(document)s is dated %(date)s, in a period of %(company)s "
                    "closed until %(closed)s: nothing more is posted there.",
                    document=self.display_name,
                    date=self.date,
                    company=company.name,
                    closed=closed,
                )
            )

    def _sgz_post_entry(self, ref, lines):
        """Book one voucher in the agency's company: ``lines`` are
        (account code, debit, credit, label, with budget line?) tuples."""
        self.ensure_one()
        company = self._sgz_books_company()
        journal = company._sgz_npo_journal()
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": self.date,
                    "ref": ref,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": company._sgz_npo_account(code).id,
                                "name": label,
                                "debit": debit,
                                "credit": credit,
                                "sgz_project_id": self.project_id.id,
                                "sgz_funding_source": self.funding_source,
                                "sgz_budget_line_id": line.id if line else False,
                            }
                        )
                        for code, debit, credit, label, line in lines
                    ],
                }
            )
        )
        move.action_post()
        return move


# ---------------------------------------------------------------------- receipts
class SgzAgencyReceipt(models.Model):
    """到账确认: the bureau's payment of a disbursement, received by the agency."""

    _name = "sgz.agency.receipt"
    _inherit = ["sgz.agency.book.mixin"]
    _description = "Project Money Received"
    _order = "date desc, id desc"
    _sgz_workflow_fields = ("state", "move_id", "posted_by")
    _sgz_money_fields = ("amount",)

    name = fields.Char(compute="_compute_name")
    disbursement_id = fields.Many2one(
        "sgz.disbursement",
        string="Bureau Payment",
        index=True,
        ondelete="restrict",
        domain="[('project_id', '=', project_id), ('state', '=', 'paid')]",
    )
    bureau_amount = fields.Monetary(
        string="Paid by the Bureau", related="disbursement_id.amount_due"
    )
    bureau_date = fields.Date(string="Paid on", related="disbursement_id.paid_date")
    amount = fields.Monetary(string="Amount Received", required=True)
    bank_reference = fields.Char()
    match_issue = fields.Char(
        string="Does Not Match", compute="_compute_match_issue", store=True
    )

    @api.depends("project_id.code", "date")
    def _compute_name(self):
        for rec in self:
            rec.name = _(
                "Receipt %(project)s %(date)s",
                project=rec.project_id.code or "",
                date=rec.date or "",
            )

    @api.depends(
        "disbursement_id.state",
        "disbursement_id.amount_due",
        "disbursement_id.paid_date",
        "disbursement_id.project_id",
        # a twin receipt posted for the same payment makes this one a double
        "disbursement_id.receipt_ids.state",
        "project_id",
        "amount",
        "date",
        "state",
    )
    def _compute_match_issue(self):
        for rec in self:
            rec.match_issue = rec._sgz_match_issue()

    def _sgz_match_issue(self):
        """Why the receipt does not match a bureau payment, or False."""
        self.ensure_one()
        pay = self.disbursement_id
        if not pay:
            return _("No bureau payment is named.")
        if pay.state != "paid":
            return _(
                "%(stage)s has not been paid by the bureau.", stage=pay.display_name
            )
        if pay.project_id != self.project_id:
            return _(
                "%(stage)s was paid for %(other)s, not for %(project)s.",
                stage=pay.display_name,
                other=pay.project_id.display_name,
                project=self.project_id.display_name,
            )
        if self.currency_id.compare_amounts(self.amount, pay.amount_due):
            return _(
                "%(received)s received, the bureau paid %(paid)s.",
                received=self._fmt(self.amount),
                paid=self._fmt(pay.amount_due),
            )
        if self.date and pay.paid_date and self.date < pay.paid_date:
            return _(
                "Received on %(date)s, before the bureau paid on %(paid)s.",
                date=self.date,
                paid=pay.paid_date,
            )
        twin = self.search(
            [
                ("disbursement_id", "=", pay.id),
                ("state", "=", "posted"),
                ("id", "!=", self.id or 0),
            ],
            limit=1,
        )
        if twin:
            return _(
                "%(stage)s was already received by %(receipt)s.",
                stage=pay.display_name,
                receipt=twin.display_name,
            )
        return False

    def action_post(self):
        """Dr 银行存款 / Cr 提供服务收入—限定性收入—<项目>, with the funding source."""
        self._sgz_require_accountant()
        self._sgz_require_state("draft")
        for rec in self:
            issue = rec._sgz_match_issue()
            if issue:
                raise UserError(
                    _(
                        "%(receipt)s does not match a bureau payment and is not "
                        "posted: %(issue)s",
                        receipt=rec.display_name,
                        issue=issue,
                    )
                )
            rec._sgz_check_open_period()
            label = rec.disbursement_id.display_name
            move = rec._sgz_post_entry(
                rec.display_name,
                [
                    (BANK, rec.amount, 0.0, label, None),
                    (INCOME_RESTRICTED, 0.0, rec.amount, label, None),
                ],
            )
            rec._sgz_step_write(
                {"state": "posted", "move_id": move.id, "posted_by": self.env.uid}
            )
        return True


class SgzDisbursement(models.Model):
    _inherit = "sgz.disbursement"

    receipt_ids = fields.One2many(
        "sgz.agency.receipt", "disbursement_id", string="Agency Receipts"
    )

    def _sgz_pay(self, reference=None, on=None):
        result = super()._sgz_pay(reference=reference, on=on)
        self._sgz_announce_receipts()
        return result

    def _sgz_announce_receipts(self):
        """The agency's books get the payment to confirm (when it keeps them here)."""
        for rec in self:
            agency = rec.agency_id.commercial_partner_id
            if not agency.sgz_book_company_id:
                continue
            # the bureau's money: its largest source (the accountant may correct it)
            funding = rec.project_id.funding_ids
            bureau = funding.filtered(lambda f: f.source in BUREAU_SOURCES) or funding
            source = bureau.sorted(lambda f: (-f.amount, f.sequence, f.id))[:1].source
            if not source:
                continue
            self.env["sgz.agency.receipt"].sudo().create(
                {
                    "agency_id": agency.id,
                    "project_id": rec.project_id.id,
                    "disbursement_id": rec.id,
                    "amount": rec.amount_due,
                    "date": rec.paid_date,
                    "funding_source": source,
                    "bank_reference": rec.payment_reference,
                }
            )


# ---------------------------------------------------------------------- spending
class SgzBudgetLine(models.Model):
    _inherit = "sgz.budget.line"

    committed_amount = fields.Monetary(
        string="Committed", compute="_compute_usage", help="Drafts not yet posted."
    )
    actual_amount = fields.Monetary(string="Spent", compute="_compute_usage")
    remaining_amount = fields.Monetary(string="Left", compute="_compute_usage")

    def _sgz_key(self):
        """A budget line across the versions of its budget: its category and item."""
        return (
            self.budget_id.project_id.id,
            self.category_id.id,
            (self.name or "").strip(),
        )

    def _compute_usage(self):
        usage = self._sgz_usage(self.budget_id.project_id)
        for line in self:
            committed, actual = usage.get(line._sgz_key(), (0.0, 0.0))
            line.committed_amount = committed
            line.actual_amount = actual
            line.remaining_amount = line.currency_id.round(line.amount - actual)

    @api.model
    def _sgz_usage(self, projects, exclude=None, date_from=None, date_to=None):
        """{(project, category, item): (committed, spent)} over every version, from
        the agency's expenses and labour payments (grouped reads), of the documents
        dated in [date_from, date_to] when given."""
        usage = {}
        if not projects:
            return usage
        groups = []
        for model, amount in (
            ("sgz.agency.expense", "amount"),
            ("sgz.labor.payment", "gross"),
        ):
            domain = [("project_id", "in", projects.ids)]
            if date_from:
                domain.append(("date", ">=", date_from))
            if date_to:
                domain.append(("date", "<=", date_to))
            if exclude and exclude._name == model:
                domain.append(("id", "not in", exclude.ids))
            groups += (
                self.env[model]
                .sudo()
                ._read_group(domain, ["budget_line_id", "state"], [f"{amount}:sum"])
            )
        # the keys of every line in one prefetch group: the reads do not grow with
        # the number of lines spent on
        lines = self.sudo().browse(list({line.id for line, _s, _t in groups}))
        lines.fetch(["budget_id", "category_id", "name"])
        lines.budget_id.fetch(["project_id"])
        keys = {line.id: line._sgz_key() for line in lines}
        for line, state, total in groups:
            key = keys[line.id]
            committed, actual = usage.get(key, (0.0, 0.0))
            if state == "posted":
                actual += total
            else:
                committed += total
            usage[key] = (committed, actual)
        return usage


class SgzBudgetSpendingMixin(models.AbstractModel):
    """A document that spends on a budget line of the project's budget in force."""

    _name = "sgz.budget.spending.mixin"
    _inherit = ["sgz.agency.book.mixin"]
    _description = "Spending on a Budget Line"

    budget_line_id = fields.Many2one(
        "sgz.budget.line",
        string="Budget Line (子项目)",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('budget_id.project_id', '=', project_id), "
        "('budget_id.state', '=', 'approved')]",
    )
    category_id = fields.Many2one(related="budget_line_id.category_id")

    def _sgz_spent_amount(self):
        raise NotImplementedError(self._name)

    def _sgz_check_budget_line(self):
        """The line is in the budget in force and has room for this amount."""
        self.ensure_one()
        line = self.budget_line_id
        current = self.project_id._sgz_current_budget()
        if line.budget_id != current:
            raise UserError(
                _(
                    "%(document)s: %(line)s is not a line of the budget in force of "
                    "%(project)s (%(budget)s).",
                    document=self.display_name,
                    line=line.name,
                    project=self.project_id.display_name,
                    budget=current.name or _("none approved"),
                )
            )
        usage = self.env["sgz.budget.line"]._sgz_usage(self.project_id, exclude=self)
        _committed, spent = usage.get(line._sgz_key(), (0.0, 0.0))
        amount = self._sgz_spent_amount()
        total = self.currency_id.round(spent + amount)
        if self.currency_id.compare_amounts(total, line.amount) > 0:
            raise UserError(
                _(
                    "%(document)s: %(amount)s on %(line)s would bring its spending "
                    "to %(total)s, over its budget of %(budget)s (%(spent)s spent). "
                    "Spending beyond a line needs an approved budget change "
                    "(第六部分 二（三）).",
                    document=self.display_name,
                    amount=self._fmt(amount),
                    line=line.name,
                    total=self._fmt(total),
                    budget=self._fmt(line.amount),
                    spent=self._fmt(spent),
                )
            )


class SgzAgencyExpense(models.Model):
    """业务活动成本: one expense on one budget line, with its invoice and evidence."""

    _name = "sgz.agency.expense"
    _inherit = ["sgz.budget.spending.mixin"]
    _description = "Project Expense"
    _order = "date desc, id desc"
    _sgz_workflow_fields = ("state", "move_id", "posted_by")
    _sgz_money_fields = ("amount",)

    name = fields.Char(string="Purpose", required=True)
    partner_id = fields.Many2one(
        "res.partner", string="Paid to", required=True, ondelete="restrict"
    )
    amount = fields.Monetary(required=True)
    spent_on_id = fields.Many2one(
        "sgz.budget.category",
        string="Spent on",
        required=True,
        domain=[("child_ids", "=", False)],
        help="What the money bought, as the guide's categories name it: the budget "
        "line's category, or a forbidden one (refused).",
    )
    use = fields.Selection(list(spending_rules.USES), required=True, default="ordinary")
    payment_method = fields.Selection(
        [("bank", "Bank Transfer"), ("cash", "Cash")], required=True, default="bank"
    )
    invoice_type = fields.Selection(
        [
            ("vat_invoice", "VAT Invoice"),
            ("fiscal_receipt", "Fiscal Receipt"),
            ("other_receipt", "Other Lawful Receipt"),
        ],
        string="Invoice or Receipt",
    )
    invoice_number = fields.Char(string="Invoice or Receipt Number")
    evidence_ids = fields.One2many("sgz.agency.expense.evidence", "expense_id")
    purchase_id = fields.Many2one(
        "sgz.agency.purchase",
        string="Purchase Record",
        domain="[('agency_id', '=', agency_id), ('state', '=', 'approved')]",
        ondelete="restrict",
    )
    cash_warning = fields.Char(compute="_compute_warnings")
    middleman_warning = fields.Char(compute="_compute_warnings")

    @api.depends("amount", "payment_method", "partner_id", "purchase_id.supplier_id")
    def _compute_warnings(self):
        for rec in self:
            rec.cash_warning = purchase_rules.cash_payment_issue(
                rec.amount, rec.payment_method
            ) and _(
                "Payments of 1,000 or more are made by bank transfer "
                "(第六部分 四（一）)."
            )
            supplier = rec.purchase_id.supplier_id.commercial_partner_id
            rec.middleman_warning = (
                supplier
                and rec.partner_id
                and rec.partner_id.commercial_partner_id != supplier
                and _(
                    "Paid to %(payee)s, not to the supplier %(supplier)s: project "
                    "money goes to the supplier or beneficiary directly, never "
                    "through a middleman (第六部分 三（二）3).",
                    payee=rec.partner_id.name,
                    supplier=supplier.name,
                )
            ) or False

    @api.onchange("budget_line_id")
    def _onchange_budget_line(self):
        if self.budget_line_id:
            self.spent_on_id = self.budget_line_id.category_id
            if self.budget_line_id.funding_source:
                self.funding_source = self.budget_line_id.funding_source

    @api.model_create_multi
    def create(self, vals_list):
        expenses = super().create(vals_list)
        expenses._sgz_sync_evidence()
        return expenses

    def write(self, vals):
        result = super().write(vals)
        if "budget_line_id" in vals:
            self._sgz_sync_evidence()
        return result

    def _sgz_sync_evidence(self):
        """The checklist of papers the line's category needs (第六部分 四（三）)."""
        Evidence = self.env["sgz.agency.expense.evidence"]
        for rec in self:
            items = spending_rules.evidence_items(rec.budget_line_id.category_id.code)
            have = set(rec.evidence_ids.mapped("code"))
            wanted = {code for code, _name in items}
            rec.evidence_ids.filtered(
                lambda e, w=wanted: e.code not in w and not e.attachment_ids
            ).unlink()
            Evidence.create(
                [
                    {"expense_id": rec.id, "code": code, "name": name}
                    for code, name in items
                    if code not in have
                ]
            )

    def _sgz_spent_amount(self):
        return self.amount

    def _sgz_refusals(self):
        """Every rule the expense breaks, in the reader's words (empty: it posts)."""
        self.ensure_one()
        env = reader_env(self.env)
        problems = []
        if self.currency_id.compare_amounts(self.amount, 0) <= 0:
            problems.append(env._("the amount must be greater than zero"))
        category = self.spent_on_id
        if category.forbidden or category.parent_id.forbidden:
            problems.append(
                env._(
                    "project money may not pay for %(category)s (第六部分 二（二）)",
                    category=category.display_name,
                )
            )
        elif category != self.budget_line_id.category_id:
            problems.append(
                env._(
                    "%(category)s is not booked on the line %(line)s of "
                    "%(line_category)s",
                    category=category.display_name,
                    line=self.budget_line_id.name,
                    line_category=self.budget_line_id.category_id.display_name,
                )
            )
        refusal = spending_rules.use_refusal(
            self.use, self.budget_line_id.category_id.code, self.funding_source
        )
        use_label = dict(self._fields["use"]._description_selection(env)).get(self.use)
        if refusal == "meeting_extras":
            problems.append(
                env._(
                    "meeting costs never include gifts, flowers or tea breaks "
                    "(第六部分 二（一）1（3））"
                )
            )
        elif refusal == "lottery":
            problems.append(
                env._(
                    "lottery-fund money may not pay for %(use)s "
                    "(《昆明市彩票公益金使用管理办法》第十二条)",
                    use=use_label,
                )
            )
        if not self.invoice_type or not (self.invoice_number or "").strip():
            problems.append(
                env._(
                    "no lawful invoice or receipt is named: no expense is booked "
                    "without one, nor a transfer booked as spending (第六部分 四（二）)"
                )
            )
        missing = self.evidence_ids.filtered(lambda e: not e.attachment_ids)
        if missing:
            problems.append(
                env._(
                    "evidence missing: %(items)s (第六部分 四（三）)",
                    items=list_separator(env).join(missing.mapped("name")),
                )
            )
        if purchase_rules.cash_payment_issue(self.amount, self.payment_method) and (
            self._sgz_books_company().sgz_refuse_cash_payments
        ):
            problems.append(
                env._(
                    "%(amount)s in cash: the agency pays 1,000 or more by bank "
                    "transfer (第六部分 四（一）)",
                    amount=self._fmt(self.amount),
                )
            )
        needs = purchase_rules.purchase_needs(max(self.amount, 0))
        if needs and not self.purchase_id:
            problems.append(
                env._(
                    "%(amount)s needs its purchase record (inquiry or comparison over "
                    "2,000, contract from 2,000; 第六部分 三（二）2)",
                    amount=self._fmt(self.amount),
                )
            )
        elif self.purchase_id:
            problems.extend(self.purchase_id._sgz_refusals(env))
            if (
                self.currency_id.compare_amounts(self.amount, self.purchase_id.amount)
                > 0
            ):
                problems.append(
                    env._(
                        "%(amount)s is more than the purchase %(purchase)s "
                        "(%(purchase_amount)s)",
                        amount=self._fmt(self.amount),
                        purchase=self.purchase_id.display_name,
                        purchase_amount=self._fmt(self.purchase_id.amount),
                    )
                )
        if self.middleman_warning:
            problems.append(self.middleman_warning)
        return problems

    def action_post(self):
        """Dr 业务活动成本—<项目>—<子项目> / Cr 银行存款 or 现金."""
        self._sgz_require_accountant()
        self._sgz_require_state("draft")
        for rec in self:
            problems = rec._sgz_refusals()
            if problems:
                raise UserError(
                    _(
                        "%(expense)s is not posted: %(problems)s.",
                        expense=rec.display_name,
                        problems=clause_separator(self.env).join(problems),
                    )
                )
            rec._sgz_check_budget_line()
            rec._sgz_check_open_period()
            credit = CASH if rec.payment_method == "cash" else BANK
            move = rec._sgz_post_entry(
                rec.display_name,
                [
                    (COST, rec.amount, 0.0, rec.name, rec.budget_line_id),
                    (credit, 0.0, rec.amount, rec.name, None),
                ],
            )
            rec._sgz_step_write(
                {"state": "posted", "move_id": move.id, "posted_by": self.env.uid}
            )
        return True


class SgzAgencyExpenseEvidence(models.Model):
    _name = "sgz.agency.expense.evidence"
    _description = "Expense Evidence"
    _order = "expense_id, id"

    expense_id = fields.Many2one(
        "sgz.agency.expense", required=True, ondelete="cascade", index=True
    )
    code = fields.Char(required=True)
    name = fields.Char(string="Paper", required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    provided = fields.Boolean(compute="_compute_provided")

    @api.depends("attachment_ids")
    def _compute_provided(self):
        for item in self:
            item.provided = bool(item.attachment_ids)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._check_expense_draft()
        return items

    def write(self, vals):
        self._check_expense_draft()
        return super().write(vals)

    def unlink(self):
        self._check_expense_draft()
        return super().unlink()

    def _check_expense_draft(self):
        for expense in self.expense_id:
            if expense.state != "draft":
                raise UserError(
                    _(
                        "%(expense)s is posted: its evidence is kept as it was.",
                        expense=expense.display_name,
                    )
                )
