"""Working days on the tricky dates of the official schedules.

Expected values come from the State Council's notices (国务院办公厅关于2025年/2026年
部分节假日安排的通知), not from re-asking the package:

- 2025 春节: 1月28日至2月4日放假, 1月26日(周日)、2月8日(周六)上班.
- 2026 春节: 2月15日至23日放假, 2月14日(周六)、2月28日(周六)上班.
- 2026 中秋: 9月25日至27日放假; 国庆: 10月1日至7日放假;
  9月20日(周日)、10月10日(周六)上班.
"""

from datetime import date, datetime

import pytest
from conftest import load_lib

wd = load_lib("sgz_procurement", "working_days")
D = date


@pytest.mark.parametrize(
    "day, expected",
    [
        (D(2026, 10, 1), False),  # Thursday, National Day
        (D(2026, 10, 7), False),  # Wednesday, still the holiday
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday, make-up working day
        (D(2026, 10, 11), False),  # ordinary Sunday
        (D(2026, 9, 20), True),  # Sunday, make-up working day
        (D(2026, 9, 25), False),  # Friday, Mid-Autumn
        (D(2026, 2, 14), True),  # Saturday, make-up working day
        (D(2026, 2, 23), False),  # Monday, last day of the Spring Festival
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday, make-up working day
        (D(2026, 3, 1), False),  # ordinary Sunday
        (D(2025, 1, 26), True),  # Sunday, make-up working day
        (D(2025, 1, 27), True),
        (D(2025, 1, 28), False),  # 除夕
        (D(2025, 2, 4), False),
        (D(2025, 2, 8), True),  # Saturday, make-up working day
        (datetime(2026, 10, 10, 9, 30), True),
    ],
)
def test_is_workday(day, expected):
    assert wd.is_workday(day) is expected


@pytest.mark.parametrize(
    "start, n, expected",
    [
        # National Day 2026.
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 9, 30), 2, D(2026, 10, 9)),
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # the make-up Saturday counts
        (D(2026, 9, 30), 4, D(2026, 10, 12)),
        (D(2026, 9, 29), 3, D(2026, 10, 9)),
        (D(2026, 9, 29), 4, D(2026, 10, 10)),
        (D(2026, 9, 18), 1, D(2026, 9, 20)),  # Friday → make-up Sunday
        (D(2026, 9, 24), 1, D(2026, 9, 28)),  # over Mid-Autumn
        (D(2026, 9, 24), 10, D(2026, 10, 15)),  # a 10-working-day payment term
        (D(2026, 10, 1), 1, D(2026, 10, 8)),  # start on a holiday
        # Spring Festival 2026.
        (D(2026, 2, 12), 2, D(2026, 2, 14)),
        (D(2026, 2, 12), 3, D(2026, 2, 24)),
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 26), 2, D(2026, 2, 28)),
        (D(2026, 2, 26), 3, D(2026, 3, 2)),
        # Spring Festival 2025.
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 2, D(2025, 1, 27)),
        (D(2025, 1, 24), 3, D(2025, 2, 5)),
        (D(2025, 2, 6), 2, D(2025, 2, 8)),
        (D(2025, 2, 6), 3, D(2025, 2, 10)),
        # n = 0 is the start itself, even on a holiday or in an unknown year.
        (D(2026, 10, 1), 0, D(2026, 10, 1)),
        (D(2030, 5, 1), 0, D(2030, 5, 1)),
        (D(2026, 12, 30), 1, D(2026, 12, 31)),
    ],
)
def test_add_working_days(start, n, expected):
    assert wd.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (D(2026, 9, 30), D(2026, 10, 31), 18),  # October 2026: 22 weekdays - 5 + 1
        (D(2026, 9, 30), D(2026, 10, 7), 0),
        (D(2026, 9, 30), D(2026, 10, 10), 3),
        (D(2026, 2, 13), D(2026, 2, 28), 6),
        (D(2025, 1, 24), D(2025, 2, 9), 6),
        (D(2026, 10, 9), D(2026, 10, 9), 0),
        (D(2026, 10, 9), D(2026, 10, 8), 0),  # empty interval
    ],
)
def test_working_days_between(start, end, expected):
    assert wd.working_days_between(start, end) == expected


def test_unknown_year_refused():
    with pytest.raises(wd.UnknownYear) as info:
        wd.add_working_days(D(2026, 12, 30), 2)
    assert info.value.year == 2027
    with pytest.raises(wd.UnknownYear) as info:
        wd.is_workday(D(2003, 12, 31))
    assert info.value.year == 2003
    with pytest.raises(wd.UnknownYear):
        wd.working_days_between(D(2026, 12, 30), D(2027, 1, 5))
    assert not wd.is_known_year(2027)
    assert wd.is_known_year(2026)


def test_single_override_does_not_make_a_year_known():
    calendar = wd.Calendar(days={D(2027, 1, 1): False})
    assert wd.is_workday(D(2027, 1, 1), calendar) is False
    with pytest.raises(wd.UnknownYear):
        wd.is_workday(D(2027, 1, 4), calendar)
    with pytest.raises(wd.UnknownYear):
        wd.add_working_days(D(2026, 12, 31), 1, calendar)


def test_complete_year_table():
    # 2027-01-01 is a Friday: with New Year's Day entered, the next working day after
    # 2026-12-31 is Monday 2027-01-04.
    calendar = wd.Calendar(
        days={D(2027, 1, 1): False, D(2027, 2, 6): True, D(2027, 2, 8): False},
        complete_years={2027},
    )
    assert wd.is_known_year(2027, calendar)
    assert wd.add_working_days(D(2026, 12, 30), 1, calendar) == D(2026, 12, 31)
    assert wd.add_working_days(D(2026, 12, 30), 2, calendar) == D(2027, 1, 4)
    assert wd.add_working_days(D(2026, 12, 31), 1, calendar) == D(2027, 1, 4)
    # Friday 2027-02-05, make-up Saturday 02-06, Sunday 02-07, holiday Monday 02-08.
    assert wd.add_working_days(D(2027, 2, 5), 1, calendar) == D(2027, 2, 6)
    assert wd.add_working_days(D(2027, 2, 5), 2, calendar) == D(2027, 2, 9)
    assert wd.working_days_between(D(2026, 12, 31), D(2027, 1, 10), calendar) == 5
    with pytest.raises(wd.UnknownYear) as info:
        wd.add_working_days(D(2027, 12, 30), 2, calendar)
    assert info.value.year == 2028


def test_complete_table_is_authoritative_for_its_year():
    # The bureau's complete table replaces the package for that year.
    calendar = wd.Calendar(complete_years={2026})
    assert wd.is_workday(D(2026, 10, 1), calendar) is True
    assert wd.is_workday(D(2026, 10, 10), calendar) is False


def test_override_moves_the_result():
    holiday = wd.Calendar(days={D(2026, 10, 9): False})
    assert wd.is_workday(D(2026, 10, 9), holiday) is False
    assert wd.add_working_days(D(2026, 9, 30), 2, holiday) == D(2026, 10, 10)
    assert wd.add_working_days(D(2026, 9, 30), 3, holiday) == D(2026, 10, 12)
    assert wd.working_days_between(D(2026, 9, 30), D(2026, 10, 31), holiday) == 17
    # A Sunday made a working day, and a package holiday made a working day.
    extra = wd.Calendar(days={D(2026, 10, 11): True, D(2026, 10, 7): True})
    assert wd.add_working_days(D(2026, 9, 30), 1, extra) == D(2026, 10, 7)
    assert wd.add_working_days(D(2026, 9, 30), 5, extra) == D(2026, 10, 11)


def test_negative_n_refused():
    with pytest.raises(ValueError):
        wd.add_working_days(D(2026, 10, 9), -1)
