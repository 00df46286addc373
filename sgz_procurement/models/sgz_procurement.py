import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_amount

from odoo.addons.sgz_stations.models.sgz_cron import for_each_record
from odoo.addons.sgz_stations.models.sgz_handover import (
    Handover,
    named_user,
    role_users,
)

from ..lib import rmb, scoring
from ..wizard.sgz_reason_wizard import reason_action
from .sgz_procurement_common import (
    AUDITOR,
    CONSULTATION_MIN_DAYS,
    INQUIRY_MIN_WORKING_DAYS,
    MANAGER,
    METHODS,
    MIN_COMPLIANT,
    MIN_INVITED,
    NOTICE_WORKING_DAYS,
    OFFICER,
    SINGLE_SOURCE_NOTICE_WORKING_DAYS,
    SUPERVISOR,
    TENDERS,
    require_group,
)

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("announced", "Announced"),
    ("opened", "Opened"),
    ("reviewed", "Reviewed"),
    ("award_pending", "Award to Approve"),
    ("awarded", "Awarded"),
    ("terminated", "Terminated"),
]


class SgzProcurement(models.Model):
    _name = "sgz.procurement"
    _description = "Station Service Procurement"
    _inherit = [
        "sgz.workflow.mixin",
        "sgz.handover.mixin",
        "sgz.money.mixin",
        "mail.thread",
    ]
    _sgz_money_fields = ("budget_ceiling", "tender_amount")
    _sgz_handover_fields = (
        "state",
        "notice_date",
        "notice_due",
        "opening_time",
        "user_id",
    )
    _order = "id desc"
    _check_company_auto = True
    # Written by the workflow steps only (award, notice, opening, result).
    _sgz_workflow_fields = (
        "name",
        "state",
        "opened",
        "opened_at",
        "result_note",
        "awarded_quote_id",
        "awarded_amount",
        "award_proposed_by",
        "award_approved_by",
        "award_date",
        "notice_due",
        "notice_date",
        "notice_late",
        "notice_text",
        "termination_reason",
        "restarted_from_id",
    )

    name = fields.Char(
        string="Procurement Number",
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    title = fields.Char(string="Project Name", required=True, tracking=True)
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    method = fields.Selection(METHODS, required=True, default="inquiry", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    purchaser_id = fields.Many2one(
        "res.partner",
        required=True,
        default=lambda self: self.env.company.partner_id,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Procurement Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    project_ids = fields.Many2many(
        "sgz.project", string="Projects Bought For", check_company=True
    )
    station_ids = fields.Many2many(
        "sgz.station", string="Stations Bought For", check_company=True
    )
    budget_ceiling = fields.Monetary(tracking=True)
    date_start = fields.Date(string="Service Start", required=True)
    date_end = fields.Date(string="Service End", required=True)
    service_requirements = fields.Text()
    staff_requirements = fields.Text()
    evaluation_criteria = fields.Text(string="Assessment Indicators")

    # timeline
    announce_date = fields.Date(string="Announced on", copy=False, tracking=True)
    quote_deadline = fields.Datetime(copy=False, tracking=True)
    opening_time = fields.Datetime(copy=False, tracking=True)
    opened = fields.Boolean(readonly=True, copy=False, index=True)
    opened_at = fields.Datetime(readonly=True, copy=False)

    # method-specific
    price_weight = fields.Float(
        string="Price Weight (%)",
        default=10.0,
        digits=(5, 2),
        help="Competitive consultation: the price's share of the score, 10-30 %.",
    )
    single_source_reason = fields.Text(
        string="Reason for Single Source",
        help="Why only this supplier can provide the service.",
    )
    notice_start = fields.Date(
        string="Public Notice from",
        copy=False,
        help="Single source: the public notice of at least 5 working days starts.",
    )
    notice_end = fields.Date(
        string="Public Notice until",
        compute="_compute_notice_end",
        store=True,
    )
    notice_end_note = fields.Char(
        string="Public Notice End Pending", compute="_compute_pending_notes"
    )
    platform_reference = fields.Char(
        string="Platform Announcement",
        help="Tenders are run on the government procurement platform: its notice "
        "number or address.",
    )
    bidder_ids = fields.Many2many(
        "res.partner",
        "sgz_procurement_bidder_rel",
        string="Bidders",
        domain=[("is_company", "=", True)],
    )
    tender_amount = fields.Monetary(string="Winning Bid")
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")

    invitation_ids = fields.One2many(
        "sgz.procurement.invitation", "procurement_id", string="Invited Suppliers"
    )
    panel_ids = fields.One2many(
        "sgz.procurement.panel", "procurement_id", string="Review Panel"
    )
    quote_ids = fields.One2many("sgz.quote", "procurement_id", string="Quotes")
    received_count = fields.Integer(
        string="Quotes Received",
        compute="_compute_received",
        help="Submitted quotes; their content stays sealed until the opening.",
    )
    received_supplier_names = fields.Char(
        string="Received from", compute="_compute_received"
    )
    result_note = fields.Text(string="Review Result and Reasons", copy=False)
    awarded_quote_id = fields.Many2one("sgz.quote", readonly=True, copy=False)
    awarded_supplier_id = fields.Many2one("res.partner", readonly=True, copy=False)
    awarded_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    amount_in_words = fields.Char(
        string="Awarded Amount in Words", compute="_compute_amount_in_words"
    )
    award_proposed_by = fields.Many2one("res.users", readonly=True, copy=False)
    award_approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    award_date = fields.Date(string="Decision Date", readonly=True, copy=False)
    notice_due = fields.Date(
        string="Result Notice Due",
        readonly=True,
        copy=False,
        help="Two working days after the decision.",
    )
    notice_due_note = fields.Char(
        string="Result Notice Due Pending", compute="_compute_pending_notes"
    )
    notice_date = fields.Date(
        string="Result Notice Published", readonly=True, copy=False
    )
    notice_late = fields.Boolean(
        string="Notice Published Late", readonly=True, copy=False
    )
    notice_text = fields.Text(string="Result Notice", readonly=True, copy=False)
    termination_reason = fields.Text(readonly=True, copy=False)
    contract_ids = fields.One2many("sgz.contract", "procurement_id", string="Contracts")
    restarted_from_id = fields.Many2one(
        "sgz.procurement", string="Restart of", readonly=True, copy=False
    )

    _sql_constraints = [
        ("name_unique", "unique(name, company_id)", "The number must be unique."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("awarded_amount", "currency_id")
    def _compute_amount_in_words(self):
        for rec in self:
            rec.amount_in_words = (
                rmb.upper_or_none(
                    rec.currency_id.round(rec.awarded_amount), rec.currency_id.name
                )
                or False
            )

    @api.depends("notice_start")
    def _compute_notice_end(self):
        # a notice ending in a year whose holidays are unknown yet waits for them
        # (filled in by _sgz_fill_pending_dates)
        Holiday = self.env["sgz.holiday"]
        for rec in self:
            rec.notice_end = (
                Holiday._add_working_days_or_pending(
                    rec.notice_start, SINGLE_SOURCE_NOTICE_WORKING_DAYS, request=False
                )[0]
                if rec.notice_start
                else False
            )

    @api.depends("method", "notice_start", "notice_end", "award_date", "notice_due")
    def _compute_pending_notes(self):
        """Dates that wait for a year's holidays say so instead of staying blank."""
        Holiday = self.env["sgz.holiday"]
        calendar = None
        for rec in self:
            rec.notice_end_note = rec.notice_due_note = False
            for start, days, date_field, note_field in (
                (
                    rec.notice_start,
                    SINGLE_SOURCE_NOTICE_WORKING_DAYS,
                    "notice_end",
                    "notice_end_note",
                ),
                (
                    rec._notice_due_start(),
                    NOTICE_WORKING_DAYS,
                    "notice_due",
                    "notice_due_note",
                ),
            ):
                if not start or rec[date_field]:
                    continue
                calendar = calendar or Holiday._calendar()
                _date, year = Holiday._add_working_days_or_pending(
                    start, days, calendar=calendar, request=False
                )
                rec[note_field] = year and Holiday._pending_note(year)

    def _notice_due_start(self):
        """The decision date the result notice is counted from (not for tenders:
        the platform publishes their result)."""
        self.ensure_one()
        return self.method not in TENDERS and self.award_date

    def _sgz_quotes_countable(self):
        """The procurements of ``self`` whose received quotes the user may count.

        The bureau knows who submitted before the opening, what they quoted it does
        not; a supplier learns neither the number nor the names of its competitors
        before the opening (《招标投标法》第二十二条, applied to every method here)."""
        env = self.env
        if env.su or any(
            env.user.has_group(g) for g in (OFFICER, MANAGER, SUPERVISOR, AUDITOR)
        ):
            return self
        return self.filtered("opened")

    @api.depends_context("uid")
    def _compute_received(self):
        countable = self._sgz_quotes_countable()
        groups = (
            self.env["sgz.quote"]
            .sudo()
            ._read_group(
                [("procurement_id", "in", countable.ids), ("state", "!=", "draft")],
                ["procurement_id"],
                ["__count", "supplier_id:array_agg"],
            )
        )
        counts = {p.id: (count, ids) for p, count, ids in groups}
        partners = self.env["res.partner"].sudo()
        for rec in self:
            count, ids = counts.get(rec.id, (0, []))
            rec.received_count = count
            rec.received_supplier_names = ", ".join(partners.browse(ids).mapped("name"))

    @api.depends("title", "name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = (
                f"[{rec.name}] {rec.title}"
                if rec.name and rec.name != _("New")
                else rec.title
            )

    def _sgz_money_record_name(self, vals=None):
        if self:
            return self.display_name
        return (vals or {}).get("title") or super()._sgz_money_record_name(vals)

    # --------------------------------------------------------------- constraints
    @api.constrains("date_start", "date_end")
    def _check_period(self):
        for rec in self:
            if rec.date_end < rec.date_start:
                raise ValidationError(
                    _(
                        "Service period of %(proc)s: the end %(end)s is before the "
                        "start %(start)s.",
                        proc=rec.display_name,
                        end=rec.date_end,
                        start=rec.date_start,
                    )
                )

    @api.constrains("price_weight", "method")
    def _check_price_weight(self):
        for rec in self.filtered(lambda r: r.method == "consultation"):
            try:
                scoring.check_price_weight(
                    scoring.weight_from_percent(rec.price_weight)
                )
            except ValueError:
                raise ValidationError(
                    _(
                        "Price Weight of %(proc)s: %(weight)s %% is outside 10-30 %% "
                        "(competitive consultation for purchased services).",
                        proc=rec.display_name,
                        weight=rec.price_weight,
                    )
                ) from None

    @api.constrains("budget_ceiling", "tender_amount")
    def _check_amounts(self):
        for rec in self:
            for fname in ("budget_ceiling", "tender_amount"):
                if rec.currency_id.compare_amounts(rec[fname], 0) < 0:
                    raise ValidationError(
                        _(
                            "%(field)s of %(proc)s cannot be negative.",
                            field=rec._fields[fname]._description_string(self.env),
                            proc=rec.display_name,
                        )
                    )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_workflow_vals(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("sgz.procurement")
        with self._sgz_step():
            return super().create(vals_list)

    # Once announced, the terms suppliers quoted on do not move.
    _FROZEN_AFTER_DRAFT = {
        "method",
        "budget_ceiling",
        "date_start",
        "date_end",
        "service_requirements",
        "staff_requirements",
        "evaluation_criteria",
        "price_weight",
        "announce_date",
        "quote_deadline",
        "opening_time",
        "single_source_reason",
        "notice_start",
        "company_id",
    }

    def write(self, vals):
        if not self._sgz_in_step():
            # a tender's winner is recorded from the platform before its result
            if "awarded_supplier_id" in vals and self.filtered(
                lambda r: r.method not in TENDERS
                or r.state not in ("draft", "announced")
            ):
                self._sgz_refuse_workflow_fields({"awarded_supplier_id"})
            frozen = self._FROZEN_AFTER_DRAFT.intersection(vals)
            for rec in self.filtered(lambda r: r.state != "draft" and frozen):
                raise UserError(
                    _(
                        "%(proc)s has been announced; its terms (%(fields)s) can no "
                        "longer change. Terminate it and restart it as a copy.",
                        proc=rec.display_name,
                        fields=", ".join(
                            sorted(
                                rec._fields[f]._description_string(self.env)
                                for f in frozen
                            )
                        ),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for rec in self:
            if rec.state != "draft":
                raise UserError(
                    _(
                        "%(proc)s has been announced; it cannot be deleted.",
                        proc=rec.display_name,
                    )
                )

    # ----------------------------------------------------------------- helpers
    def _local_date(self, value):
        return fields.Datetime.context_timestamp(self, value).date()

    def _method_label(self):
        return dict(self._fields["method"]._description_selection(self.env))[
            self.method
        ]

    # ----------------------------------------------------------------- workflow
    def _announce_issues(self):
        self.ensure_one()
        issues = []
        if not self.announce_date:
            issues.append(_("the announcement date is missing"))
        if self.method in TENDERS:
            if not self.platform_reference:
                issues.append(_("the government platform's announcement is missing"))
            return issues
        if not (self.quote_deadline and self.opening_time):
            issues.append(_("the quote deadline and the opening time are required"))
            return issues
        if self.currency_id.compare_amounts(self.budget_ceiling, 0) <= 0:
            issues.append(_("the budget ceiling must be greater than zero"))
        if self.opening_time < self.quote_deadline:
            issues.append(_("the opening cannot be before the quote deadline"))
        deadline = self._local_date(self.quote_deadline)
        if self.announce_date and self.method == "inquiry":
            issues += self._inquiry_period_issues(deadline)
        if self.announce_date and self.method == "consultation":
            earliest = self.announce_date + timedelta(days=CONSULTATION_MIN_DAYS)
            if deadline < earliest:
                issues.append(
                    _(
                        "a consultation gives suppliers at least %(days)s days: the "
                        "deadline can be %(earliest)s at the earliest",
                        days=CONSULTATION_MIN_DAYS,
                        earliest=earliest,
                    )
                )
        if self.method == "single_source":
            if not (self.single_source_reason or "").strip():
                issues.append(_("a single-source purchase needs its reason"))
            if not self.notice_start:
                issues.append(_("the start of the public notice is missing"))
        invited = len(self.invitation_ids)
        needed = MIN_INVITED[self.method]
        if self.method == "single_source" and invited != 1:
            issues.append(_("a single-source purchase invites exactly one supplier"))
        elif invited < needed:
            issues.append(
                _(
                    "%(method)s needs at least %(needed)s invited eligible suppliers "
                    "(now %(count)s)",
                    method=self._method_label(),
                    needed=needed,
                    count=invited,
                )
            )
        return issues

    def _inquiry_period_issues(self, deadline):
        """询价: at least 3 working days to quote. A rule checked now, so the year it
        runs into must be known (not a date that can wait)."""
        earliest, year = self.env["sgz.holiday"]._add_working_days_or_pending(
            self.announce_date, INQUIRY_MIN_WORKING_DAYS, request=False
        )
        if year:
            return [
                _(
                    "the minimum quote period of %(days)s working days cannot be "
                    "checked: the %(year)s holidays have not been entered; enter them "
                    "and mark %(year)s complete (Configuration > Holiday Table Years) "
                    "first",
                    days=INQUIRY_MIN_WORKING_DAYS,
                    year=year,
                )
            ]
        if deadline < earliest:
            return [
                _(
                    "an inquiry gives suppliers at least %(days)s working days: "
                    "the deadline can be %(earliest)s at the earliest",
                    days=INQUIRY_MIN_WORKING_DAYS,
                    earliest=earliest,
                )
            ]
        return []

    def action_announce(self):
        require_group(self.env, OFFICER)
        self._sgz_require_state("draft")
        for rec in self:
            issues = rec._announce_issues()
            # suppliers may have become ineligible since they were invited
            on = rec.announce_date or fields.Date.context_today(self)
            for invitation in rec.invitation_ids:
                reasons = invitation.supplier_id._sgz_eligibility_issues(on)
                if reasons:
                    issues.append(
                        _(
                            "%(supplier)s is no longer eligible: %(reasons)s",
                            supplier=invitation.supplier_id.name,
                            reasons="; ".join(reasons),
                        )
                    )
            if issues:
                raise UserError(
                    _(
                        "%(proc)s cannot be announced:\n%(issues)s",
                        proc=rec.display_name,
                        issues="\n".join(f"- {i}" for i in issues),
                    )
                )
            rec._sgz_step_write({"state": "announced"})
            if rec.method == "single_source" and not rec.notice_end:
                # the end of the notice waits for its year: ask for that year
                self.env["sgz.holiday"]._add_working_days_or_pending(
                    rec.notice_start, SINGLE_SOURCE_NOTICE_WORKING_DAYS
                )
        return True

    def action_open(self):
        """Open the quotes: only at or after the opening time; then they are frozen."""
        require_group(self.env, OFFICER)
        self._sgz_require_state("announced")
        now = fields.Datetime.now()
        for rec in self:
            if rec.method in TENDERS:
                raise UserError(
                    _(
                        "Tenders are opened on the government platform; record the "
                        "result."
                    )
                )
            if now < rec.opening_time or now < rec.quote_deadline:
                raise UserError(
                    _(
                        "%(proc)s opens at %(time)s; quotes stay sealed until then.",
                        proc=rec.display_name,
                        time=fields.Datetime.context_timestamp(rec, rec.opening_time),
                    )
                )
            rec._sgz_step_write({"state": "opened", "opened": True, "opened_at": now})
            quotes = rec.quote_ids.sudo().filtered(lambda q: q.state == "submitted")
            quotes._start_review()
            # drafts never submitted before the deadline are void
            rec.quote_ids.sudo().filtered(lambda q: q.state == "draft")._sgz_step_write(
                {"state": "void"}
            )
        return True

    def _check_panel(self):
        for rec in self:
            count = len(rec.panel_ids)
            if count < 3 or count % 2 == 0:
                raise UserError(
                    _(
                        "The review panel of %(proc)s has %(count)s members; it needs "
                        "an odd number, at least 3.",
                        proc=rec.display_name,
                        count=count,
                    )
                )

    def action_finish_review(self):
        """Close the review: rank (inquiry) or score (consultation) compliant quotes."""
        require_group(self.env, OFFICER)
        self._sgz_require_state("opened")
        self._check_panel()
        for rec in self:
            quotes = rec.quote_ids.filtered(lambda q: q.state == "in_review")
            quotes._check_review_complete()
            compliant = quotes.filtered("compliant")
            (quotes - compliant)._sgz_step_write({"state": "rejected"})
            compliant._sgz_step_write({"state": "qualified"})
            needed = MIN_COMPLIANT[rec.method]
            if len(compliant) < needed:
                rec._terminate(
                    _(
                        "%(count)s compliant quote(s); %(method)s needs at least "
                        "%(needed)s.",
                        count=len(compliant),
                        method=rec._method_label(),
                        needed=needed,
                    )
                )
                continue
            note = rec._rank(compliant)
            rec._sgz_step_write({"state": "reviewed", "result_note": note})
        return True

    def _rank(self, compliant):
        """Rank the compliant quotes; returns the reasoning text."""
        if self.method == "consultation":
            for quote in compliant:
                quote._check_other_score()
            lowest = min(compliant.mapped("total_amount"))
            # exact: 10.10 % is 0.101, not the float 0.10099999999999999
            weight = scoring.weight_from_percent(self.price_weight)
            for quote in compliant:
                quote._sgz_step_write(
                    {
                        "price_score": float(
                            scoring.price_score(lowest, quote.total_amount, weight)
                        )
                    }
                )
            order = scoring.rank(
                [
                    (
                        q.id,
                        # exact: 3.01 + 70.20 ties with 73.21
                        scoring.total_score(q.price_score, q.other_score),
                        q.total_amount,
                        q.submitted_at,
                    )
                    for q in compliant
                ]
            )
        else:
            order = [
                key
                for key in scoring.rank_by_price(
                    [(q.id, q.total_amount, q.submitted_at) for q in compliant]
                )
            ]
        lines = []
        for rank, quote_id in enumerate(order, 1):
            quote = compliant.browse(quote_id)
            quote._sgz_step_write({"rank": rank})
            if self.method == "consultation":
                price = scoring.total_score(quote.price_score)
                other = scoring.total_score(quote.other_score)
                # two decimals, formatted outside the translated call (the message
                # extractor reads only plain arguments)
                price_text = f"{price:.2f}"
                other_text = f"{other:.2f}"
                total_text = f"{scoring.total_score(price, other):.2f}"
                lines.append(
                    _(
                        "%(rank)s. %(supplier)s: %(amount)s, price score %(price)s + "
                        "other criteria %(other)s = %(total)s",
                        rank=rank,
                        supplier=quote.supplier_id.name,
                        amount=format_amount(
                            self.env, quote.total_amount, quote.currency_id
                        ),
                        price=price_text,
                        other=other_text,
                        total=total_text,
                    )
                )
            else:
                lines.append(
                    _(
                        "%(rank)s. %(supplier)s: %(amount)s",
                        rank=rank,
                        supplier=quote.supplier_id.name,
                        amount=format_amount(
                            self.env, quote.total_amount, quote.currency_id
                        ),
                    )
                )
        if self.method == "consultation":
            basis = _(
                "Ranked by comprehensive score (price weight %(weight)s %%).",
                weight=self.price_weight,
            )
        elif self.method == "single_source":
            basis = _("Single source: the only supplier's quote, found compliant.")
        else:
            basis = _("Ranked by price; the lowest compliant quote wins (inquiry).")
        return basis + "\n" + "\n".join(lines)

    def action_propose_award(self, quote=None):
        """The officer proposes the winner: the first ranked unless stated."""
        require_group(self.env, OFFICER)
        self._sgz_require_state("reviewed")
        self.ensure_one()
        ranked = self.quote_ids.filtered(lambda q: q.state == "qualified").sorted(
            "rank"
        )
        needed = MIN_COMPLIANT[self.method]
        if len(ranked) < needed:
            raise UserError(
                _(
                    "%(proc)s has %(count)s compliant quote(s); %(method)s needs at "
                    "least %(needed)s before an award.",
                    proc=self.display_name,
                    count=len(ranked),
                    method=self._method_label(),
                    needed=needed,
                )
            )
        quote = quote or ranked[:1]
        if quote not in ranked:
            raise UserError(_("Only a compliant quote of this procurement can win."))
        if self.method == "inquiry" and quote != ranked[0]:
            raise UserError(
                _(
                    "An inquiry is awarded to the lowest compliant quote: %(supplier)s "
                    "at %(amount)s.",
                    supplier=ranked[0].supplier_id.name,
                    amount=format_amount(
                        self.env, ranked[0].total_amount, ranked[0].currency_id
                    ),
                )
            )
        if self.method == "single_source" and self.notice_start:
            # the notice period must have run: checked now, so its year must be known
            notice_end = self.notice_end
            if not notice_end:
                notice_end, year = self.env["sgz.holiday"]._add_working_days_or_pending(
                    self.notice_start, SINGLE_SOURCE_NOTICE_WORKING_DAYS
                )
                if year:
                    raise UserError(
                        _(
                            "The single-source public notice of %(proc)s ends in "
                            "%(year)s, whose holidays have not been entered: enter "
                            "them and mark %(year)s complete (Configuration > Holiday "
                            "Table Years) before the award.",
                            proc=self.display_name,
                            year=year,
                        )
                    )
            today = fields.Date.context_today(self)
            if today < notice_end:
                raise UserError(
                    _(
                        "The single-source public notice runs until %(end)s (at least "
                        "%(days)s working days); no award before.",
                        end=notice_end,
                        days=SINGLE_SOURCE_NOTICE_WORKING_DAYS,
                    )
                )
        self._sgz_step_write(
            {
                "state": "award_pending",
                "awarded_quote_id": quote.id,
                "awarded_supplier_id": quote.supplier_id.id,
                "awarded_amount": quote.total_amount,
                "award_proposed_by": self.env.uid,
            }
        )
        return True

    def action_approve_award(self):
        require_group(self.env, MANAGER)
        self._sgz_require_state("award_pending")
        today = fields.Date.context_today(self)
        for rec in self:
            # a due date in a year whose holidays are unknown waits for them
            notice_due, _year = self.env["sgz.holiday"]._add_working_days_or_pending(
                today, NOTICE_WORKING_DAYS
            )
            rec._sgz_step_write(
                {
                    "state": "awarded",
                    "award_approved_by": self.env.uid,
                    "award_date": today,
                    "notice_due": notice_due,
                }
            )
            rec.awarded_quote_id.sudo()._sgz_step_write({"state": "won"})
            rec.quote_ids.sudo().filtered(
                lambda q: q.state == "qualified"
            )._sgz_step_write({"state": "lost"})
        return True

    def action_reject_award(self):
        require_group(self.env, MANAGER)
        self._sgz_require_state("award_pending")
        self._sgz_step_write(
            {
                "state": "reviewed",
                "awarded_quote_id": False,
                "awarded_supplier_id": False,
                "awarded_amount": 0.0,
            }
        )
        return True

    def action_record_tender_result(self):
        """Open and invited tenders: record the platform's result."""
        require_group(self.env, OFFICER)
        self._sgz_require_state("announced")
        for rec in self:
            if rec.method not in TENDERS:
                raise UserError(_("Only tenders have their result recorded."))
            winner = rec.awarded_supplier_id or rec.bidder_ids[:1]
            if not (winner and rec.tender_amount > 0):
                raise UserError(
                    _("Record the winning bidder and the winning bid first.")
                )
            if winner not in rec.bidder_ids:
                raise UserError(_("The winner must be one of the bidders."))
            # the platform ran the tender; the station rules still apply to the winner
            winner._sgz_check_eligible(
                rec.award_date or fields.Date.context_today(self)
            )
            today = fields.Date.context_today(self)
            rec._sgz_step_write(
                {
                    "state": "awarded",
                    "awarded_supplier_id": winner.id,
                    "awarded_amount": rec.tender_amount,
                    "award_date": today,
                    "award_approved_by": self.env.uid,
                    "notice_date": today,
                }
            )
        return True

    def action_publish_notice(self):
        """成交结果公告 and 成交通知书; non-winning suppliers are told."""
        require_group(self.env, OFFICER)
        self._sgz_require_state("awarded")
        today = fields.Date.context_today(self)
        for rec in self:
            if rec.notice_date:
                raise UserError(
                    _(
                        "The result notice of %(proc)s is already published.",
                        proc=rec.display_name,
                    )
                )
            text = _(
                "Result of %(proc)s (%(method)s): awarded to %(supplier)s at "
                "%(amount)s, decided on %(date)s.",
                proc=rec.display_name,
                method=rec._method_label(),
                supplier=rec.awarded_supplier_id.name,
                amount=format_amount(self.env, rec.awarded_amount, rec.currency_id),
                date=rec.award_date,
            )
            rec._sgz_step_write(
                {
                    "notice_date": today,
                    "notice_text": text,
                    # a due date still pending is judged when it is filled in
                    "notice_late": bool(rec.notice_due) and today > rec.notice_due,
                }
            )
            for quote in rec.quote_ids.sudo().filtered(
                lambda q: q.state in ("won", "lost", "rejected")
            ):
                quote._notify_result(text)
        return True

    @api.model
    def _sgz_fill_pending_dates(self):
        """Fill in the dates that waited for a year's holidays (when a year is marked
        complete, and daily), one procurement at a time; those whose year is still
        unknown keep waiting. Returns the procurements looked at without error."""
        waiting = self.sudo().search(
            expression.OR(
                [
                    [
                        ("state", "=", "awarded"),
                        ("method", "not in", TENDERS),
                        ("award_date", "!=", False),
                        ("notice_due", "=", False),
                    ],
                    [("notice_start", "!=", False), ("notice_end", "=", False)],
                ]
            )
        )
        calendar = self.env["sgz.holiday"]._calendar()
        return for_each_record(
            waiting, lambda rec: rec._sgz_fill_dates(calendar), _logger
        )

    def _sgz_fill_dates(self, calendar=None):
        self.ensure_one()
        Holiday = self.env["sgz.holiday"]
        start = self._notice_due_start()
        if start and not self.notice_due:
            due, _year = Holiday._add_working_days_or_pending(
                start, NOTICE_WORKING_DAYS, calendar=calendar
            )
            if due:
                vals = {"notice_due": due}
                if self.notice_date:
                    vals["notice_late"] = self.notice_date > due
                self._sgz_step_write(vals)
        if self.notice_start and not self.notice_end:
            self.env.add_to_compute(self._fields["notice_end"], self)
            self._recompute_recordset(["notice_end"])

    @api.model
    def _cron_notice_reminder(self):
        """Daily: fill in the dates that waited for a year, remind late notices.
        A procurement that fails is logged and skipped."""
        self._sgz_fill_pending_dates()
        return len(self._sgz_cron_handovers())

    # ------------------------------------------------------------- hand-overs
    def _sgz_handover_domain(self):
        # opening times reached; notices awaited (their due date may have come)
        return [
            "|",
            "&",
            ("state", "=", "announced"),
            ("opening_time", "<=", fields.Datetime.now()),
            "&",
            ("state", "=", "awarded"),
            ("notice_date", "=", False),
        ]

    def _sgz_handovers(self):
        def officer(rec):
            return named_user(rec.user_id, OFFICER) or role_users(rec, OFFICER)

        return [
            Handover(
                "sgz_procurement.activity_award_approval",
                waiting=lambda r: r.state == "award_pending",
                users=lambda r: role_users(r, MANAGER),
                note=lambda r: r._sgz_award_note(),
            ),
            Handover(
                "sgz_procurement.activity_quote_opening",
                waiting=lambda r: r.state == "announced"
                and r.opening_time
                and r.opening_time <= fields.Datetime.now(),
                users=officer,
                deadline=lambda r: r.opening_time.date(),
            ),
            Handover(
                "sgz_procurement.activity_result_notice",
                waiting=lambda r: r.state == "awarded" and not r.notice_date,
                users=officer,
                deadline=lambda r: r.notice_due,
                note=lambda r: r.env._(
                    "The result of %(proc)s was decided on %(date)s; the notice is "
                    "due by %(due)s.",
                    proc=r.display_name,
                    date=r.award_date,
                    due=r.notice_due or r.notice_due_note or "",
                ),
            ),
        ]

    def _sgz_award_note(self):
        if not self.awarded_supplier_id:
            return False
        return self.env._(
            "Proposed award: %(supplier)s, %(amount)s.",
            supplier=self.awarded_supplier_id.display_name,
            amount=format_amount(self.env, self.awarded_amount, self.currency_id),
        )

    def action_create_contract(self):
        """The service contract from the award, after the result notice."""
        require_group(self.env, OFFICER)
        self.ensure_one()
        self._sgz_require_state("awarded")
        if not self.notice_date:
            raise UserError(
                _("Publish the result notice before drawing up the contract.")
            )
        if self.contract_ids:
            raise UserError(
                _("%(proc)s already has its contract.", proc=self.display_name)
            )
        supplier = self.awarded_supplier_id
        project = self.project_ids.filtered(lambda p: p.agency_id == supplier)[:1]
        end = min(
            self.date_end,
            self.date_start + relativedelta(years=1, days=-1),
        )
        contract = self.env["sgz.contract"].create(
            {
                "procurement_id": self.id,
                "company_id": self.company_id.id,
                "project_id": project.id,
                "party_a_id": self.purchaser_id.id,
                "party_b_id": supplier.id,
                "date_start": self.date_start,
                "date_end": end,
                "amount": self.awarded_amount,
                "staff_requirements": self.staff_requirements,
                "content": self.service_requirements,
                "targets": self.evaluation_criteria,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.contract",
            "res_id": contract.id,
            "view_mode": "form",
        }

    def _terminate(self, reason):
        self._sgz_step_write({"state": "terminated", "termination_reason": reason})
        for rec in self:
            rec._message_log(
                body=_("Procurement terminated: %(reason)s", reason=reason)
            )

    def action_terminate(self, reason=None):
        require_group(self.env, OFFICER)
        self._sgz_require_state("draft", "announced", "opened", "reviewed")
        if not (reason or "").strip():
            raise UserError(_("A procurement is terminated with a reason."))
        self._terminate(reason)
        return True

    def action_open_terminate(self):
        require_group(self.env, OFFICER)
        return reason_action(self, "action_terminate", _("Terminate Procurement"))

    def action_restart(self):
        """A failed procurement starts again as a copy (new number, new timeline)."""
        require_group(self.env, OFFICER)
        self.ensure_one()
        self._sgz_require_state("terminated")
        with self._sgz_step():
            new = self.copy(
                {
                    "restarted_from_id": self.id,
                    "invitation_ids": [
                        fields.Command.create({"supplier_id": i.supplier_id.id})
                        for i in self.invitation_ids
                    ],
                    "panel_ids": [
                        fields.Command.create({"name": p.name, "title": p.title})
                        for p in self.panel_ids
                    ],
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }


class SgzProcurementInvitation(models.Model):
    _name = "sgz.procurement.invitation"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Invited Supplier"
    _order = "procurement_id, id"

    procurement_id = fields.Many2one(
        "sgz.procurement", required=True, ondelete="cascade", index=True
    )
    supplier_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    invited_on = fields.Date(default=fields.Date.context_today, readonly=True)

    _sql_constraints = [
        (
            "supplier_unique",
            "unique(procurement_id, supplier_id)",
            "A supplier is invited once.",
        ),
    ]

    @api.constrains("supplier_id")
    def _check_eligible(self):
        for invitation in self:
            invitation.supplier_id._sgz_check_eligible(
                invitation.procurement_id.announce_date
                or fields.Date.context_today(self)
            )

    def _sgz_check_editable(self):
        # the suppliers invited are part of the announcement
        self.procurement_id._sgz_require_state(
            "draft",
            message=_(
                "%(record)s has been announced; the invited suppliers can no longer "
                "change."
            ),
        )


class SgzProcurementPanel(models.Model):
    _name = "sgz.procurement.panel"
    _description = "Review Panel Member"
    _order = "procurement_id, id"

    procurement_id = fields.Many2one(
        "sgz.procurement", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(string="Member", required=True)
    title = fields.Char(string="Title or Role")
    is_purchaser_rep = fields.Boolean(string="Purchaser's Representative")

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members.procurement_id._sgz_require_state("draft", "announced", "opened")
        return members

    def write(self, vals):
        self.procurement_id._sgz_require_state("draft", "announced", "opened")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_the_panel_sits(self):
        self.procurement_id._sgz_require_state("draft", "announced", "opened")
