"""劳务费支付表 (第六部分 四（三）（2）) and the agency's small purchases
(三（二）2-3)."""

from datetime import date as Date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_stations.models.sgz_workflow import list_separator, reader_env

from ..lib import labour_tax, payee_rules, purchase_rules
from ..lib.budget_rules import money_sum
from .sgz_agency_books import (
    BANK,
    COST,
    IIT,
    OTHER_PAYABLE,
    clause_separator,
    require_accountant,
)


def id_reason(env, reason):
    """Why a resident ID number is refused, in the reader's words."""
    return {
        "length": env._("it has not 18 characters"),
        "format": env._("it is not a resident ID number"),
        "check_digit": env._("its check digit is wrong"),
        "birth_date_or_region": env._("its birth date or region code does not exist"),
        "birth_date": env._("its birth date is in the future"),
    }[reason]


def compact_id(number):
    """The ID number as it is kept: no spaces, the check letter upper case."""
    return (number or "").replace(" ", "").strip().upper()


class SgzLaborPayment(models.Model):
    _name = "sgz.labor.payment"
    _inherit = ["sgz.budget.spending.mixin"]
    _description = "Labour Payment"
    _order = "date desc, id desc"
    _sgz_workflow_fields = (
        "state",
        "move_id",
        "posted_by",
        "tax_withheld",
        "net_amount",
        "paid",
        "pay_move_id",
    )
    _sgz_money_fields = ("rate",)

    name = fields.Char(compute="_compute_name")
    payee_name = fields.Char(string="Payee", required=True)
    payee_id_number = fields.Char(
        string="Resident ID Number",
        required=True,
        groups="sgz_stations.group_agency_accountant,sgz_stations.group_auditor",
        help="Personal data of the payee: only the agency's accountants and the "
        "auditors read it.",
    )
    payee_phone = fields.Char(string="Phone", required=True)
    payee_employer = fields.Char(string="Employer")
    payee_title = fields.Char(string="Position or Title")
    work = fields.Char(string="Work Done", required=True)
    days = fields.Float(digits=(6, 1), required=True, default=1.0)
    hours = fields.Float(digits=(6, 1))
    rate = fields.Monetary(string="Rate per Day", required=True)
    gross = fields.Monetary(compute="_compute_gross", store=True)
    tax_withheld = fields.Monetary(readonly=True, copy=False)
    net_amount = fields.Monetary(string="Net Paid", readonly=True, copy=False)
    tax_preview = fields.Monetary(
        string="Tax to Withhold", compute="_compute_tax_preview"
    )
    signed = fields.Boolean(
        string="Signed by the Payee",
        help="The payee signed the pay sheet (签收单); attach the signed sheet.",
    )
    signed_sheet_ids = fields.Many2many(
        "ir.attachment", string="Signed Pay Sheet", copy=False
    )
    paid = fields.Boolean(readonly=True, copy=False)
    pay_move_id = fields.Many2one("account.move", readonly=True, copy=False)
    month = fields.Char(compute="_compute_month", store=True, index=True)

    @api.depends("payee_name", "date")
    def _compute_name(self):
        for rec in self:
            rec.name = _(
                "Labour fee %(payee)s %(date)s",
                payee=rec.payee_name or "",
                date=rec.date or "",
            )

    @api.depends("date")
    def _compute_month(self):
        for rec in self:
            rec.month = rec.date and rec.date.strftime("%Y-%m")

    @api.depends("days", "rate")
    def _compute_gross(self):
        for rec in self:
            rec.gross = rec.currency_id.round(rec.days * rec.rate)

    @api.depends("gross", "date", "budget_line_id", "state")
    def _compute_tax_preview(self):
        for rec in self:
            if rec.state == "posted":
                rec.tax_preview = rec.tax_withheld
            elif rec.gross > 0 and rec.date and rec.budget_line_id:
                rec.tax_preview = float(rec._sgz_withholding()[0])
            else:
                rec.tax_preview = 0.0

    @api.constrains("payee_id_number", "date")
    def _check_id_number(self):
        for rec in self.sudo():
            compact, reason = payee_rules.check_resident_id(
                rec.payee_id_number, rec.date or Date.today()
            )
            if reason:
                env = reader_env(self.env)
                raise ValidationError(
                    _(
                        "Labour payment to %(payee)s: %(number)s is not a valid "
                        "resident ID number (GB 11643): %(reason)s.",
                        payee=rec.payee_name,
                        number=rec.payee_id_number,
                        reason=id_reason(env, reason),
                    )
                )

    @api.constrains("days", "hours", "rate", "budget_line_id")
    def _check_rate(self):
        for rec in self:
            if rec.days <= 0 or rec.hours < 0 or rec.rate <= 0:
                raise ValidationError(
                    _(
                        "Labour payment to %(payee)s: days and rate must be greater "
                        "than zero.",
                        payee=rec.payee_name,
                    )
                )
            cap = rec.budget_line_id.rate_id
            if (
                cap
                and not cap.uncapped
                and rec.currency_id.compare_amounts(rec.rate, cap.max_rate) > 0
            ):
                raise ValidationError(
                    _(
                        "Labour payment to %(payee)s: %(rate)s a day is over the "
                        "guide's cap for %(basis)s (%(cap)s a day, "
                        "第六部分 二（一）1).",
                        payee=rec.payee_name,
                        rate=rec._fmt(rec.rate),
                        basis=cap.name,
                        cap=rec._fmt(cap.max_rate),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("payee_id_number"):
                vals["payee_id_number"] = compact_id(vals["payee_id_number"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("payee_id_number"):
            vals["payee_id_number"] = compact_id(vals["payee_id_number"])
        return super().write(vals)

    def _sgz_spent_amount(self):
        return self.gross

    def _sgz_month_before(self):
        """(paid, withheld) to the same payee for the same item this month, posted."""
        self.ensure_one()
        line = self.budget_line_id
        same = (
            self.sudo()
            .search(
                [
                    ("payee_id_number", "=", self.sudo().payee_id_number),
                    ("agency_id", "=", self.agency_id.id),
                    ("project_id", "=", self.project_id.id),
                    ("month", "=", self.date.strftime("%Y-%m")),
                    ("state", "=", "posted"),
                    ("id", "!=", self.id or 0),
                ]
            )
            .filtered(lambda p: p.budget_line_id._sgz_key() == line._sgz_key())
        )
        return (
            money_sum(same.mapped("gross")),
            money_sum(same.mapped("tax_withheld")),
        )

    def _sgz_withholding(self):
        paid, withheld = self._sgz_month_before()
        return labour_tax.withholding(paid, withheld, self.gross)

    def action_post(self):
        """Dr 业务活动成本—<项目>—<子项目> gross / Cr 应交税费 (代扣代缴个人所得税) /
        Cr 其他应付款 (the net owed to the payee)."""
        self._sgz_require_accountant()
        self._sgz_require_state("draft")
        for rec in self:
            if not rec.signed or not rec.signed_sheet_ids:
                raise UserError(
                    _(
                        "%(payment)s is not posted: the payee's signed pay sheet "
                        "(签收单) is attached and marked signed first "
                        "(第六部分 四（三）（2））.",
                        payment=rec.display_name,
                    )
                )
            rec._sgz_check_budget_line()
            rec._sgz_check_open_period()
            tax, net = rec._sgz_withholding()
            label = f"{rec.payee_name} {rec.work}"
            move = rec._sgz_post_entry(
                rec.display_name,
                [
                    (COST, rec.gross, 0.0, label, rec.budget_line_id),
                    (IIT, 0.0, float(tax), label, None),
                    (OTHER_PAYABLE, 0.0, float(net), label, None),
                ],
            )
            rec._sgz_step_write(
                {
                    "state": "posted",
                    "move_id": move.id,
                    "posted_by": self.env.uid,
                    "tax_withheld": float(tax),
                    "net_amount": float(net),
                }
            )
        return True

    def action_pay(self):
        """Dr 其他应付款 / Cr 银行存款: the net paid to the payee."""
        self._sgz_require_accountant()
        self._sgz_require_state("posted")
        for rec in self:
            if rec.paid:
                raise UserError(
                    _("%(payment)s was already paid.", payment=rec.display_name)
                )
            rec._sgz_check_open_period()
            label = f"{rec.payee_name} {rec.work}"
            move = rec._sgz_post_entry(
                rec.display_name,
                [
                    (OTHER_PAYABLE, rec.net_amount, 0.0, label, None),
                    (BANK, 0.0, rec.net_amount, label, None),
                ],
            )
            rec._sgz_step_write({"paid": True, "pay_move_id": move.id})
        return True


# ---------------------------------------------------------------- purchases
class SgzAgencyRelation(models.Model):
    """Who the agency may not buy from (第六部分 三（二）2): the organisations and
    people with a direct interest of its officers and staff."""

    _name = "sgz.agency.relation"
    _description = "Related Party of an Agency"
    _order = "agency_id, id"

    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
        ondelete="cascade",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Related Party", required=True, ondelete="cascade"
    )
    person = fields.Char(string="Officer or Staff Member", required=True)
    relation = fields.Char(required=True)


class SgzAgencyPurchase(models.Model):
    """A purchase of goods or services with its inquiry or comparison and contract."""

    _name = "sgz.agency.purchase"
    _inherit = ["sgz.workflow.mixin", "sgz.money.mixin", "mail.thread"]
    _description = "Agency Purchase"
    _order = "date desc, id desc"
    _sgz_workflow_fields = ("state", "approved_by")
    _sgz_money_fields = ("amount",)

    name = fields.Char(string="Goods or Services", required=True)
    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
        ondelete="restrict",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.ref("base.CNY")
    )
    supplier_id = fields.Many2one("res.partner", required=True, ondelete="restrict")
    amount = fields.Monetary(required=True)
    requirements = fields.Text(string="Requirements (Quality, Quantity)")
    quote_ids = fields.One2many("sgz.agency.purchase.quote", "purchase_id", "Quotes")
    decision = fields.Text(string="Decision and its Reasons")
    contract_signed = fields.Boolean()
    contract_attachment_ids = fields.Many2many(
        "ir.attachment", string="Signed Contract"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)

    def _sgz_refusals(self, env=None):
        """The purchase rules this record breaks, in the reader's words."""
        self.ensure_one()
        env = env or reader_env(self.env)
        problems = []
        needs = purchase_rules.purchase_needs(max(self.amount, 0))
        quotes = self.quote_ids
        if "comparison" in needs and (
            len(quotes.mapped("supplier_id")) < 2
            or not (self.decision or "").strip()
            or not (self.requirements or "").strip()
        ):
            problems.append(
                env._(
                    "%(purchase)s of %(amount)s needs an inquiry or comparison: the "
                    "requirements, quotes of at least two suppliers and the decision "
                    "(第六部分 三（二）2)",
                    purchase=self.display_name,
                    amount=self.amount,
                )
            )
        if "contract" in needs and not (
            self.contract_signed and self.contract_attachment_ids
        ):
            problems.append(
                env._(
                    "%(purchase)s of %(amount)s needs its signed contract attached "
                    "(第六部分 三（二）2)",
                    purchase=self.display_name,
                    amount=self.amount,
                )
            )
        related = (
            self.env["sgz.agency.relation"]
            .sudo()
            .search(
                [
                    ("agency_id", "=", self.agency_id.commercial_partner_id.id),
                    (
                        "partner_id",
                        "child_of",
                        self.supplier_id.commercial_partner_id.id,
                    ),
                ]
            )
        )
        if related:
            problems.append(
                env._(
                    "%(supplier)s is a related party (%(people)s): the agency does "
                    "not buy from it (第六部分 三（二）2)",
                    supplier=self.supplier_id.name,
                    people=list_separator(env).join(
                        f"{r.person}（{r.relation}）" for r in related
                    ),
                )
            )
        return problems

    def write(self, vals):
        if not self._sgz_in_step():
            for rec in self:
                if rec.state != "draft":
                    raise UserError(
                        _(
                            "%(purchase)s is approved: it no longer changes.",
                            purchase=rec.display_name,
                        )
                    )
        return super().write(vals)

    def unlink(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    _(
                        "%(purchase)s is approved and is kept with the books.",
                        purchase=rec.display_name,
                    )
                )
        return super().unlink()

    def action_approve(self):
        for rec in self:
            require_accountant(rec)
        self._sgz_require_state("draft")
        for rec in self:
            if rec.currency_id.compare_amounts(rec.amount, 0) <= 0:
                raise ValidationError(_("A purchase amount is greater than zero."))
            problems = rec._sgz_refusals()
            if problems:
                raise UserError(
                    _(
                        "%(purchase)s is not approved: %(problems)s.",
                        purchase=rec.display_name,
                        problems=clause_separator(self.env).join(problems),
                    )
                )
            rec._sgz_step_write({"state": "approved", "approved_by": self.env.uid})
        return True


class SgzAgencyPurchaseQuote(models.Model):
    _name = "sgz.agency.purchase.quote"
    _inherit = ["sgz.frozen.line.mixin", "sgz.money.mixin"]
    _description = "Quote for an Agency Purchase"
    _sgz_money_fields = ("amount",)

    purchase_id = fields.Many2one(
        "sgz.agency.purchase", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="purchase_id.currency_id")
    supplier_id = fields.Many2one("res.partner", required=True, ondelete="restrict")
    amount = fields.Monetary(required=True)
    note = fields.Char()

    def _sgz_check_editable(self):
        for purchase in self.purchase_id:
            if purchase.state != "draft":
                raise UserError(
                    _(
                        "%(purchase)s is approved: its quotes are kept as they were.",
                        purchase=purchase.display_name,
                    )
                )
