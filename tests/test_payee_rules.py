"""sgz_finance/lib/payee_rules.py: a labour payee's resident ID number (GB 11643)."""

import datetime

import pytest
from conftest import load_lib

rules = load_lib("sgz_finance", "payee_rules")


def test_valid_number_with_an_x_check_digit():
    assert rules.check_resident_id("11010519491231002x") == ("11010519491231002X", None)


def test_valid_number_with_a_digit_check_digit():
    assert rules.check_resident_id("530102199003071238") == ("530102199003071238", None)


@pytest.mark.parametrize(
    "number, reason",
    [
        ("530102199003071234", "check_digit"),
        ("53010219900307123", "length"),
        ("5301021990030712381", "length"),
        ("530102199013071231", "birth_date_or_region"),  # month 13
        ("53010219900307A232", "format"),
        ("", "length"),
        (None, "length"),
    ],
)
def test_invalid_numbers_say_why(number, reason):
    compact, why = rules.check_resident_id(number)
    assert compact is None
    assert why == reason


def test_a_birth_date_in_the_future_is_refused():
    assert rules.check_resident_id(
        "530102199003071238", on_date=datetime.date(1989, 1, 1)
    ) == (None, "birth_date")
