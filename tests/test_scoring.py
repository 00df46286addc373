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
