"""Budget arithmetic of the finance guide (第六部分, L4187-4242). No Odoo import.

Amounts are handled as ``Decimal`` so that caps are compared exactly: a line is within
a 7 % cap when ``amount * 100 <= total * 7``, with no rounding of either side.
"""

from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")


def dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def money_sum(amounts):
    """The exact sum of ``amounts`` (a float sum is not: 5,635.65 + 23,874.15 +
    2,646.90 gives 32,156.700000000004, over a cap of 32,156.70)."""
    return sum((dec(a) for a in amounts), Decimal(0))


def line_amount(quantity, sessions, rate):
    """人数 × 场次 × 金额 (the guide's breakdown); exact: counts are whole numbers."""
    if int(quantity) != quantity or int(sessions) != sessions:
        raise ValueError("people and sessions are whole numbers")
    return dec(quantity) * dec(sessions) * dec(rate)


def cap_limit(total, percent):
    """The largest amount to the fen that a cap of ``percent`` % of ``total`` allows.

    Exact, then rounded down to the fen: 10 % of 300,000.06 is 30,000.006, and an
    amount of 30,000.01 is over it, so the limit is 30,000.00 (rounding half up would
    print a limit the cap refuses). ``over_cap`` agrees: an amount to the fen is over
    the cap exactly when it is above this limit.
    """
    exact = dec(total) * dec(percent) / Decimal(100)
    return exact.quantize(CENT, rounding=ROUND_FLOOR)


def over_cap(amount, total, percent):
    """True when ``amount`` is more than ``percent`` % of ``total``."""
    return dec(amount) * Decimal(100) > dec(total) * dec(percent)


def share(amount, total):
    """``amount`` as a percentage of ``total`` (None when the total is zero)."""
    total = dec(total)
    if not total:
        return None
    return dec(amount) * Decimal(100) / total


def moved_share(old, new, total):
    """The share of the total moved between budget lines, in percent.

    ``old`` and ``new``: {line key: amount}. What was taken from some lines went to
    others: the amount moved is the sum of the increases (equal to the sum of the
    decreases when the total is unchanged). The evaluation's finance items grade it
    (10-20 % or over 30 %, L271).
    """
    keys = set(old) | set(new)
    increases = sum(
        (max(dec(new.get(k)) - dec(old.get(k)), Decimal(0)) for k in keys), Decimal(0)
    )
    decreases = sum(
        (max(dec(old.get(k)) - dec(new.get(k)), Decimal(0)) for k in keys), Decimal(0)
    )
    return share(max(increases, decreases), total)
