"""Checks shared by the sgz models (one place for each generic rule)."""

from odoo.exceptions import ValidationError


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
