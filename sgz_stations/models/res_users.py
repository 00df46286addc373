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

    def write(self, vals):
        res = super().write(vals)
        if "sgz_agency_id" in vals:
            # record rules read user.sgz_agency_id and are cached per user
            self.env.registry.clear_cache()
        return res
