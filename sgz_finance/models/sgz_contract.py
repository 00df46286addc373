"""The finance side of the service contract: its disbursements and recoveries."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_amount

from odoo.addons.sgz_stations.models.sgz_checks import check_fen
from odoo.addons.sgz_stations.models.sgz_workflow import (
    MANAGER,
    require_group,
)

from .sgz_disbursement import RECOVERY_READERS


class SgzContract(models.Model):
    _inherit = "sgz.contract"

    disbursement_ids = fields.One2many(
        "sgz.disbursement", "contract_id", string="Disbursements"
    )
    paid_total = fields.Monetary(compute="_compute_paid_total")

    @api.depends("disbursement_ids.state", "disbursement_ids.amount_due")
    def _compute_paid_total(self):
        for contract in self:
            contract.paid_total = contract.currency_id.round(
                sum(
                    contract.disbursement_ids.filtered(
                        lambda d: d.state == "paid"
                    ).mapped("amount_due")
                )
            )

    def action_sign(self):
        result = super().action_sign()
        self._create_disbursements()
        return result

    def _create_disbursements(self):
        Disbursement = self.env["sgz.disbursement"].sudo()
        for contract in self:
            amounts = contract._stage_amounts()
            Disbursement._sgz_step_create(
                [
                    {
                        "contract_id": contract.id,
                        "payment_line_id": line.id,
                        "sequence": line.sequence,
                        "percentage": line.percentage,
                        "amount": amounts[line.id],
                        "gate": line.gate,
                        "due_working_days": line.due_working_days,
                    }
                    for line in contract.payment_line_ids
                ]
            )._sync()

    def _terminate(self, ground, reason):
        result = super()._terminate(ground, reason)
        self.disbursement_ids.sudo()._sync()
        return result

    # ------------------------------------------------------------- recoveries
    recovery_ids = fields.One2many(
        "sgz.contract.recovery",
        "contract_id",
        string="Recoveries",
        readonly=True,
        groups=RECOVERY_READERS,
    )
    recovered_total = fields.Monetary(
        string="Total Recovered",
        compute="_compute_recovered_total",
        compute_sudo=True,
        groups=RECOVERY_READERS,
    )

    @api.depends("recovery_ids.amount")
    def _compute_recovered_total(self):
        for contract in self:
            contract.recovered_total = contract.currency_id.round(
                sum(contract.recovery_ids.mapped("amount"))
            )

    def _sgz_check_recoverable(self, amount):
        """Refuse ``amount`` more when the recoveries would exceed the paid total."""
        self.ensure_one()
        contract = self.sudo()
        currency = contract.currency_id
        recoveries = (
            self.env["sgz.contract.recovery"]
            .sudo()
            .search([("contract_id", "=", contract.id)])
        )
        recovered = currency.round(sum(recoveries.mapped("amount")))
        paid = contract.paid_total
        if currency.compare_amounts(recovered + amount, paid) > 0:
            left = currency.round(paid - recovered)
            raise ValidationError(
                _(
                    "%(contract)s: %(amount)s to recover is more than the %(left)s "
                    "left of the %(paid)s paid (%(recovered)s already recovered).",
                    contract=contract.name,
                    amount=format_amount(self.env, amount, currency),
                    left=format_amount(self.env, max(left, 0.0), currency),
                    paid=format_amount(self.env, paid, currency),
                    recovered=format_amount(self.env, recovered, currency),
                )
            )

    def action_record_recovery(self, amount, reason):
        """追回已拨付资金: what the agency must pay back after a termination; each
        recovery is booked as its own credit note."""
        require_group(self.env, MANAGER)
        self.ensure_one()
        if self.state != "terminated":
            raise UserError(_("Funds are recovered from a terminated contract."))
        currency = self.currency_id
        # the amount as given: 100.005 is refused, not rounded to 100.01
        check_fen(
            self.env,
            amount,
            self.env["sgz.contract.recovery"]
            ._fields["amount"]
            ._description_string(self.env),
            self.name,
        )
        amount = currency.round(amount or 0.0)
        if currency.compare_amounts(amount, 0) <= 0:
            raise ValidationError(_("The amount to recover must be greater than zero."))
        if not (reason or "").strip():
            raise UserError(_("A recovery is recorded with its reason."))
        # one recovery at a time per contract: the total is checked under the lock
        self.env.cr.execute(
            "SELECT id FROM sgz_contract WHERE id = %s FOR UPDATE", [self.id]
        )
        self._sgz_check_recoverable(amount)
        move = self._book_recovery(amount, reason)
        self.env["sgz.contract.recovery"]._sgz_step_create(
            [
                {
                    "contract_id": self.id,
                    "date": move.invoice_date,
                    "amount": amount,
                    "reason": reason,
                    "move_id": move.id,
                    "recorded_by": self.env.uid,
                }
            ]
        )
        return True

    def _book_recovery(self, amount, reason):
        """The recovery is a receivable on the agency: a posted vendor credit note."""
        self.ensure_one()
        return self.company_id._sgz_post_agency_move(
            "in_refund",
            self.party_b_id,
            self.project_id,
            _("Recovery on %(contract)s", contract=self.name),
            reason,
            amount,
        )
