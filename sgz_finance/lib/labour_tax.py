"""Individual income tax withheld on labour fees (劳务报酬). No Odoo import.

The guide's 劳务费 (第六部分 二（一）1（4）) is paid with the tax withheld by the agency
(代扣代缴), on the month's total per payee and per service item:

* income of 4,000 or less: taxable = income − 800 (never below 0);
  above 4,000: taxable = income × (1 − 20 %);
* tax = taxable × rate − quick deduction: 20 % up to 20,000; 30 % − 2,000 up to 50,000;
  40 % − 7,000 above;
* a further payment to the same payee for the same item in the same month is taxed on
  the month's new total, and withholds only what that total owes beyond what was
  already withheld.

Everything is ``Decimal``; the tax is rounded to the fen (half up), once, on the total.
This module is not wired into a model yet (issue 11).
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
THRESHOLD = Decimal(4000)
FIXED_DEDUCTION = Decimal(800)
RATIO_DEDUCTION = Decimal("0.20")
# (highest taxable amount of the band or None, rate, quick deduction)
BANDS = (
    (Decimal(20000), Decimal("0.20"), Decimal(0)),
    (Decimal(50000), Decimal("0.30"), Decimal(2000)),
    (None, Decimal("0.40"), Decimal(7000)),
)


def dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def taxable_income(income):
    """The taxable part of a month's labour income."""
    income = dec(income)
    if income < 0:
        raise ValueError("a labour income is not negative")
    if income <= THRESHOLD:
        return max(income - FIXED_DEDUCTION, Decimal(0))
    return income * (1 - RATIO_DEDUCTION)


def tax_due(income):
    """The tax a month's total labour income owes, to the fen."""
    taxable = taxable_income(income)
    for ceiling, rate, quick in BANDS:
        if ceiling is None or taxable <= ceiling:
            tax = taxable * rate - quick
            return max(tax, Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    raise AssertionError("the last band has no ceiling")


def withholding(paid_before, withheld_before, amount):
    """What to withhold on a payment of ``amount`` to a payee already paid
    ``paid_before`` (with ``withheld_before`` withheld) for the same item this month.

    Returns ``(tax, net)``: the tax withheld now and what the payee receives."""
    amount = dec(amount)
    if amount <= 0:
        raise ValueError("a labour payment is positive")
    total_tax = tax_due(dec(paid_before) + amount)
    tax = total_tax - dec(withheld_before)
    if tax < 0:
        raise ValueError("more was withheld before than the month's total owes")
    return tax, amount - tax
