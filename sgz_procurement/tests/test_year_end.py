from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import AT_OPENING, SgzProcurementCase

HANDOVER_LOGGER = "odoo.addons.sgz_stations.models.sgz_handover"


@tagged("post_install", "-at_install")
class TestYearEndProcurement(SgzProcurementCase):
    """Working-day dates running into 2027, a year chinesecalendar 1.11.0 does not
    know: a date that can wait waits, a rule to check now says the year is needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # whatever the database holds (the demo enters 2027): 2027 is not known
        cls.env["sgz.holiday"].search([("date", ">=", date(2027, 1, 1))]).unlink()
        cls.env["sgz.holiday.year"].search([("year", ">=", 2027)]).unlink()
        cls.Year = cls.env["sgz.holiday.year"]

    def _year_2027(self):
        return self.Year.search([("year", "=", 2027)])

    def _complete_2027(self):
        self.env["sgz.holiday"].with_user(self.officer).create(
            [
                {"date": "2027-01-01", "name": "元旦"},
                {"date": "2027-02-08", "name": "春节"},
            ]
        )
        year = self._year_2027() or self.Year.with_user(self.officer).create(
            {"year": 2027}
        )
        year.with_user(self.officer).write({"complete": True})
        return year

    def _reviewed(self, proc, amounts):
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, amounts, strict=False):
            self._quote(proc, agency, amount)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        return proc

    def test_award_at_year_end_waits_for_the_notice_due_date(self):
        proc = self._reviewed(self._procurement(), (280000, 275000.5, 290000))
        proc.with_user(self.officer).action_propose_award()
        with freeze_time("2026-12-30 03:00:00"):
            proc.with_user(self.manager).action_approve_award()
        self.assertEqual(proc.state, "awarded")
        self.assertEqual(proc.award_date, date(2026, 12, 30))
        self.assertFalse(proc.notice_due)
        self.assertRegex(proc.notice_due_note, "2027")
        year = self._year_2027()
        self.assertEqual(year.requested_date, date(2026, 12, 30))
        self.assertIn(self.officer, year.activity_ids.user_id)
        # the notice is published while its due date waits; lateness waits too
        with freeze_time("2027-01-06 03:00:00"):
            self.env["sgz.procurement"]._cron_notice_reminder()
            proc.with_user(self.officer).action_publish_notice()
        self.assertFalse(proc.notice_late)
        # 30 Dec + 2 working days: 31 Dec, (1 Jan off) Mon 4 Jan: published late
        with freeze_time("2027-01-07 03:00:00"):
            self._complete_2027()
        self.assertEqual(proc.notice_due, date(2027, 1, 4))
        self.assertTrue(proc.notice_late)
        self.assertFalse(proc.notice_due_note)
        self.assertFalse(year.activity_ids)

    def test_single_source_notice_ending_in_2027(self):
        proc = self._procurement(
            method="single_source",
            suppliers=[self.agency],
            single_source_reason="该机构为本街道唯一具备条件的社工机构",
            notice_start=date(2026, 12, 28),
        )
        # the draft is saved; the end of the notice waits for 2027
        self.assertFalse(proc.notice_end)
        self.assertRegex(proc.notice_end_note, "2027")
        self._reviewed(proc, (296000,))
        self.assertTrue(self._year_2027().activity_ids)
        # the award needs the notice to have run: that is checked now
        with (
            freeze_time("2027-01-04 03:00:00"),
            self.assertRefused(UserError, "2027.*holidays|2027年.*节假日"),
        ):
            proc.with_user(self.officer).action_propose_award()
        self._complete_2027()
        # 29, 30, 31 Dec, (1 Jan off) 4 and 5 Jan
        self.assertEqual(proc.notice_end, date(2027, 1, 5))
        self.assertFalse(proc.notice_end_note)
        with (
            freeze_time("2027-01-04 03:00:00"),
            self.assertRefused(UserError, "2027-01-05"),
        ):
            proc.with_user(self.officer).action_propose_award()
        with freeze_time("2027-01-05 03:00:00"):
            proc.with_user(self.officer).action_propose_award()
        self.assertEqual(proc.state, "award_pending")

    def test_inquiry_period_into_2027_needs_the_year(self):
        proc = self._procurement(
            announce_date=date(2026, 12, 29),
            quote_deadline=datetime(2027, 1, 8, 1, 0),
            opening_time=datetime(2027, 1, 8, 2, 0),
        )
        # the minimum quote period is a rule to check before announcing
        with (
            freeze_time("2026-12-29 02:00:00"),
            self.assertRefused(UserError, "2027 holidays have not been entered"),
        ):
            proc.with_user(self.officer).action_announce()
        self._complete_2027()
        with freeze_time("2026-12-29 02:00:00"):
            proc.with_user(self.officer).action_announce()
        self.assertEqual(proc.state, "announced")

    def test_reminder_job_goes_on_past_a_failing_procurement(self):
        procs = [
            self._reviewed(self._procurement(), (280000, 275000.5, 290000)),
            self._reviewed(self._procurement(), (281000, 276000, 291000)),
        ]
        for proc in procs:
            proc.with_user(self.officer).action_propose_award()
            with freeze_time("2026-10-12 03:00:00"):
                proc.with_user(self.manager).action_approve_award()
        broken, other = procs
        Procurement = type(self.env["sgz.procurement"])
        sync = Procurement._sgz_sync_handovers

        def broken_sync(records):
            if broken in records:
                raise RuntimeError("cannot remind")
            return sync(records)

        with (
            patch.object(Procurement, "_sgz_sync_handovers", broken_sync),
            freeze_time("2026-10-20 03:00:00"),
            self.assertLogs(HANDOVER_LOGGER, "WARNING") as logs,
        ):
            self.env["sgz.procurement"]._cron_notice_reminder()
        self.assertIn(f"sgz.procurement({broken.id}) failed", logs.output[0])
        # the broken one keeps what it had (its notice task from the award), the
        # other was looked at too
        notice = self.env.ref("sgz_procurement.activity_result_notice")
        self.assertEqual(
            other.activity_ids.filtered(lambda a: a.activity_type_id == notice).user_id,
            self.officer,
        )
