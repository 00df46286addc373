from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SgzDecisionWizard(models.TransientModel):
    """Ask for the written opinion of a decision, then take the step with it.

    The step itself (a public ``action_*`` method that takes the opinion) checks the
    role and the state; the wizard only carries the text to it, so deciding through
    the wizard and calling the method over RPC are the same thing.
    """

    _name = "sgz.decision.wizard"
    _description = "Decision with its Opinion"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    method = fields.Char(required=True)
    title = fields.Char(readonly=True)
    opinion = fields.Text(required=True)

    @api.model
    def _sgz_allowed_steps(self):
        """(model, method) pairs that take a written opinion."""
        return {
            ("sgz.monthly.report", "action_review"),
            ("sgz.change.request", "action_supervisor_approve"),
            ("sgz.change.request", "action_supervisor_reject"),
            ("sgz.change.request", "action_bureau_approve"),
            ("sgz.change.request", "action_bureau_reject"),
        }

    def action_confirm(self):
        self.ensure_one()
        if (self.res_model, self.method) not in self._sgz_allowed_steps():
            raise UserError(_("This step cannot be taken from here."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(_("The record of this decision no longer exists."))
        getattr(record, self.method)(opinion=self.opinion)
        return {"type": "ir.actions.act_window_close"}


def decision_action(record, method, title):
    """The window that asks for the opinion of ``record.method``."""
    record.ensure_one()
    return {
        "type": "ir.actions.act_window",
        "name": title,
        "res_model": "sgz.decision.wizard",
        "view_mode": "form",
        "target": "new",
        "context": {
            "default_res_model": record._name,
            "default_res_id": record.id,
            "default_method": method,
            "default_title": title,
        },
    }
