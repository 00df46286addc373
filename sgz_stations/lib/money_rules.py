"""Amounts of money are kept to the fen (分, 0.01 yuan). No Odoo import.

Odoo's Monetary fields round what they are given to the currency's digits, silently:
an amount typed as 100.005 would be stored as 100.01. The models refuse such an amount
instead, looking at the value as it was given (before the ORM rounds it).
"""

from decimal import Decimal, InvalidOperation


def as_decimal(value):
    """``value`` as a ``Decimal`` (floats through their shortest ``repr``), or None
    when it is not a finite number (booleans included: ``False`` is "no value")."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            return None
    return result if result.is_finite() else None


def more_than_fen(value):
    """True when ``value`` has a non-zero digit after the second decimal.

    ``100.005`` and ``0.001`` are refused; ``100.5``, ``100.50``, ``100.500`` and
    ``1e3`` are not. Something that is not a number is not this rule's business (the
    ORM refuses it), so it is not "more than a fen" either.
    """
    amount = as_decimal(value)
    if amount is None or not amount:
        return False
    return amount.normalize().as_tuple().exponent < -2


def money_sum(amounts):
    """The exact sum of ``amounts`` as a ``Decimal`` (a float sum is not exact:
    5,635.65 + 23,874.15 + 2,646.90 gives 32,156.700000000004)."""
    total = Decimal(0)
    for value in amounts:
        amount = as_decimal(value or 0)
        if amount is None:
            raise ValueError(f"not an amount: {value!r}")
        total += amount
    return total
