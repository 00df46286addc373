"""sgz_finance/lib/labour_tax.py: the tax withheld on labour fees (劳务报酬)."""

from decimal import Decimal

import pytest
from conftest import load_lib

tax = load_lib("sgz_finance", "labour_tax")
D = Decimal


@pytest.mark.parametrize(
    "income, taxable",
    [
        (0, D(0)),
        (500, D(0)),  # under 800: nothing taxable
        (800, D(0)),
        (800.01, D("0.01")),
        (3500, D(2700)),
        (4000, D(3200)),  # up to 4,000: less 800
        (4000.01, D("3200.008")),  # above: less 20 %
        (5000, D(4000)),
        (25000, D(20000)),
    ],
)
def test_taxable_income(income, taxable):
    assert tax.taxable_income(income) == taxable


@pytest.mark.parametrize(
    "income, due",
    [
        (800, D("0.00")),
        (3500, D("540.00")),  # 2,700 × 20 %
        (4000, D("640.00")),
        (5000, D("800.00")),  # 4,000 × 20 %
        (25000, D("4000.00")),  # taxable 20,000: the top of the 20 % band
        (25000.01, D("4000.00")),  # 20,000.008 × 30 % − 2,000 = 4,000.0024
        (62500, D("13000.00")),  # taxable 50,000: 30 % − 2,000 = 40 % − 7,000
        (100000, D("25000.00")),  # 80,000 × 40 % − 7,000
    ],
)
def test_tax_due_per_band(income, due):
    assert tax.tax_due(income) == due


def test_bands_meet_at_their_boundaries():
    for taxable in (D(20000), D(50000)):
        income = taxable / D("0.8")
        below = tax.tax_due(income - D("0.01"))
        at = tax.tax_due(income)
        above = tax.tax_due(income + D("0.01"))
        assert below <= at <= above
        assert above - below < D("0.02")


def test_second_payment_in_the_month_is_taxed_on_the_total():
    """3,500 then 1,500 to the same person for the same item in one month: the
    second payment is taxed on 5,000 and withholds only the difference."""
    first_tax, first_net = tax.withholding(0, 0, 3500)
    assert (first_tax, first_net) == (D("540.00"), D("2960.00"))
    second_tax, second_net = tax.withholding(3500, first_tax, 1500)
    assert second_tax == D("260.00")  # 800 on 5,000, less the 540 withheld
    assert second_net == D("1240.00")
    assert first_tax + second_tax == tax.tax_due(5000)


def test_amounts_are_exact_decimals():
    due, net = tax.withholding(0, 0, 0.1 + 0.2 + 4000)
    assert isinstance(due, Decimal)
    assert due + net == D("4000.3")


@pytest.mark.parametrize("amount", [0, -1])
def test_a_payment_is_positive(amount):
    with pytest.raises(ValueError):
        tax.withholding(0, 0, amount)


def test_more_withheld_than_owed_is_refused():
    with pytest.raises(ValueError):
        tax.withholding(1000, 500, 1)
