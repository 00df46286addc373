from odoo import api, models


class SgzFrozenLineMixin(models.AbstractModel):
    """Lines of a document that freeze with it (quotes, plans, scores, briefs...).

    A model lists its own rule in ``_sgz_check_editable``; creating, writing and
    deleting lines all pass through it, so no entry point skips the rule.
    """

    _name = "sgz.frozen.line.mixin"
    _description = "Line Frozen with its Document"

    def _sgz_check_editable(self):
        raise NotImplementedError(self._name)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sgz_check_editable()
        return lines

    def write(self, vals):
        self._sgz_check_editable()
        return super().write(vals)

    def unlink(self):
        self._sgz_check_editable()
        return super().unlink()
