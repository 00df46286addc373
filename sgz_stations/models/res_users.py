from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    sgz_agency_id = fields.Many2one(
        "res.partner",
        string="Agency",
        domain=[("is_sgz_agency", "=", True)],
        help="The contracted agency this user works for. Users of the agency groups "
        "see only this agency's records.",
    )
