"""Price scoring and ranking of quotes (询价 and 竞争性磋商).

No Odoo import: the procurement models call these functions, pytest checks them.

竞争性磋商 for purchased services (财库〔2014〕214号, 财库〔2015〕124号) scores price by
the low-price method: price score = lowest compliant price / quote × price weight × 100,
with a price weight of 10 %-30 %. The weight is given as a fraction (0.10-0.30).

The score is a displayed number of points, not money: it is computed exactly with
``Decimal`` and quantized ONCE, at the end, to 0.01 point with ROUND_HALF_UP (the way
score sheets are filled in by hand: 3.333… → 3.33, 6.665 → 6.67). Callers should add
totals from the quantized scores, so that the printed sheet adds up.

询价 awards the lowest price among compliant quotes; equal prices go to the earlier
submission.
"""

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

PRICE_WEIGHT_MIN = Decimal("0.10")
PRICE_WEIGHT_MAX = Decimal("0.30")
CENT = Decimal("0.01")
# Enough digits for any quote below 10^12 with 2 decimals: one rounding, at the end.
_CONTEXT = Context(prec=40)


def _dec(value, what):
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
        raise TypeError(f"{what}: unsupported type {type(value).__name__}")
    try:
        result = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{what}: not a number: {value!r}") from None
    if not result.is_finite():
        raise ValueError(f"{what}: not a number: {value!r}")
    return result


def check_price_weight(weight):
    """The price weight as a ``Decimal``; ``ValueError`` outside 0.10-0.30."""
    weight = _dec(weight, "price weight")
    if not PRICE_WEIGHT_MIN <= weight <= PRICE_WEIGHT_MAX:
        raise ValueError(
            f"the price weight must be between 10 % and 30 % (0.10-0.30): {weight}"
        )
    return weight


def weight_from_percent(percent):
    """A price weight stored in percent (10.10) as the fraction the scores use.

    Exact: ``Decimal("10.10") / 100`` is 0.101, where ``10.10 / 100`` in floats is
    0.10099999999999999 (and a price score of 3.535 would round down to 3.53).
    """
    return _dec(percent, "price weight (%)") / Decimal(100)


def other_score_cap(percent):
    """The most the other criteria can score: 100 points less the price weight in
    percent, exact (100 - 10.10 = 89.90)."""
    return Decimal(100) - _dec(percent, "price weight (%)")


def total_score(*scores):
    """The comprehensive score: the exact sum of its parts (3.01 + 70.20 is 73.21;
    in floats it is 73.21000000000001, which would beat a quote scoring 73.21)."""
    return sum((_dec(s, "score") for s in scores), Decimal(0))


def price_score(lowest, price, weight):
    """lowest / price × weight × 100, quantized to 0.01 point (ROUND_HALF_UP).

    ``ValueError`` when ``price`` or ``lowest`` is not positive, when ``lowest`` is
    above ``price`` (it is the lowest compliant price, so that would be a caller's
    mistake giving more than the full price points), or for a weight outside 0.10-0.30.
    """
    weight = check_price_weight(weight)
    lowest, price = _dec(lowest, "lowest price"), _dec(price, "price")
    if price <= 0:
        raise ValueError(f"the price must be positive: {price}")
    if lowest <= 0:
        raise ValueError(f"the lowest price must be positive: {lowest}")
    if lowest > price:
        raise ValueError(f"the lowest price {lowest} is above the price {price}")
    points = _CONTEXT.multiply(_CONTEXT.multiply(lowest, weight), Decimal(100))
    score = _CONTEXT.divide(points, price)
    return score.quantize(CENT, rounding=ROUND_HALF_UP)


def rank(quotes):
    """Keys of ``quotes`` [(key, total_score, price, submitted_at)], best first.

    Highest total score first; equal scores: lower price first, then earlier
    submission. Quotes equal on all three keep their given order.
    """
    ordered = sorted(
        quotes, key=lambda q: (-_dec(q[1], "score"), _dec(q[2], "price"), q[3])
    )
    return [q[0] for q in ordered]


def lowest_compliant(quotes):
    """The key of the winning 询价 quote among compliant [(key, price, submitted_at)].

    Lowest price; equal prices: the earlier submission. ``None`` when there is none.
    """
    if not quotes:
        return None
    return min(quotes, key=lambda q: (_dec(q[1], "price"), q[2]))[0]


def rank_by_price(quotes):
    """Keys of compliant 询价 quotes [(key, price, submitted_at)], winner first.

    Lowest price first; equal prices: the earlier submission (as ``lowest_compliant``).
    """
    return [q[0] for q in sorted(quotes, key=lambda q: (_dec(q[1], "price"), q[2]))]
