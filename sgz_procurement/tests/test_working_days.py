from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestWorkingDays(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Holiday = cls.env["sgz.holiday"]
        cls.Year = cls.env["sgz.holiday.year"]
        # Start from an empty table whatever the database holds.
        cls.Holiday.search([]).unlink()
        cls.Year.search([]).unlink()
        cls.employee = new_test_user(
            cls.env, login="sgz_holiday_employee", groups="base.group_user"
        )
        cls.officer = new_test_user(
            cls.env,
            login="sgz_holiday_officer",
            groups="base.group_user,sgz_stations.group_officer",
        )

    def test_national_day_2026(self):
        # 10-01..10-07 holiday, Saturday 10-10 a make-up working day.
        Holiday = self.Holiday.with_user(self.employee)
        self.assertEqual(
            Holiday.add_working_days(date(2026, 9, 30), 2), date(2026, 10, 9)
        )
        self.assertEqual(
            Holiday.add_working_days(date(2026, 9, 29), 3), date(2026, 10, 9)
        )
        self.assertEqual(Holiday.add_working_days("2026-09-30", 3), date(2026, 10, 10))
        self.assertEqual(
            Holiday.add_working_days(date(2026, 9, 30), 4), date(2026, 10, 12)
        )
        # A 10-working-day payment term over Mid-Autumn and National Day.
        self.assertEqual(
            Holiday.add_working_days(date(2026, 9, 24), 10), date(2026, 10, 15)
        )
        self.assertEqual(
            Holiday.working_days_between(date(2026, 9, 30), date(2026, 10, 31)), 18
        )

    def test_2027_refused_until_complete_table(self):
        with self.assertRaises(UserError) as caught:
            self.Holiday.add_working_days(date(2026, 12, 30), 2)
        message = str(caught.exception)
        self.assertIn("2027", message)
        self.assertIn("mark the year complete", message)
        with self.assertRaises(UserError):
            self.Holiday.working_days_between(date(2026, 12, 30), date(2027, 1, 8))

        self.Holiday.with_user(self.officer).create(
            [
                {"date": "2027-01-01", "name": "New Year's Day"},
                {
                    "date": "2027-02-06",
                    "name": "Make-up working day",
                    "is_workday": True,
                },
                {"date": "2027-02-08", "name": "Spring Festival"},
            ]
        )
        # Days entered, but the year not declared complete: still refused.
        year = self.Year.with_user(self.officer).create({"year": 2027})
        with self.assertRaises(UserError):
            self.Holiday.add_working_days(date(2026, 12, 30), 2)

        year.complete = True
        # 2027-01-01 is a Friday: the next working day is Monday 2027-01-04.
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 12, 30), 2), date(2027, 1, 4)
        )
        self.assertEqual(
            self.Holiday.add_working_days(date(2027, 2, 5), 2), date(2027, 2, 9)
        )
        self.assertEqual(
            self.Holiday.working_days_between(date(2026, 12, 30), date(2027, 1, 8)), 6
        )
        with self.assertRaises(UserError) as caught:
            self.Holiday.add_working_days(date(2027, 12, 30), 2)
        self.assertIn("2028", str(caught.exception))

    def test_override_moves_the_result(self):
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 30), 2), date(2026, 10, 9)
        )
        closure = self.Holiday.with_user(self.officer).create(
            {"date": date(2026, 10, 9), "name": "Bureau closure"}
        )
        self.assertEqual(closure.year, 2026)
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 30), 2), date(2026, 10, 10)
        )
        self.assertEqual(
            self.Holiday.working_days_between(date(2026, 9, 30), date(2026, 10, 31)), 17
        )
        # A Sunday made a working day.
        closure.write({"date": date(2026, 10, 11), "is_workday": True})
        self.assertEqual(closure.year, 2026)
        self.assertEqual(
            self.Holiday.add_working_days(date(2026, 9, 30), 4), date(2026, 10, 11)
        )

    def test_calendar_is_two_queries(self):
        self.Holiday.create(
            [
                {"date": date(2026, 10, 9), "name": "Bureau closure"},
                {"date": date(2026, 10, 11), "name": "Make-up", "is_workday": True},
            ]
        )
        self.Year.create({"year": 2027, "complete": True})
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(2):
            calendar = self.Holiday._calendar()
        self.assertEqual(
            calendar.days, {date(2026, 10, 9): False, date(2026, 10, 11): True}
        )
        self.assertEqual(calendar.complete_years, {2027})

    @mute_logger("odoo.sql_db")
    def test_duplicate_date_refused(self):
        self.Holiday.create({"date": date(2026, 10, 9), "name": "Bureau closure"})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Holiday.create({"date": date(2026, 10, 9), "name": "Again"})
        self.Year.create({"year": 2027})
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.Year.create({"year": 2027, "complete": True})

    def test_employee_reads_only(self):
        with self.assertRaises(AccessError):
            self.Holiday.with_user(self.employee).create(
                {"date": date(2026, 10, 9), "name": "Bureau closure"}
            )
        with self.assertRaises(AccessError):
            self.Year.with_user(self.employee).create({"year": 2027, "complete": True})
