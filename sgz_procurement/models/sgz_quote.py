from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import rmb, scoring
from .sgz_procurement_common import (
    OFFICER,
    QUOTE_VALID_DAYS,
    TENDERS,
    require_group,
)

QUOTE_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted (Sealed)"),
    ("void", "Not Submitted in Time"),
    ("in_review", "In Review"),
    ("qualified", "Compliant"),
    ("rejected", "Not Compliant"),
    ("won", "Awarded"),
    ("lost", "Not Awarded"),
]
# What the supplier writes; frozen once submitted (询价: one quote, never changed).
CONTENT_FIELDS = {
    "procurement_id",
    "supplier_id",
    "total_amount",
    "line_ids",
    "service_period",
    "service_plan",
    "attachment_ids",
    "signed_by_agent",
    "note",
}
# The panel's side of the review, written by the officer after the opening.
REVIEW_FIELDS = {"other_score", "review_note"}


class SgzQuote(models.Model):
    """报价文件 (询价模板, L2922-3120), sealed until the opening.

    Record rules give bureau users access only once the procurement is opened, and
    suppliers only to their own quotes; attachments follow the quote's access.
    """

    _name = "sgz.quote"
    _description = "Supplier Quote"
    _inherit = ["sgz.workflow.mixin", "sgz.money.mixin", "mail.thread"]
    _sgz_money_fields = ("total_amount",)
    _order = "procurement_id, rank, id"
    _check_company_auto = True
    _sgz_workflow_fields = (
        "state",
        "submitted_at",
        "price_score",
        "rank",
        "result_notified",
    )

    procurement_id = fields.Many2one(
        "sgz.procurement",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "announced")],
    )
    company_id = fields.Many2one(
        related="procurement_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="procurement_id.currency_id")
    method = fields.Selection(related="procurement_id.method")
    supplier_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
    )
    state = fields.Selection(
        QUOTE_STATES, default="draft", required=True, readonly=True, copy=False
    )
    total_amount = fields.Monetary(string="Total Quote")
    amount_in_words = fields.Char(
        string="Total in Words", compute="_compute_amount_in_words"
    )
    line_ids = fields.One2many("sgz.quote.line", "quote_id", string="Itemised Prices")
    lines_total = fields.Monetary(compute="_compute_lines_total")
    service_period = fields.Char()
    service_plan = fields.Text()
    note = fields.Text(string="Other Materials")
    attachment_ids = fields.Many2many("ir.attachment", string="Quote Files")
    signed_by_agent = fields.Boolean(
        string="Signed by an Agent",
        help="Signed by an authorised agent rather than the legal representative: a "
        "power of attorney is then required (附件三).",
    )
    submitted_at = fields.Datetime(readonly=True, copy=False)
    valid_until = fields.Date(
        compute="_compute_valid_until",
        help="The application letter binds the supplier until 60 days after the "
        "opening (询价申请函 item 5).",
    )
    review_ids = fields.One2many("sgz.quote.review", "quote_id")
    compliant = fields.Boolean(compute="_compute_compliant")
    price_score = fields.Float(digits=(6, 2), readonly=True, copy=False)
    other_score = fields.Float(
        string="Other Criteria Score",
        digits=(6, 2),
        copy=False,
        help="Competitive consultation: the panel's score for everything but price.",
    )
    total_score = fields.Float(compute="_compute_total_score", digits=(6, 2))
    rank = fields.Integer(readonly=True, copy=False)
    review_note = fields.Text(string="Panel's Reasons", copy=False)
    result_notified = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "supplier_unique",
            "unique(procurement_id, supplier_id)",
            "A supplier quotes once per procurement.",
        ),
    ]

    @api.depends("total_amount", "currency_id")
    def _compute_amount_in_words(self):
        for quote in self:
            quote.amount_in_words = (
                rmb.upper_or_none(
                    quote.currency_id.round(quote.total_amount),
                    quote.currency_id.name,
                )
                if quote.total_amount
                else None
            ) or False

    @api.depends("line_ids.subtotal")
    def _compute_lines_total(self):
        for quote in self:
            # exact: compared with the total quote
            quote.lines_total = float(
                sum(
                    (Decimal(str(s)) for s in quote.line_ids.mapped("subtotal")),
                    Decimal(0),
                )
            )

    @api.depends("procurement_id.opening_time")
    def _compute_valid_until(self):
        for quote in self:
            opening = quote.procurement_id.opening_time
            quote.valid_until = (
                fields.Datetime.context_timestamp(quote, opening).date()
                + timedelta(days=QUOTE_VALID_DAYS)
                if opening
                else False
            )

    @api.depends("review_ids.passed")
    def _compute_compliant(self):
        for quote in self:
            quote.compliant = bool(quote.review_ids) and all(
                quote.review_ids.mapped("passed")
            )

    @api.depends("price_score", "other_score")
    def _compute_total_score(self):
        for quote in self:
            quote.total_score = float(
                scoring.total_score(quote.price_score, quote.other_score)
            )

    @api.depends("procurement_id.name", "supplier_id.name")
    def _compute_display_name(self):
        for quote in self:
            quote.display_name = (
                f"{quote.procurement_id.name or ''} {quote.supplier_id.name or ''}"
            )

    def _sgz_money_record_name(self, vals=None):
        if self:
            return self.display_name
        vals = vals or {}
        proc = self.env["sgz.procurement"].sudo().browse(vals.get("procurement_id"))
        supplier = (
            self.env["res.partner"].sudo().browse(vals.get("supplier_id"))
            or self.env.user.sgz_agency_id
        )
        return f"{proc.name or ''} {supplier.name or ''}".strip()

    # --------------------------------------------------------------- constraints
    @api.constrains("total_amount")
    def _check_amount(self):
        for quote in self:
            if quote.currency_id.compare_amounts(quote.total_amount, 0) < 0:
                raise ValidationError(
                    _(
                        "Total Quote of %(supplier)s cannot be negative.",
                        supplier=quote.supplier_id.name,
                    )
                )

    @api.constrains("procurement_id", "supplier_id")
    def _check_invited(self):
        for quote in self:
            proc = quote.procurement_id
            if proc.method in TENDERS:
                raise ValidationError(
                    _(
                        "%(proc)s is a tender run on the government platform; quotes "
                        "are not taken here.",
                        proc=proc.display_name,
                    )
                )
            if quote.supplier_id not in proc.invitation_ids.supplier_id:
                raise ValidationError(
                    _(
                        "%(supplier)s was not invited to %(proc)s.",
                        supplier=quote.supplier_id.name,
                        proc=proc.display_name,
                    )
                )
            others = self.sudo().search_count(
                [
                    ("procurement_id", "=", proc.id),
                    ("supplier_id", "=", quote.supplier_id.id),
                    ("id", "!=", quote.id),
                ]
            )
            if others:
                raise ValidationError(
                    _(
                        "%(supplier)s has already quoted for %(proc)s; a supplier "
                        "quotes once and cannot change its quote.",
                        supplier=quote.supplier_id.name,
                        proc=proc.display_name,
                    )
                )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        own = self.env.user.sgz_agency_id
        bureau = self.env.su or self.env.user.has_group(OFFICER)
        for vals in vals_list:
            # an agency quotes for itself only; and what it is told never depends on
            # what its rivals did (no question about other suppliers' quotes here)
            supplier = vals.get("supplier_id", own.id)
            if not bureau and supplier != own.id:
                raise AccessError(_("An agency submits quotes in its own name only."))
            # the supplier's own earlier quote, said in words before the unique index
            existing = self.sudo().search(
                [
                    ("procurement_id", "=", vals.get("procurement_id")),
                    ("supplier_id", "=", supplier),
                ],
                limit=1,
            )
            if existing:
                raise ValidationError(
                    _(
                        "%(supplier)s has already quoted for %(proc)s; a supplier "
                        "quotes once and cannot change its quote.",
                        supplier=existing.supplier_id.name,
                        proc=existing.procurement_id.display_name,
                    )
                )
        quotes = super().create(vals_list)
        quotes._check_open_for_quotes()
        return quotes

    def write(self, vals):
        if not self._sgz_in_step():
            if {"procurement_id", "supplier_id"}.intersection(vals):
                raise UserError(
                    _(
                        "A quote stays with the procurement and the supplier it was "
                        "made for."
                    )
                )
            content = CONTENT_FIELDS.intersection(vals)
            review = REVIEW_FIELDS.intersection(vals)
            for quote in self:
                if content and quote.state != "draft":
                    raise UserError(
                        _(
                            "The quote of %(supplier)s has been submitted; it cannot "
                            "be changed.",
                            supplier=quote.supplier_id.name,
                        )
                    )
                if review:
                    require_group(self.env, OFFICER)
                    if quote.state not in ("in_review", "qualified"):
                        raise UserError(
                            _(
                                "The quote of %(supplier)s is not under review.",
                                supplier=quote.supplier_id.name,
                            )
                        )
            if content:
                self._check_open_for_quotes()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for quote in self:
            if quote.state != "draft":
                raise UserError(
                    _(
                        "The quote of %(supplier)s has been submitted; it cannot be "
                        "deleted.",
                        supplier=quote.supplier_id.name,
                    )
                )

    def _check_open_for_quotes(self):
        now = fields.Datetime.now()
        for quote in self:
            proc = quote.procurement_id.sudo()
            if proc.state != "announced" or (
                proc.quote_deadline and now > proc.quote_deadline
            ):
                raise UserError(
                    _(
                        "%(proc)s is not taking quotes (deadline %(deadline)s).",
                        proc=proc.display_name,
                        deadline=proc.quote_deadline
                        and fields.Datetime.context_timestamp(
                            quote, proc.quote_deadline
                        ),
                    )
                )

    # ----------------------------------------------------------------- workflow
    def action_submit(self):
        for quote in self:
            if quote.state != "draft":
                raise UserError(
                    _(
                        "The quote of %(supplier)s has already been submitted.",
                        supplier=quote.supplier_id.name,
                    )
                )
            quote._check_open_for_quotes()
            proc = quote.procurement_id
            if quote.currency_id.compare_amounts(quote.total_amount, 0) <= 0:
                raise UserError(_("Enter the total quote before submitting."))
            if not quote.line_ids:
                raise UserError(
                    _("Itemise the quote (分项报价一览表) before submitting.")
                )
            if quote.currency_id.compare_amounts(quote.lines_total, quote.total_amount):
                raise UserError(
                    _(
                        "The itemised prices add up to %(lines)s but the total quote "
                        "is %(total)s; they must be equal.",
                        lines=quote.lines_total,
                        total=quote.total_amount,
                    )
                )
            if not (quote.service_period or "").strip():
                raise UserError(_("State the service period of the quote."))
            quote._sgz_step_write(
                {"state": "submitted", "submitted_at": fields.Datetime.now()}
            )
            quote._message_log(
                body=_(
                    "Quote submitted and sealed until %(time)s.",
                    time=fields.Datetime.context_timestamp(quote, proc.opening_time),
                )
            )
        return True

    def _start_review(self):
        """At the opening: one review line per required document and requirement."""
        Review = self.env["sgz.quote.review"].sudo()
        Docs = self.env["sgz.qualification.document"]
        labels = dict(Docs._fields["doc_type"]._description_selection(self.env))
        for quote in self:
            proc = quote.procurement_id
            opening_day = fields.Datetime.context_timestamp(
                quote, proc.opening_time
            ).date()
            doc_issues = dict(
                Docs._document_issues(
                    quote.supplier_id,
                    proc,
                    opening_day,
                    needs_attorney=quote.signed_by_agent,
                )
            )
            required = [t for t, _label in Docs._fields["doc_type"].selection]
            if not quote.signed_by_agent:
                required.remove("power_of_attorney")
            lines = [
                {
                    "quote_id": quote.id,
                    "kind": "qualification",
                    "name": labels[doc_type],
                    "doc_type": doc_type,
                    "auto_failed": doc_type in doc_issues,
                    "reason": doc_issues.get(doc_type, False),
                }
                for doc_type in required
            ]
            eligibility = quote.supplier_id._sgz_eligibility_issues(opening_day)
            lines.append(
                {
                    "quote_id": quote.id,
                    "kind": "qualification",
                    "name": _("Supplier conditions"),
                    "auto_failed": bool(eligibility),
                    "reason": "; ".join(eligibility) or False,
                }
            )
            over = (
                proc.currency_id.compare_amounts(
                    quote.total_amount, proc.budget_ceiling
                )
                > 0
            )
            lines.append(
                {
                    "quote_id": quote.id,
                    "kind": "compliance",
                    "name": _("Quote within the budget ceiling"),
                    "auto_failed": over,
                    "reason": over
                    and _(
                        "%(total)s is above the ceiling %(ceiling)s.",
                        total=quote.total_amount,
                        ceiling=proc.budget_ceiling,
                    ),
                }
            )
            for name in (
                _("Service period as required"),
                _("Staff as required"),
                _("Service plan answers the requirements"),
            ):
                lines.append({"quote_id": quote.id, "kind": "compliance", "name": name})
            Review._sgz_step_create(lines)
            quote._sgz_step_write({"state": "in_review"})

    def _check_review_complete(self):
        for quote in self:
            undecided = quote.review_ids.filtered(
                lambda r: not r.passed and not r.failed
            )
            if undecided:
                raise UserError(
                    _(
                        "The review of %(supplier)s is not finished: %(items)s.",
                        supplier=quote.supplier_id.name,
                        items=", ".join(undecided.mapped("name")),
                    )
                )

    def _check_other_score(self):
        for quote in self:
            cap = scoring.other_score_cap(quote.procurement_id.price_weight)
            if not 0 <= Decimal(str(quote.other_score)) <= cap:
                raise UserError(
                    _(
                        "Other criteria score of %(supplier)s: %(score)s is outside "
                        "0-%(cap)s.",
                        supplier=quote.supplier_id.name,
                        score=quote.other_score,
                        cap=cap,
                    )
                )

    def _notify_result(self, text):
        for quote in self:
            if quote.state == "won":
                body = _("Your quote was awarded. %(text)s", text=text)
            else:
                body = _("Your quote was not awarded. %(text)s", text=text)
            quote._message_log(body=body)
            quote._sgz_step_write({"result_notified": fields.Date.context_today(self)})


class SgzQuoteLine(models.Model):
    _name = "sgz.quote.line"
    _inherit = ["sgz.frozen.line.mixin", "sgz.money.mixin"]
    _description = "Itemised Quote Line"
    _order = "quote_id, sequence, id"
    _sgz_money_fields = ("unit_price",)

    quote_id = fields.Many2one(
        "sgz.quote", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    quantity = fields.Float(digits=(12, 2), default=1.0)
    currency_id = fields.Many2one(related="quote_id.currency_id")
    unit_price = fields.Monetary()
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True)
    note = fields.Char()

    @api.depends("quantity", "unit_price")
    def _compute_subtotal(self):
        for line in self:
            # exact product, rounded once to the currency's unit (half up)
            places = line.currency_id.decimal_places if line.currency_id else 2
            unit = Decimal(1).scaleb(-places)
            exact = Decimal(str(line.quantity)) * Decimal(str(line.unit_price))
            line.subtotal = float(exact.quantize(unit, rounding=ROUND_HALF_UP))

    @api.constrains("quantity", "unit_price")
    def _check_values(self):
        for line in self:
            if line.quantity <= 0 or line.unit_price < 0:
                raise ValidationError(
                    _(
                        "Item %(item)s: the quantity must be positive and the unit "
                        "price not negative.",
                        item=line.name,
                    )
                )

    def _check_quote_draft(self):
        for quote in self.quote_id:
            if quote.state != "draft":
                raise UserError(
                    _(
                        "The quote of %(supplier)s has been submitted; it cannot be "
                        "changed.",
                        supplier=quote.supplier_id.name,
                    )
                )

    def _sgz_check_editable(self):
        self._check_quote_draft()


class SgzQuoteReview(models.Model):
    """资格审查 / 符合性审查: one line per requirement, pass or fail with a reason."""

    _name = "sgz.quote.review"
    _inherit = ["sgz.workflow.mixin"]
    _description = "Quote Review Item"
    _order = "quote_id, kind, id"
    # made by the opening, one per requirement; the panel passes or fails each
    _sgz_workflow_fields = (
        "quote_id",
        "kind",
        "name",
        "doc_type",
        "auto_failed",
        "reviewer_id",
    )

    quote_id = fields.Many2one(
        "sgz.quote", required=True, ondelete="cascade", index=True
    )
    kind = fields.Selection(
        [("qualification", "Qualification"), ("compliance", "Compliance")],
        required=True,
    )
    name = fields.Char(string="Requirement", required=True)
    doc_type = fields.Char()
    auto_failed = fields.Boolean(
        string="Failed on the Data",
        readonly=True,
        help="Missing, unverified or expired documents, ineligible supplier or a quote "
        "above the ceiling: the panel cannot pass this item.",
    )
    passed = fields.Boolean()
    failed = fields.Boolean()
    reason = fields.Char()
    reviewer_id = fields.Many2one("res.users", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("auto_failed"):
                vals.update(failed=True, passed=False)
        return super().create(vals_list)

    def write(self, vals):
        require_group(self.env, OFFICER)
        self._sgz_check_workflow_write(vals)
        for line in self:
            if line.quote_id.state != "in_review":
                raise UserError(
                    _(
                        "The review of %(supplier)s is closed.",
                        supplier=line.quote_id.supplier_id.name,
                    )
                )
            if line.auto_failed and vals.get("passed"):
                raise UserError(
                    _(
                        "%(item)s failed on the data (%(reason)s); the panel cannot "
                        "pass it.",
                        item=line.name,
                        reason=line.reason,
                    )
                )
        with self._sgz_step():
            result = super().write(dict(vals, reviewer_id=self.env.uid))
        for line in self:
            if line.passed and line.failed:
                raise ValidationError(
                    _("%(item)s cannot both pass and fail.", item=line.name)
                )
            if line.failed and not (line.reason or "").strip():
                raise ValidationError(
                    _(
                        "%(item)s: a failed requirement needs the reason.",
                        item=line.name,
                    )
                )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_with_the_quote(self):
        if not self._sgz_in_step():
            raise UserError(
                _("The review items of a quote are made by the opening; they stay.")
            )
