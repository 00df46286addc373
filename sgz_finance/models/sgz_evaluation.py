"""A confirmed evaluation opens, or stops, the project's payments at once."""

from odoo import models


class SgzEvaluation(models.Model):
    _inherit = "sgz.evaluation"

    def action_confirm(self):
        result = super().action_confirm()
        # a confirmed result opens, or stops, the project's payments at once
        self.env["sgz.disbursement"].sudo().search(
            [("project_id", "in", self.project_id.ids)]
        )._sync()
        return result
