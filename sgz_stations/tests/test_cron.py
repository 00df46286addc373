from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestCronsGoOn(SgzProjectCase):
    """A daily job never stops on one record: it is logged and the others done."""

    def test_compliance_refresh_skips_a_failing_station(self):
        self._staff(self.station, 2)
        self.assertTrue(self.station2.compliance_issues)  # really not compliant
        # both stored flags stale (as after a bar that expired overnight)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sgz_station SET is_compliant = (id = %s) WHERE id IN %s",
            [self.station2.id, tuple((self.station | self.station2).ids)],
        )
        self.env.invalidate_all()
        self.assertFalse(self.station.is_compliant)
        self.assertTrue(self.station2.is_compliant)
        Station = type(self.env["sgz.station"])
        compute = Station._compute_is_compliant

        def broken_compute(stations):
            if self.station2 in stations:
                raise RuntimeError("station data broken")
            return compute(stations)

        with (
            patch.object(Station, "_compute_is_compliant", broken_compute),
            self.assertLogs(
                "odoo.addons.sgz_stations.models.sgz_station", "WARNING"
            ) as logs,
        ):
            self.env["sgz.station"]._cron_recompute_compliance()
        self.assertTrue(self.station.is_compliant, self.station.compliance_issues)
        # the failing station alone was not refreshed (still stale)
        self.assertTrue(self.station2.is_compliant)
        self.assertTrue(self.station2.compliance_issues)
        warnings = [line for line in logs.output if line.startswith("WARNING")]
        self.assertEqual(len(warnings), 1)
        self.assertIn(f"sgz.station({self.station2.id}) failed", warnings[0])

    def test_brief_reminders_skip_a_failing_brief(self):
        self.project.with_user(self.officer).action_start()
        reports = {r.month.month: r for r in self.project.monthly_report_ids}
        before = reports[1].activity_ids
        Report = type(self.env["sgz.monthly.report"])
        sync = Report._sgz_sync_handovers

        def broken_sync(records):
            if reports[1] in records:
                raise RuntimeError("cannot remind")
            return sync(records)

        with (
            patch.object(Report, "_sgz_sync_handovers", broken_sync),
            freeze_time("2026-03-11"),
            self.assertLogs(
                "odoo.addons.sgz_stations.models.sgz_handover", "WARNING"
            ) as logs,
        ):
            # January (due 10 Feb) fails, February (due 10 Mar) is reminded
            self.env["sgz.monthly.report"]._cron_remind_overdue()
        self.assertIn(f"sgz.monthly.report({reports[1].id}) failed", logs.output[0])
        # the failing brief is left as it was, the next one is reminded
        self.assertEqual(reports[1].activity_ids, before)
        self.assertEqual(len(reports[2].activity_ids), 1)
