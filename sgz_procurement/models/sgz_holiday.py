from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import working_days


class SgzHoliday(models.Model):
    """One day of the official holiday schedule: a holiday or a make-up working day.

    The ``chinese_calendar`` package knows the schedules it was released with; this
    table corrects it day by day and supplies the years it does not know yet. Every
    working-day deadline of the addons is counted through ``add_working_days`` and
    ``working_days_between`` below (rules in ``lib/working_days.py``).
    """

    _name = "sgz.holiday"
    _description = "Holiday and Make-up Working Day"
    _order = "date"

    date = fields.Date(required=True)
    name = fields.Char(
        string="Description",
        required=True,
        help="E.g. National Day, Spring Festival, Make-up working day.",
    )
    is_workday = fields.Boolean(
        string="Working Day",
        help="Checked: a make-up working day (usually a Saturday or Sunday). "
        "Unchecked: a holiday.",
    )
    year = fields.Integer(compute="_compute_year", store=True, index=True)

    _sql_constraints = [
        (
            "date_unique",
            "unique(date)",
            "This date is already in the holiday table.",
        ),
    ]

    @api.depends("date")
    def _compute_year(self):
        for holiday in self:
            holiday.year = holiday.date.year if holiday.date else 0

    @api.depends("date", "name")
    def _compute_display_name(self):
        for holiday in self:
            holiday.display_name = " ".join(
                filter(None, [fields.Date.to_string(holiday.date), holiday.name])
            )

    # ------------------------------------------------------------------
    # Business: working days
    # ------------------------------------------------------------------
    @api.model
    def _calendar(self):
        """The holiday table as a ``working_days.Calendar`` (one query per model)."""
        holidays = self.sudo().search_fetch([], ["date", "is_workday"])
        years = (
            self.env["sgz.holiday.year"]
            .sudo()
            .search_fetch([("complete", "=", True)], ["year"])
        )
        return working_days.Calendar(
            days={holiday.date: holiday.is_workday for holiday in holidays},
            complete_years=set(years.mapped("year")),
        )

    @api.model
    def _unknown_year_error(self, year):
        return UserError(
            _(
                "Working days cannot be counted for %(year)s: the official holiday "
                "calendar does not cover that year. Enter the year's holidays and "
                "make-up working days under Configuration > Holidays and Make-up "
                "Working Days and mark the year complete in Holiday Table Years.",
                year=year,
            )
        )

    @api.model
    def add_working_days(self, start, n):
        """The ``n``-th working day after ``start`` (a date or ``YYYY-MM-DD``)."""
        try:
            return working_days.add_working_days(
                fields.Date.to_date(start), n, self._calendar()
            )
        except working_days.UnknownYear as exc:
            raise self._unknown_year_error(exc.year) from None

    @api.model
    def working_days_between(self, start, end):
        """The number of working days in (``start``, ``end``]."""
        try:
            return working_days.working_days_between(
                fields.Date.to_date(start),
                fields.Date.to_date(end),
                self._calendar(),
            )
        except working_days.UnknownYear as exc:
            raise self._unknown_year_error(exc.year) from None


class SgzHolidayYear(models.Model):
    """A year of the holiday table and whether it has been entered completely."""

    _name = "sgz.holiday.year"
    _description = "Holiday Table Year"
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True)
    complete = fields.Boolean(
        help="The table holds every holiday and make-up working day of this year: "
        "every other day is a working day from Monday to Friday and a rest day on "
        "Saturday and Sunday, and the table replaces the built-in calendar for the "
        "year.",
    )
    note = fields.Text(
        help="E.g. the State Council notice the table was entered from.",
    )

    _sql_constraints = [
        (
            "year_unique",
            "unique(year)",
            "This year is already in the list.",
        ),
        (
            "year_valid",
            "CHECK(year BETWEEN 2000 AND 2999)",
            "The year must have four digits (2000 or later).",
        ),
    ]
