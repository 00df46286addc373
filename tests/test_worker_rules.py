from datetime import date

import pytest
from conftest import load_lib

rules = load_lib("sgz_stations", "worker_rules")
ON = date(2026, 3, 1)


@pytest.mark.parametrize(
    "birth, on, age",
    [
        (date(1981, 3, 1), ON, 45),
        (date(1981, 3, 2), ON, 44),
        (date(1980, 2, 29), date(2026, 2, 28), 45),
        (date(1980, 2, 29), date(2026, 3, 1), 46),
    ],
)
def test_age_on(birth, on, age):
    assert rules.age_on(birth, on) == age


def test_agency_limits():
    assert rules.assignment_issues("agency", date(1981, 3, 1), "college", ON) == []
    assert rules.assignment_issues("agency", date(1980, 3, 1), "college", ON) == [
        ("age", {"age": 46, "max": 45})
    ]
    assert rules.assignment_issues("agency", date(1990, 1, 1), "senior", ON) == [
        ("education", {"minimum": "college"})
    ]


def test_government_limits():
    assert rules.assignment_issues("government", date(1976, 3, 1), "junior", ON) == []
    issues = rules.assignment_issues("government", date(1975, 2, 28), "primary", ON)
    assert issues == [
        ("age", {"age": 51, "max": 50}),
        ("education", {"minimum": "junior"}),
    ]


def test_missing_data_is_an_issue_not_a_pass():
    assert rules.assignment_issues("agency", None, None, ON) == [
        ("no_birth_date", {}),
        ("education", {"minimum": "college"}),
    ]


def test_education_order():
    assert rules.education_at_least("doctor", "college")
    assert not rules.education_at_least("junior", "senior")
    assert not rules.education_at_least("unknown", "primary")
