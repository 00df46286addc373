"""Setting up an agency's own books: its company, the non-profit chart, its people."""

from odoo import api, fields, models

from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
)


class SgzBooksSetup(models.TransientModel):
    _name = "sgz.books.setup"
    _description = "Set Up an Agency's Books"

    agency_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_sgz_agency", "=", True)],
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Existing Company",
        help="Keep the books in this company (it must have no chart of accounts, or "
        "the non-profit one). Empty: a new company is made beside the bureau's.",
    )
    accountant_ids = fields.Many2many(
        "res.users",
        string="Accountants",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref(ACCOUNTANT).ids),
        ],
        help="The agency's accountants (their user names this agency): they get "
        "access to the new books.",
    )

    @api.onchange("agency_id")
    def _onchange_agency_id(self):
        if self.agency_id:
            self.accountant_ids = self.env["res.users"].search(
                [
                    ("sgz_agency_id", "=", self.agency_id.commercial_partner_id.id),
                    ("groups_id", "in", self.env.ref(ACCOUNTANT).ids),
                ]
            )

    def action_setup(self):
        self.ensure_one()
        return self.agency_id._sgz_setup_books(self.company_id, self.accountant_ids)
