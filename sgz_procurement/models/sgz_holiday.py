from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import OFFICER

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
    def _add_working_days_or_pending(self, start, n, calendar=None, request=True):
        """``(date, False)``, or ``(False, year)`` while ``year``'s holidays are not
        known.

        For a date that can wait (a due date, the end of a notice period): the step
        that needs it goes on, the date stays empty until the year is marked complete
        (``sgz.holiday.year._sgz_year_completed``) and, with ``request``, the bureau
        is asked to enter that year. ``calendar`` spares the queries in a loop.
        """
        try:
            return (
                working_days.add_working_days(
                    fields.Date.to_date(start), n, calendar or self._calendar()
                ),
                False,
            )
        except working_days.UnknownYear as exc:
            if request:
                self.env["sgz.holiday.year"]._sgz_request_year(exc.year)
            return False, exc.year

    @api.model
    def _pending_note(self, year):
        """What a date waiting for ``year``'s holidays shows instead (reader's
        language)."""
        return _("Pending: the %(year)s holidays have not been entered", year=year)

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
    """A year of the holiday table and whether it has been entered completely.

    A date that needs a year nobody knows yet waits for it: the year is added here
    (incomplete) and the officers get one activity asking them to enter it; marking
    it complete fills the waiting dates in (``_sgz_year_completed``, extended by each
    addon that has such dates).
    """

    _name = "sgz.holiday.year"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Holiday Table Year"
    _order = "year desc"
    _rec_name = "year"

    year = fields.Integer(required=True)
    complete = fields.Boolean(
        tracking=True,
        help="The table holds every holiday and make-up working day of this year: "
        "every other day is a working day from Monday to Friday and a rest day on "
        "Saturday and Sunday, and the table replaces the built-in calendar for the "
        "year.",
    )
    note = fields.Text(
        help="E.g. the State Council notice the table was entered from.",
    )
    requested_date = fields.Date(
        string="Requested on",
        readonly=True,
        copy=False,
        help="When a date that needs this year made the officers be asked to enter "
        "its holidays (once).",
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

    @api.model_create_multi
    def create(self, vals_list):
        years = super().create(vals_list)
        years.filtered("complete")._sgz_year_completed()
        return years

    def write(self, vals):
        was_complete = self.filtered("complete")
        result = super().write(vals)
        if vals.get("complete"):
            (self - was_complete)._sgz_year_completed()
        return result

    def _sgz_request_summary(self):
        return _("Enter the %(year)s holidays", year=self.year)

    @api.model
    def _sgz_request_year(self, year):
        """Ask the officers, once, to enter ``year``'s holidays and mark it complete."""
        record = self.sudo().search([("year", "=", year)], limit=1)
        if not record:
            record = self.sudo().create({"year": year})
        if record.complete or record.requested_date:
            return record
        record.requested_date = fields.Date.context_today(self)
        officers = (
            self.env.ref(OFFICER)
            .sudo()
            .users.filtered(lambda u: u.active and not u.share)
        ) or self.env.user
        for officer in officers:
            record.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=record._sgz_request_summary(),
                note=_(
                    "Working days cannot be counted in %(year)s yet: due dates that "
                    "fall in that year wait for it. Enter the year's holidays and "
                    "make-up working days under Configuration > Holidays and Make-up "
                    "Working Days, then mark %(year)s complete here; the waiting "
                    "dates are then filled in.",
                    year=year,
                ),
                user_id=officer.id,
            )
        return record

    def _sgz_year_completed(self):
        """The years in ``self`` have just been marked complete: close the requests
        and fill in the dates that waited for them (each addon adds its own)."""
        self.sudo().activity_feedback(
            ["mail.mail_activity_data_todo"],
            feedback=_("The year's holidays have been entered."),
        )
        self.env["sgz.procurement"].sudo()._sgz_fill_pending_dates()
