from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common import DisbursementCase

CRON_LOGGER = "odoo.addons.sgz_finance.models.sgz_disbursement"


@tagged("post_install", "-at_install")
class TestYearEnd(DisbursementCase):
    """From 18 December 2026 a gate passed today is due (10 working days later) in
    2027, whose holidays chinesecalendar 1.11.0 does not know: the gate passes, the
    due date waits for the bureau to enter 2027."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # whatever the database holds (the demo enters 2027): 2027 is not known
        cls.env["sgz.holiday"].search([("date", ">=", date(2027, 1, 1))]).unlink()
        cls.env["sgz.holiday.year"].search([("year", ">=", 2027)]).unlink()
        cls.Year = cls.env["sgz.holiday.year"]

    def _complete_2027(self):
        self.env["sgz.holiday"].with_user(self.officer).create(
            [
                {"date": "2027-01-01", "name": "元旦"},
                {"date": "2027-02-06", "name": "调休上班", "is_workday": True},
                {"date": "2027-02-08", "name": "春节"},
            ]
        )
        year = self.Year.search([("year", "=", 2027)])
        year.with_user(self.officer).write({"complete": True})
        return year

    def test_gates_pass_and_due_dates_wait_for_2027(self):
        first, second, third = self._sign("2026-12-18 03:00:00")
        # the contract is signed and its first stage payable; only its date waits
        self.assertEqual(self.contract.state, "signed")
        self.assertEqual(first.state, "payable")
        self.assertEqual(first.gate_date, date(2026, 12, 18))
        self.assertFalse(first.due_date)
        self.assertRegex(first.due_date_note, "2027")
        self.assertFalse(any((second | third).mapped("due_date_note")))
        # the officers are asked, once, to enter the year
        year = self.Year.search([("year", "=", 2027)])
        self.assertTrue(year)
        self.assertFalse(year.complete)
        self.assertEqual(year.requested_date, date(2026, 12, 18))
        requests = year.activity_ids
        self.assertIn(self.officer, requests.user_id)
        self.assertRegex(requests[0].summary, "2027")
        # a confirmed evaluation passes its gate too
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-12-21 03:00:00")
        self.assertEqual(second.state, "payable")
        self.assertEqual(second.gate_date, date(2026, 12, 21))
        self.assertFalse(second.due_date)
        self.assertRegex(second.due_date_note, "2027")
        # the stage can be requested meanwhile; the daily job asks nobody again
        with freeze_time("2026-12-22 03:00:00"):
            first.with_user(self.officer).action_request()
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        with freeze_time("2026-12-23 03:00:00"):
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        self.assertEqual(year.activity_ids, requests)
        self.assertEqual(first.state, "requested")
        # 2027 entered and marked complete: the due dates are filled in.
        # Fri 18 Dec + 10 working days: 21-25, 28-31 Dec, (1 Jan off) Mon 4 Jan
        with freeze_time("2026-12-28 03:00:00"):
            self._complete_2027()
        self.assertEqual(first.due_date, date(2027, 1, 4))
        # Mon 21 Dec: 22-25, 28-31 Dec, 4 and 5 Jan
        self.assertEqual(second.due_date, date(2027, 1, 5))
        self.assertFalse(any((first | second).mapped("due_date_note")))
        self.assertFalse(year.activity_ids)

    def test_daily_job_at_year_end_reminds_the_others(self):
        # a fixed-date stage whose date is 18 December: only the daily job sees it
        self.contract.payment_line_ids[1].with_user(self.officer).write(
            {"gate": "date", "gate_date": date(2026, 12, 18)}
        )
        first, second, _third = self._sign()
        self.assertEqual(first.due_date, date(2026, 3, 4))
        with freeze_time("2026-12-18 03:00:00"):
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        self.assertEqual(second.state, "payable")
        self.assertFalse(second.due_date)
        self.assertRegex(second.due_date_note, "2027")
        # the overdue first stage is still reminded
        self.assertEqual(len(self._officer_tasks(first)), 1)
        self.assertRegex(self._officer_tasks(first).note, "2026-03-04|03/04/2026")
        # the next days neither duplicate the request nor lose the stage
        year = self.Year.search([("year", "=", 2027)])
        requests = year.activity_ids
        with freeze_time("2026-12-21 03:00:00"):
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        self.assertEqual(year.activity_ids, requests)
        self.assertEqual(second.state, "payable")
        with freeze_time("2026-12-22 03:00:00"):
            self._complete_2027()
        # Fri 18 Dec + 10 working days: Mon 4 Jan 2027
        self.assertEqual(second.due_date, date(2027, 1, 4))

    def test_daily_job_goes_on_past_a_failing_stage(self):
        self.contract.payment_line_ids[1].with_user(self.officer).write(
            {"gate": "date", "gate_date": date(2026, 3, 1)}
        )
        first, second, _third = self._sign()
        Stage = type(self.env["sgz.disbursement"])
        sync = Stage._sync

        def broken_sync(stages):
            if first in stages:
                raise RuntimeError("stage data broken")
            return sync(stages)

        with (
            patch.object(Stage, "_sync", broken_sync),
            freeze_time("2026-03-10 03:00:00"),
            self.assertLogs(CRON_LOGGER, "WARNING") as logs,
        ):
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        self.assertIn(f"sgz.disbursement({first.id}) failed", logs.output[0])
        self.assertIn("stage data broken", logs.output[0])
        # the other stages were followed, the failing one still reminded
        self.assertEqual(second.state, "payable")
        self.assertEqual(second.due_date, date(2026, 3, 13))
        self.assertEqual(len(self._officer_tasks(first)), 1)
