from odoo import api, models


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """A user who may not write a model reads its ``active`` field as read-only.

        The web client offers Archive / Unarchive on every list and form of a model
        with an ``active`` field unless that field is read-only; the other write
        actions (create, edit, delete, duplicate) already follow the access rights.
        Auditors (read-only everywhere) thus see no write action at all."""
        res = super().fields_get(allfields, attributes)
        active = res.get("active")
        if (
            active is not None
            and "readonly" in active
            and not self.env.su
            and not self.has_access("write")
        ):
            active["readonly"] = True
        return res
