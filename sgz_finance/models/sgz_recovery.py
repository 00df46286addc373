"""追回已拨付资金: funds recovered from the agency after a termination.

Each recovery is its own record with its own posted credit note; together they never
exceed what was paid on the contract.
"""

from odoo import _, api, fields, models

from .sgz_disbursement import BOOKS_READERS


class SgzContractRecovery(models.Model):
    _name = "sgz.contract.recovery"
    _description = "Recovery of Disbursed Funds"
    _inherit = ["sgz.workflow.mixin"]
    _order = "contract_id, date, id"
    # made by the contract's step (action_record_recovery) only, and never changed
    _sgz_workflow_fields = (
        "contract_id",
        "date",
        "amount",
        "reason",
        "move_id",
        "recorded_by",
    )

    contract_id = fields.Many2one(
        "sgz.contract", required=True, index=True, ondelete="restrict", readonly=True
    )
    project_id = fields.Many2one(related="contract_id.project_id", store=True)
    agency_id = fields.Many2one(
        related="contract_id.party_b_id", store=True, index=True, string="Agency"
    )
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    date = fields.Date(required=True, readonly=True)
    amount = fields.Monetary(required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    move_id = fields.Many2one(
        "account.move",
        string="Credit Note",
        readonly=True,
        copy=False,
        groups=BOOKS_READERS,
        help="The posted vendor credit note: a receivable on the agency.",
    )
    recorded_by = fields.Many2one("res.users", readonly=True)

    @api.depends("contract_id.name", "date", "amount")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = _(
                "Recovery on %(contract)s of %(date)s",
                contract=rec.contract_id.name,
                date=rec.date,
            )

    @api.constrains("amount", "contract_id")
    def _check_recovered_total(self):
        for contract in self.contract_id:
            contract._sgz_check_recoverable(0.0)
