import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_amount

from odoo.addons.sgz_procurement.models.sgz_contract import GATES
from odoo.addons.sgz_stations.models.sgz_checks import check_fen
from odoo.addons.sgz_stations.models.sgz_cron import for_each_record
from odoo.addons.sgz_stations.models.sgz_handover import Handover, role_users
from odoo.addons.sgz_stations.models.sgz_workflow import (
    MANAGER,
    OFFICER,
    require_group,
)

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Not Yet Due"),
    ("payable", "Payable"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("paid", "Paid"),
    ("suspended", "Suspended"),
    ("deducted", "Deducted"),
    ("cancelled", "Cancelled"),
]
# Stages whose state follows the gates (the others are decisions already taken).
OPEN_STATES = ("pending", "payable", "suspended")
EVALUATION_GATES = {"midterm": "midterm", "final": "final"}
# Who may read the bureau's entries (bills, reversals, payments, credit notes).
# (the bureau's: an agency's accountant reads only its own books, ADR-21)
BOOKS_READERS = "account.group_account_invoice,sgz_stations.group_auditor"
# Who may read the recoveries of a contract (the agency: its own).
RECOVERY_READERS = (
    "sgz_stations.group_officer,sgz_stations.group_auditor,"
    "sgz_stations.group_agency_user"
)
# Gate passed, due date waiting for its year's holidays to be entered.
WAITING_DUE_DATE = [
    ("gate_date", "!=", False),
    ("due_date", "=", False),
    ("state", "!=", "cancelled"),
]


class SgzDisbursement(models.Model):
    """One stage of a contract's payment plan (L165), gated by the project's data."""

    _name = "sgz.disbursement"
    _description = "Staged Disbursement"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _order = "contract_id, sequence, id"
    _sgz_handover_fields = ("state", "due_date")
    # a stage is made from the contract's plan when it is signed; everything on it
    # is then moved by the gates and the steps (request, approve, pay, deduct...)
    _sgz_workflow_fields = (
        "contract_id",
        "payment_line_id",
        "sequence",
        "percentage",
        "amount",
        "deduction",
        "deduction_reason",
        "gate",
        "gate_date",
        "due_working_days",
        "due_date",
        "state",
        "suspension_reason",
        "requested_by",
        "approved_by",
        "paid_date",
        "payment_reference",
        "move_id",
        "reversal_move_ids",
    )

    contract_id = fields.Many2one(
        "sgz.contract", required=True, index=True, ondelete="restrict", readonly=True
    )
    payment_line_id = fields.Many2one(
        "sgz.contract.payment.line", required=True, ondelete="restrict", readonly=True
    )
    project_id = fields.Many2one(
        related="contract_id.project_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="contract_id.party_b_id", store=True, index=True, string="Agency"
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    county_id = fields.Many2one(
        related="project_id.county_id",
        store=True,
        index=True,
        string="County / District",
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    sequence = fields.Integer(readonly=True)
    name = fields.Char(string="Stage", compute="_compute_name")
    percentage = fields.Float(string="Share (%)", digits=(5, 2), readonly=True)
    contract_number = fields.Char(
        related="contract_id.name", string="Contract Number", store=True, index=True
    )
    amount = fields.Monetary(
        readonly=True,
        help="Percentage x contract amount to the fen; the last stage takes the "
        "remainder so that the stages add up to the contract exactly.",
    )
    deduction = fields.Monetary(readonly=True, copy=False, tracking=True)
    deduction_reason = fields.Text(readonly=True, copy=False)
    amount_due = fields.Monetary(
        string="Amount to Pay", compute="_compute_amount_due", store=True
    )
    paid_amount = fields.Monetary(
        string="Amount Paid",
        compute="_compute_amount_due",
        store=True,
        help="The amount to pay once the stage is paid (for the paid-versus-due "
        "pictures).",
    )
    gate = fields.Selection(GATES, readonly=True)
    gate_date = fields.Date(
        string="Gate Passed on",
        readonly=True,
        copy=False,
        help="When the contract took effect, the evaluation was confirmed as passed, "
        "or the fixed date.",
    )
    due_working_days = fields.Integer(readonly=True)
    due_date = fields.Date(
        readonly=True,
        copy=False,
        index=True,
        help="Gate date plus the working days of the contract (Chinese calendar).",
    )
    due_date_note = fields.Char(
        string="Due Date Pending",
        compute="_compute_due_date_note",
        help="A due date in a year whose holidays have not been entered waits for "
        "them: it is filled in when that year is marked complete.",
    )
    state = fields.Selection(
        STATES,
        default="pending",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    suspension_reason = fields.Text(readonly=True, copy=False)
    requested_by = fields.Many2one("res.users", readonly=True, copy=False)
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    paid_date = fields.Date(readonly=True, copy=False, index=True)
    payment_reference = fields.Char(readonly=True, copy=False)
    # the bureau's entries: for who reads its books (not the agencies)
    move_id = fields.Many2one(
        "account.move",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        groups=BOOKS_READERS,
    )
    reversal_move_ids = fields.Many2many(
        "account.move",
        string="Reversals",
        readonly=True,
        copy=False,
        groups=BOOKS_READERS,
    )
    payment_state = fields.Selection(
        related="move_id.payment_state", groups=BOOKS_READERS
    )

    _sql_constraints = [
        (
            "stage_unique",
            "unique(payment_line_id)",
            "A payment stage is disbursed once.",
        ),
    ]

    @api.depends("payment_line_id.display_name")
    def _compute_name(self):
        # in the reader's language: the plan's stage name or its gate
        for rec in self:
            rec.name = rec.payment_line_id.display_name

    @api.depends("amount", "deduction", "state")
    def _compute_amount_due(self):
        for rec in self:
            rec.amount_due = rec.currency_id.round(rec.amount - rec.deduction)
            rec.paid_amount = rec.amount_due if rec.state == "paid" else 0.0

    @api.depends("contract_id.name", "name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.contract_id.name} {rec.name or ''}"

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_stages(self):
        for rec in self.filtered(lambda r: r.state not in ("pending", "cancelled")):
            raise UserError(
                _(
                    "%(stage)s is under way; it cannot be deleted.",
                    stage=rec.display_name,
                )
            )

    def _fmt(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    def _do(self, vals):
        return self._sgz_step_write(vals)

    # ------------------------------------------------------------------- gates
    def _gate_passed_on(self):
        """The date the gate was passed, or False (read from the data)."""
        self.ensure_one()
        contract = self.contract_id
        if self.gate == "effective":
            return contract.state in ("signed", "performing", "done") and (
                contract.sign_date
            )
        if self.gate == "date":
            today = fields.Date.context_today(self)
            gate_date = self.payment_line_id.gate_date
            return gate_date if gate_date and gate_date <= today else False
        project = contract.project_id
        last = project._last_confirmed_evaluation(EVALUATION_GATES[self.gate])
        return last.confirm_date if last and last.passed else False

    def _suspension(self):
        """Why the stage is held (停止拨付): the project's last evaluation failed."""
        self.ensure_one()
        project = self.contract_id.project_id
        if project.needs_rectification:
            return _(
                "%(evaluation)s failed: payments are stopped until a re-evaluation "
                "passes.",
                evaluation=project.last_evaluation_id.display_name,
            )
        return False

    @api.depends("gate_date", "due_date", "due_working_days")
    def _compute_due_date_note(self):
        Holiday = self.env["sgz.holiday"]
        calendar = None
        for rec in self:
            rec.due_date_note = False
            if rec.gate_date and not rec.due_date:
                calendar = calendar or Holiday._calendar()
                _due, year = Holiday._add_working_days_or_pending(
                    rec.gate_date,
                    rec.due_working_days,
                    calendar=calendar,
                    request=False,
                )
                rec.due_date_note = year and Holiday._pending_note(year)

    def _due_date(self, gate_date):
        """Gate date + the stage's working days; False while that year's holidays
        are unknown (the gate still passes; the officers are asked for the year)."""
        return self.env["sgz.holiday"]._add_working_days_or_pending(
            gate_date, self.due_working_days
        )[0]

    def _fill_due_dates(self):
        """Stages whose gate passed while their due date's year was unknown."""
        for rec in self.filtered(
            lambda r: r.gate_date and not r.due_date and r.state != "cancelled"
        ):
            due_date = rec._due_date(rec.gate_date)
            if due_date:
                rec._do({"due_date": due_date})

    @api.model
    def _sgz_fill_pending_due_dates(self):
        """When a year is marked complete: the due dates that waited for it, one
        stage at a time (a stage that fails is logged and skipped)."""
        waiting = self.sudo().search(WAITING_DUE_DATE)
        return for_each_record(waiting, lambda rec: rec._fill_due_dates(), _logger)

    def _sync(self):
        """Move open stages to the state the data gives; returns the changed ones."""
        changed = self.browse()
        for rec in self.filtered(lambda r: r.state in OPEN_STATES):
            contract = rec.contract_id
            if contract.state == "terminated":
                rec._do({"state": "cancelled"})
                changed |= rec
                continue
            reason = rec._suspension()
            gate_date = rec._gate_passed_on()
            vals = {"suspension_reason": reason or False}
            if reason:
                vals["state"] = "suspended"
            elif gate_date:
                vals.update(
                    state="payable",
                    gate_date=gate_date,
                    due_date=rec._due_date(gate_date),
                )
            else:
                vals.update(state="pending", gate_date=False, due_date=False)
            if any(rec[k] != v for k, v in vals.items()):
                rec._do(vals)
                changed |= rec
        return changed

    @api.model
    def _cron_sync_and_remind(self):
        """Daily: follow the gates, fill in the due dates that waited for a year's
        holidays, and remind the officer of overdue payments. One stage at a time: a
        stage that fails is logged and the others are processed."""
        stages = self.search(
            expression.OR(
                [
                    [("state", "in", OPEN_STATES + ("requested", "approved"))],
                    WAITING_DUE_DATE,
                ]
            )
        )

        def follow(rec):
            rec._sync()
            rec._fill_due_dates()

        for_each_record(stages, follow, _logger)
        # the stages that wait for the bureau are handed to the role in turn (request,
        # approval, payment), with the due date as the deadline
        self._sgz_cron_handovers()
        return True

    # ------------------------------------------------------------- hand-overs
    def _sgz_handover_note(self):
        if not self.due_date:
            return self.env._(
                "%(stage)s (%(amount)s): %(pending)s.",
                stage=self.display_name,
                amount=self._fmt(self.amount_due),
                pending=self.due_date_note or "",
            )
        return self.env._(
            "%(stage)s (%(amount)s) is due by %(date)s.",
            stage=self.display_name,
            amount=self._fmt(self.amount_due),
            date=self.due_date,
        )

    def _sgz_handovers(self):
        def waiting(state):
            return lambda r: r.state == state

        due = lambda r: r.due_date  # noqa: E731
        note = lambda r: r._sgz_handover_note()  # noqa: E731
        return [
            Handover(
                "sgz_finance.activity_disbursement_request",
                waiting=waiting("payable"),
                users=lambda r: role_users(r, OFFICER),
                deadline=due,
                note=note,
            ),
            Handover(
                "sgz_finance.activity_disbursement_approval",
                waiting=waiting("requested"),
                users=lambda r: role_users(r, MANAGER),
                deadline=due,
                note=note,
            ),
            Handover(
                "sgz_finance.activity_disbursement_payment",
                waiting=waiting("approved"),
                users=lambda r: role_users(r, OFFICER),
                deadline=due,
                note=note,
            ),
        ]

    # ----------------------------------------------------------------- workflow
    def action_request(self):
        require_group(self.env, OFFICER)
        self._sync()
        self._sgz_require_state("payable")
        self._do({"state": "requested", "requested_by": self.env.uid})
        return True

    def action_approve(self):
        return self._sgz_approve()

    def _sgz_approve(self, on=None):
        """The approval, its bill dated ``on`` (today unless data is loaded with
        its own history, as the demo is: no RPC client reaches this method)."""
        require_group(self.env, MANAGER)
        self._sgz_require_state("requested")
        self._do({"state": "approved", "approved_by": self.env.uid})
        for rec in self:
            rec._create_bill(on)
        return True

    def action_pay(self, reference=None):
        return self._sgz_pay(reference)

    def _sgz_pay(self, reference=None, on=None):
        """The payment, dated ``on`` (today unless loaded with its own history)."""
        require_group(self.env, OFFICER)
        for rec in self:
            if rec.state == "paid":
                raise UserError(
                    _(
                        "%(stage)s was already paid on %(date)s.",
                        stage=rec.display_name,
                        date=rec.paid_date,
                    )
                )
            # the data may have changed since the approval: check the gate again
            reason = rec._suspension()
            if reason:
                raise UserError(
                    _(
                        "%(stage)s is suspended: %(reason)s",
                        stage=rec.display_name,
                        reason=reason,
                    )
                )
            if not rec._gate_passed_on():
                raise UserError(
                    _(
                        "%(stage)s: its gate (%(gate)s) has not been passed.",
                        stage=rec.display_name,
                        gate=dict(GATES)[rec.gate],
                    )
                )
        self._sgz_require_state("approved")
        self._do(
            {
                "state": "paid",
                "paid_date": on or fields.Date.context_today(self),
                "payment_reference": reference or False,
            }
        )
        for rec in self:
            rec._register_payment()
        return True

    def action_deduct(self, amount, reason):
        """扣减经费: a confirmed cut of this stage, with its reason (L171)."""
        require_group(self.env, MANAGER)
        self.ensure_one()
        self._sgz_require_state("pending", "payable", "suspended", "requested")
        if not (reason or "").strip():
            raise UserError(_("A deduction is recorded with its reason."))
        # the amount as given: 100.005 is refused, not rounded to 100.01
        check_fen(
            self.env,
            amount,
            self._fields["deduction"]._description_string(self.env),
            self.display_name,
        )
        currency = self.currency_id
        remaining = currency.round(self.amount - self.deduction)
        if currency.compare_amounts(amount, 0) <= 0:
            raise ValidationError(_("A deduction must be greater than zero."))
        if currency.compare_amounts(amount, remaining) > 0:
            raise ValidationError(
                _(
                    "%(stage)s: a deduction of %(amount)s is more than the %(left)s "
                    "left to pay.",
                    stage=self.display_name,
                    amount=self._fmt(amount),
                    left=self._fmt(remaining),
                )
            )
        total = currency.round(self.deduction + amount)
        vals = {
            "deduction": total,
            "deduction_reason": "\n".join(
                filter(None, [self.deduction_reason, reason])
            ),
        }
        if currency.is_zero(self.amount - total):
            vals.update(state="deducted", suspension_reason=False)
        self._do(vals)
        return True

    def _create_bill(self, on=None):
        self.ensure_one()
        move = self.company_id._sgz_post_agency_move(
            "in_invoice",
            self.agency_id,
            self.project_id,
            self.display_name,
            self.display_name,
            self.amount_due,
            date=on,
        )
        self._do({"move_id": move.id})

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
        self._sgz_require_state("approved")
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
