"""Checks shared by the sgz models (one place for each generic rule)."""

from odoo import api, models
from odoo.exceptions import ValidationError

from ..lib import money_rules
from .sgz_workflow import reader_env


def check_not_negative(records, field_names):
    """Refuse negative counts, areas and hours, naming the field and the record."""
    for record in records:
        for fname in field_names:
            value = record[fname]
            if value and value < 0:
                raise ValidationError(
                    record.env._(
                        "%(field)s of %(record)s: cannot be negative (%(value)s).",
                        field=record._fields[fname]._description_string(record.env),
                        record=record.display_name,
                        value=value,
                    )
                )


def check_fen(env, value, field, record):
    """Refuse an amount of money with more than two decimals, as it was given.

    Odoo's Monetary fields round to the currency's digits on write, silently; so
    this looks at the raw value (the ``create``/``write`` values, a method's
    argument) before any rounding. ``field``: what the amount is, as the reader reads
    it; ``record``: whose amount it is.
    """
    if money_rules.more_than_fen(value):
        raise ValidationError(
            reader_env(env)._(
                "%(field)s of %(record)s: %(value)s has more than two decimals; "
                "amounts are kept to the fen (分).",
                field=field,
                record=record,
                value=value,
            )
        )


class SgzMoneyMixin(models.AbstractModel):
    """Amounts typed by the users are kept to the fen, never rounded silently.

    A model lists in ``_sgz_money_fields`` the Monetary fields its users type (not
    the computed ones); ``create`` and ``write`` refuse a value of those with more
    than two decimals (``check_fen``) before the ORM rounds it.
    """

    _name = "sgz.money.mixin"
    _description = "Amounts Kept to the Fen"

    _sgz_money_fields = ()

    def _sgz_money_record_name(self, vals=None):
        """Whose amount it is: the record, or the name given to a new one."""
        if self:
            return self.display_name
        name = (vals or {}).get(self._rec_name) if self._rec_name else None
        if isinstance(name, str) and name.strip():
            return name
        return self.env["ir.model"]._get(self._name).name

    def _sgz_check_money_vals(self, vals):
        for fname in self._sgz_money_fields:
            if fname in vals:
                check_fen(
                    self.env,
                    vals[fname],
                    self._fields[fname]._description_string(self.env),
                    self._sgz_money_record_name(vals),
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sgz_check_money_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        if any(f in vals for f in self._sgz_money_fields):
            for record in self:
                record._sgz_check_money_vals(vals)
        return super().write(vals)
