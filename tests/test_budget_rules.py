"""sgz_finance/lib/budget_rules.py: exact budget arithmetic (Decimal, no floats)."""

from decimal import Decimal

import pytest
from conftest import load_lib

rules = load_lib("sgz_finance", "budget_rules")
D = Decimal

# the guide's 10 % cap on management (L4227-4228), exactly met by three lines whose
# float sum is 32,156.700000000004
MANAGEMENT = (5635.65, 23874.15, 2646.90)
TOTAL = 321567.00


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.1, D("0.1")),  # a float through its shortest repr, not its binary value
        (2646.90, D("2646.9")),
        (100, D("100")),
        ("30000.01", D("30000.01")),
        (D("1.005"), D("1.005")),
        (None, D("0")),
        (False, D("0")),
        ("", D("0")),
    ],
)
def test_dec(value, expected):
    result = rules.dec(value)
    assert isinstance(result, Decimal)
    assert result == expected


def test_dec_keeps_a_decimal_as_it_is():
    value = D("3.10")
    assert rules.dec(value) is value


def test_money_sum_is_exact():
    assert sum(MANAGEMENT) == 32156.700000000004  # what floats give
    assert rules.money_sum(MANAGEMENT) == D("32156.70")
    assert rules.money_sum([0.1, 0.2]) == D("0.3")
    assert rules.money_sum([]) == D(0)
    assert rules.money_sum([None, 0, "1.01", D("2")]) == D("3.01")


@pytest.mark.parametrize(
    "quantity, sessions, rate, amount",
    [
        (2, 250, 200, D("100000")),
        (1, 1, 105000.01, D("105000.01")),
        (3, 7, 0.1, D("2.1")),  # 3 * 7 * 0.1 is 2.1000000000000005 in floats
        (12, 12, 50.0, D("7200")),
        (2.0, 3.0, "0.01", D("0.06")),  # whole numbers given as floats
        (1, 1, 0, D("0")),
    ],
)
def test_line_amount(quantity, sessions, rate, amount):
    assert rules.line_amount(quantity, sessions, rate) == amount


@pytest.mark.parametrize("quantity, sessions", [(1.5, 1), (1, 0.5), (2.01, 3)])
def test_line_amount_counts_are_whole(quantity, sessions):
    with pytest.raises(ValueError):
        rules.line_amount(quantity, sessions, 100)


@pytest.mark.parametrize(
    "total, percent, limit",
    [
        (TOTAL, 10, D("32156.70")),  # exactly 10 %
        (300000.01, 10, D("30000.00")),  # 30,000.001: 30,000.01 would be over
        (300000.06, 10, D("30000.00")),  # 30,000.006: never rounded up to .01
        (300000.01, 70, D("210000.00")),  # 210,000.007
        (100000, 7, D("7000.00")),
        (321567.00, 1, D("3215.67")),
        (1000, 0, D("0.00")),
        (0, 10, D("0.00")),
    ],
)
def test_cap_limit_is_the_largest_amount_to_the_fen(total, percent, limit):
    assert rules.cap_limit(total, percent) == limit
    # the limit is within the cap and one fen more is not
    assert not rules.over_cap(limit, total, percent)
    assert rules.over_cap(limit + D("0.01"), total, percent)


def test_over_cap_exact_ten_percent_boundary():
    amount = rules.money_sum(MANAGEMENT)
    assert not rules.over_cap(amount, TOTAL, 10)
    assert not rules.over_cap("32156.70", "321567.00", "10")
    assert rules.over_cap(amount + D("0.01"), TOTAL, 10)
    # the float sum, compared as it is, would have been refused
    assert rules.over_cap(sum(MANAGEMENT), TOTAL, 10)


@pytest.mark.parametrize(
    "amount, total, percent, over",
    [
        (22000, 300000.01, 7, True),  # 7 % of 300,000.01 is 21,000.0007
        (21000, 300000.01, 7, False),
        (21000.01, 300000.01, 7, True),
        (30000.01, 300000.01, 10, True),  # above 30,000.001
        (30000.00, 300000.01, 10, False),
        (0, 0, 10, False),
        (0.01, 0, 10, True),
        (5, 100, 5.0, False),
        (5.01, 100, 5.0, True),
        (10.1, 100, 10.1, False),  # a cap with decimals, exact
        (10.11, 100, 10.1, True),
    ],
)
def test_over_cap(amount, total, percent, over):
    assert rules.over_cap(amount, total, percent) is over


def test_share():
    assert rules.share(rules.money_sum(MANAGEMENT), TOTAL) == D(10)
    assert rules.share(10000, 300000.01) == D(1000000) / D("300000.01")
    assert round(rules.share(10000, 300000.01), 2) == D("3.33")
    assert rules.share(0, 100) == D(0)
    assert rules.share(5, 0) is None
    assert rules.share(5, None) is None


def test_moved_share_counts_what_moved_once():
    old = {"materials": 105000.01, "training": 30000, "sw": 100000}
    new = {"materials": 95000.01, "training": 40000, "sw": 100000}
    # 10,000 taken from materials went to training: 10,000 of 300,000.01 moved
    moved = rules.moved_share(old, new, 300000.01)
    assert moved == D(10000) * 100 / D("300000.01")
    assert round(moved, 2) == D("3.33")


def test_moved_share_new_and_removed_lines():
    old = {"a": 100, "b": 50}
    new = {"a": 100, "c": 50}  # b removed, c added: 50 moved
    assert rules.moved_share(old, new, 150) == D(50) * 100 / D(150)
    # a total that changed: the larger of the increases and the decreases moved
    assert rules.moved_share({"a": 100}, {"a": 80, "b": 40}, 100) == D(40)
    assert rules.moved_share({"a": 100}, {"a": 100}, 100) == D(0)
    assert rules.moved_share({}, {}, 0) is None


def test_moved_share_is_exact():
    # float differences would leave 1e-12 residues: the shares are exact
    old = {"x": 0.3, "y": 0.7}
    new = {"x": 0.1, "y": 0.9}
    assert rules.moved_share(old, new, 1) == D(20)
