from odoo import fields, models


class SgzProjectTerminate(models.TransientModel):
    _name = "sgz.project.terminate"
    _description = "Terminate a Station Project"

    project_id = fields.Many2one("sgz.project", required=True)
    reason = fields.Text(string="Reason for Termination", required=True)

    def action_confirm(self):
        self.project_id._terminate(self.reason)
        return {"type": "ir.actions.act_window_close"}
