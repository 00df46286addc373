"""Chinese working days (工作日) for procurement and payment deadlines.

No Odoo import: the ``sgz.holiday`` model builds a ``Calendar`` from its table and calls
these functions; pytest checks them directly.

Deadlines such as "payment within 10 working days of the contract taking effect" or
"result notice within 2 working days of the decision" count working days under the
State Council's yearly holiday schedule, where some weekdays are holidays and some
Saturdays or Sundays are make-up working days (调休上班). Whether a day is a working day
is decided in this order:

1. ``Calendar.days``: the bureau's own entries (True = working day, False = holiday)
   win over everything else;
2. a year in ``Calendar.complete_years`` (the bureau entered that year's whole holiday
   table): the table is authoritative for the year, every day not listed is a working
   day Monday to Friday and a rest day on Saturday and Sunday (the package is not
   consulted, so a later package release cannot move a deadline already computed);
3. the ``chinese_calendar`` package (it knows the official schedules of 2004-2026 in
   version 1.11.0);
4. otherwise ``UnknownYear``: a deadline is never counted on weekends alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import chinese_calendar

ONE_DAY = timedelta(days=1)


class UnknownYear(Exception):
    """Neither the package nor the bureau's table knows the holidays of ``year``."""

    def __init__(self, year):
        super().__init__(f"no official holiday calendar for {year}")
        self.year = year


@dataclass
class Calendar:
    """The bureau's holiday table.

    ``days``: {date: True for a working day (调休上班), False for a holiday};
    ``complete_years``: years whose whole table has been entered.
    """

    days: dict = field(default_factory=dict)
    complete_years: set = field(default_factory=set)


def _as_date(day):
    return day.date() if isinstance(day, datetime) else day


def is_workday(day, calendar=None):
    """Whether ``day`` is a working day; ``UnknownYear`` if nothing says."""
    day = _as_date(day)
    calendar = calendar or Calendar()
    override = calendar.days.get(day)
    if override is not None:
        return bool(override)
    if day.year in calendar.complete_years:
        return day.weekday() < 5
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        raise UnknownYear(day.year) from None


def add_working_days(start, n, calendar=None):
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    ``n`` = 0 gives ``start``; a negative ``n`` raises ``ValueError``.
    """
    start = _as_date(start)
    if n < 0:
        raise ValueError(f"negative number of working days: {n}")
    day = start
    while n:
        day += ONE_DAY
        if is_workday(day, calendar):
            n -= 1
    return day


def working_days_between(start, end, calendar=None):
    """The number of working days in (``start``, ``end``]; 0 if ``end`` <= ``start``."""
    start, end = _as_date(start), _as_date(end)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_workday(day, calendar):
            count += 1
        day += ONE_DAY
    return count


def is_known_year(year, calendar=None):
    """Whether working days of ``year`` can be counted (package or complete table)."""
    calendar = calendar or Calendar()
    if year in calendar.complete_years:
        return True
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True
