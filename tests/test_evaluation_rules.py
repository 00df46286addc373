from datetime import date
from decimal import Decimal

import pytest
from conftest import load_lib

rules = load_lib("sgz_stations", "evaluation_rules")


@pytest.mark.parametrize(
    "total, grade",
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.99, "good"),
        (70, "good"),
        (69.6, "pass"),
        (60, "pass"),
        (59.99, "fail"),
        (0, "fail"),
        (-5, "fail"),
    ],
)
def test_grade_bands(total, grade):
    assert rules.grade_for(total) == grade


def test_deduction_per_unit_stops_at_zero():
    # 0.4 per missed training, 2 points (L181): 3 missed -> 0.8 exactly
    assert rules.item_score("deduct_per_unit", 2, 0.4, count=3) == Decimal("0.8")
    assert rules.item_score("deduct_per_unit", 2, 0.4, count=5) == Decimal("0")
    assert rules.item_score("deduct_per_unit", 2, 0.4, count=9) == Decimal("0")
    assert rules.item_score("deduct_per_unit", 6, 0.5, count=0) == Decimal("6")


def test_bonus_per_unit_capped_by_item():
    assert rules.item_score("bonus_per_unit", 6, 2, count=2) == Decimal("4")
    assert rules.item_score("bonus_per_unit", 6, 2, count=4) == Decimal("6")


def test_manual_score_as_entered():
    assert rules.item_score("manual", 7, manual=5.5) == Decimal("5.5")
    with pytest.raises(ValueError):
        rules.item_score("other", 7)


def test_total_with_complaints_veto_and_misuse():
    groups = {"daily": 15, "impl": 25, "finance": 25, "results": 35}
    total, _groups = rules.total_score(groups, complaint_points=[5, 7.5])
    assert total == Decimal("87.5")
    total, after = rules.total_score(groups, misuse_groups={"finance"})
    assert total == Decimal("75") and after["finance"] == 0
    total, _groups = rules.total_score(groups, veto=True)
    assert total == 0
    # 0.1 + 0.2 in Decimal: no binary float residue
    total, _groups = rules.total_score({"a": 0.1, "b": 0.2})
    assert total == Decimal("0.3")


def test_completion_ratio():
    assert rules.completion_ratio(180, 200) == 90.0
    assert rules.completion_ratio(0, 200) == 0.0
    assert rules.completion_ratio(5, 0) is None


def test_month_starts_and_due_dates():
    months = rules.month_starts(date(2026, 11, 15), date(2027, 2, 1))
    assert months == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert rules.report_due_date(date(2026, 12, 1), 10) == date(2027, 1, 10)
    assert rules.report_due_date(date(2026, 1, 1), 31) == date(2026, 2, 28)
    assert rules.report_due_date(date(2028, 1, 1), 30) == date(2028, 2, 29)
    assert rules.report_due_date(date(2026, 3, 1), 31) == date(2026, 4, 30)
