"""sgz_stations/lib/money_rules.py: amounts are kept to the fen, never rounded."""

from decimal import Decimal

import pytest
from conftest import load_lib

rules = load_lib("sgz_stations", "money_rules")


@pytest.mark.parametrize(
    "value",
    [0.001, 100.005, 300000.001, "0.001", Decimal("1.005"), 1e-7, 0.1 + 0.2, -0.015],
)
def test_more_than_fen(value):
    assert rules.more_than_fen(value)


@pytest.mark.parametrize(
    "value",
    [
        0,
        0.0,
        1,
        100.5,
        100.05,
        "100.50",
        "100.500",
        Decimal("100.500"),
        1e3,
        321567.0,
        -0.01,
        None,
        False,
        True,
        "",
        "abc",
        float("nan"),
        float("inf"),
    ],
)
def test_not_more_than_fen(value):
    assert not rules.more_than_fen(value)


def test_as_decimal():
    assert rules.as_decimal(0.1) == Decimal("0.1")
    assert rules.as_decimal(" 2.50 ") == Decimal("2.50")
    assert rules.as_decimal(False) is None
    assert rules.as_decimal(None) is None
    assert rules.as_decimal("x") is None
    assert rules.as_decimal(float("nan")) is None


def test_money_sum():
    assert 5635.65 + 23874.15 + 2646.90 != 32156.70
    assert rules.money_sum([5635.65, 23874.15, 2646.90]) == Decimal("32156.70")
    assert rules.money_sum([]) == 0
    assert rules.money_sum([None, False, 1.01]) == Decimal("1.01")
    with pytest.raises(ValueError):
        rules.money_sum(["x"])
