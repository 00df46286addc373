from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.sgz_contract import TERMINATION_GROUNDS

# (model, method) pairs the wizard may call with the reason it collects.
ALLOWED = {
    ("sgz.procurement", "action_terminate"),
    ("sgz.qualification.document", "action_reject"),
    ("sgz.contract", "_terminate"),
}


class SgzReasonWizard(models.TransientModel):
    """Ask for the reason of a refusal or termination, then take the step."""

    _name = "sgz.reason.wizard"
    _description = "Reason for a Decision"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    method = fields.Char(required=True)
    ground = fields.Selection(TERMINATION_GROUNDS)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if (self.res_model, self.method) not in ALLOWED:
            raise UserError(_("This step cannot be taken from here."))
        record = self.env[self.res_model].browse(self.res_id)
        if self.res_model == "sgz.contract":
            record._terminate(self.ground, self.reason)
        else:
            getattr(record, self.method)(self.reason)
        return {"type": "ir.actions.act_window_close"}


def reason_action(record, method, title):
    return {
        "type": "ir.actions.act_window",
        "name": title,
        "res_model": "sgz.reason.wizard",
        "view_mode": "form",
        "target": "new",
        "context": {
            "default_res_model": record._name,
            "default_res_id": record.id,
            "default_method": method,
        },
    }
