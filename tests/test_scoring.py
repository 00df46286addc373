from datetime import datetime
from decimal import Decimal

import pytest
from conftest import load_lib

scoring = load_lib("sgz_procurement", "scoring")
T = datetime


@pytest.mark.parametrize(
    "lowest, price, weight, score",
    [
        (100, 100, "0.30", "30.00"),  # the lowest quote gets the full price points
        (90000, 100000, "0.30", "27.00"),
        (100, 300, "0.10", "3.33"),  # 3.333…
        (2, 3, "0.10", "6.67"),  # 6.666…
        (6665, 10000, "0.10", "6.67"),  # exactly 6.665: half up (half even: 6.66)
        (4115, 10000, "0.30", "12.35"),  # exactly 12.345: half up
        (1, 8, "0.20", "2.50"),
        ("285000.00", "300000.00", "0.15", "14.25"),
        ("999999999999.99", "999999999999.99", "0.30", "30.00"),
        ("0.01", "999999999999.99", "0.30", "0.00"),
        (Decimal("88888.88"), Decimal("99999.99"), Decimal("0.25"), "22.22"),
        (100, 100, 0.1, "10.00"),  # a float weight goes through str()
    ],
)
def test_price_score(lowest, price, weight, score):
    result = scoring.price_score(lowest, price, weight)
    assert isinstance(result, Decimal)
    assert result == Decimal(score)
    assert str(result) == score


@pytest.mark.parametrize("weight", ["0.10", "0.1", "0.2", "0.30", Decimal("0.3")])
def test_price_weight_accepted(weight):
    assert scoring.check_price_weight(weight) == Decimal(weight)


@pytest.mark.parametrize(
    "weight", ["0.09", "0.0999", "0.31", "0.3001", 0, 1, 10, 30, "-0.2"]
)
def test_price_weight_refused(weight):
    with pytest.raises(ValueError):
        scoring.check_price_weight(weight)
    with pytest.raises(ValueError):
        scoring.price_score(100, 100, weight)


@pytest.mark.parametrize(
    "lowest, price",
    [(100, 0), (100, -1), (0, 100), (-5, 100), (101, 100), ("x", 100), (100, "NaN")],
)
def test_price_score_refused(lowest, price):
    with pytest.raises(ValueError):
        scoring.price_score(lowest, price, "0.20")


def test_rank():
    quotes = [
        ("A", Decimal("85.50"), Decimal("100000"), T(2026, 5, 6, 9, 0)),
        ("B", Decimal("85.50"), Decimal("95000"), T(2026, 5, 6, 10, 0)),
        ("C", Decimal("90.00"), Decimal("120000"), T(2026, 5, 6, 11, 0)),
        ("D", Decimal("85.50"), Decimal("95000"), T(2026, 5, 6, 8, 0)),
        ("E", Decimal("60.25"), Decimal("80000"), T(2026, 5, 6, 7, 0)),
    ]
    assert scoring.rank(quotes) == ["C", "D", "B", "A", "E"]
    assert scoring.rank([]) == []


def test_rank_mixed_number_types():
    quotes = [("A", 80, 100, T(2026, 1, 1)), ("B", "80.5", 120, T(2026, 1, 2))]
    assert scoring.rank(quotes) == ["B", "A"]


def test_lowest_compliant():
    quotes = [
        ("A", Decimal("100000"), T(2026, 5, 6, 9, 0)),
        ("B", Decimal("90000"), T(2026, 5, 6, 10, 0)),
        ("C", Decimal("90000.00"), T(2026, 5, 6, 8, 30)),
    ]
    assert scoring.lowest_compliant(quotes) == "C"
    assert scoring.lowest_compliant(quotes[:2]) == "B"
    assert scoring.lowest_compliant([]) is None


@pytest.mark.parametrize(
    "percent, weight",
    [(10.10, "0.101"), (10, "0.10"), ("30", "0.30"), (25.5, "0.255"), (20.0, "0.2")],
)
def test_weight_from_percent_is_exact(percent, weight):
    assert 10.10 / 100 != 0.101  # what floats give: 0.10099999999999999
    assert scoring.weight_from_percent(percent) == Decimal(weight)


def test_price_score_with_a_weight_in_percent():
    # 90,300 / 258,000 x 10.10 is exactly 3.535: half up 3.54 (floats: 3.53)
    weight = scoring.weight_from_percent(10.10)
    assert scoring.price_score(90300, 258000, weight) == Decimal("3.54")
    assert scoring.price_score(90300, 258000, 10.10 / 100) == Decimal("3.53")
    assert scoring.price_score(90300, 303000, weight) == Decimal("3.01")
    assert scoring.price_score(90300, 90300, weight) == Decimal("10.10")


def test_other_score_cap():
    assert scoring.other_score_cap(10.10) == Decimal("89.90")
    assert scoring.other_score_cap(20) == Decimal(80)
    assert scoring.other_score_cap("30.01") == Decimal("69.99")


def test_total_score_is_exact():
    assert 3.01 + 70.20 != 73.21
    assert scoring.total_score(3.01, 70.20) == Decimal("73.21")
    assert scoring.total_score(10.1, 63.11) == Decimal("73.21")
    assert scoring.total_score() == 0


def test_rank_tie_of_exact_totals_falls_to_the_lower_price():
    quotes = [
        ("A", scoring.total_score(3.01, 70.20), 303000.0, T(2026, 9, 28, 9)),
        ("B", scoring.total_score(10.1, 63.11), 90300.0, T(2026, 9, 28, 10)),
    ]
    assert scoring.rank(quotes) == ["B", "A"]
    # with the float sums A would have won on 0.00000000000001 point
    floats = [
        ("A", 3.01 + 70.20, 303000.0, T(2026, 1, 1)),
        ("B", 73.21, 90300, T(2026, 1, 1)),
    ]
    assert scoring.rank(floats) == ["A", "B"]


def test_rank_by_price_mixed_types():
    quotes = [
        ("A", 0.1 + 0.2, T(2026, 1, 1)),
        ("B", "0.3", T(2026, 1, 2)),
        ("C", Decimal("0.30"), T(2025, 12, 31)),
    ]
    # 0.1 + 0.2 is 0.30000000000000004: above 0.3
    assert scoring.rank_by_price(quotes) == ["C", "B", "A"]
    assert scoring.lowest_compliant(quotes) == "C"
