from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SgzStationsCase


@tagged("post_install", "-at_install")
class TestStation(SgzStationsCase):
    def test_compliant_station(self):
        self._staff(self.station, 2)
        self.assertEqual(self.station.staff_count, 2)
        self.assertEqual(self.station.certified_staff_count, 2)
        self.assertTrue(self.station.is_compliant, self.station.compliance_issues)
        self.assertFalse(self.station.compliance_issues)

    def test_each_rule_reported(self):
        station = self.env["sgz.station"].create(
            self._station_vals(
                name="不达标站",
                office_area=19.5,
                volunteer_count=29,
                signboard_text="华山社工站",
                master_id=False,
                deputy_id=False,
                open_weekdays=False,
            )
        )
        issues = station.compliance_issues
        self.assertFalse(station.is_compliant)
        for fragment in (
            "19.5 m²",
            "station master",
            "deputy station master",
            "0 staff members",
            "29 volunteers",
            "昆明市五华区华山街道社会工作服务站",
            "9:00-18:00",
            "certificate",
        ):
            self.assertIn(fragment, issues)
        self.assertEqual(len(issues.splitlines()), 8)

    def test_issues_clear_as_the_station_is_fixed(self):
        station = self.station
        self.assertIn("0 staff members", station.compliance_issues)
        self._staff(station, 1, certificate_level="none")
        self.assertIn("1 staff members", station.compliance_issues)
        self.assertIn("certificate", station.compliance_issues)
        self._staff(station, 1)
        self.assertTrue(station.is_compliant, station.compliance_issues)
        station.office_area = 20.0  # exactly the minimum is enough
        self.assertTrue(station.is_compliant)
        station.volunteer_count = 29
        self.assertFalse(station.is_compliant)

    def test_government_led_needs_team_of_four(self):
        station = self.env["sgz.station"].create(
            self._station_vals(
                name="政府主导站",
                operating_mode="government",
                agency_id=False,
                region_id=self.township2.id,
                signboard_text="昆明市盘龙区拓东街道社会工作服务站",
            )
        )
        self.env["sgz.social.worker"].create(
            [
                self._worker_vals(
                    name=f"事务员{i}",
                    employer_type="government",
                    agency_id=False,
                    education="junior",
                    certificate_level="none",
                    region_id=self.county2.id,
                    station_id=station.id,
                )
                for i in range(3)
            ]
        )
        self.assertIn("at least 4", station.compliance_issues)
        self.env["sgz.social.worker"].create(
            self._worker_vals(
                name="事务员4",
                employer_type="government",
                agency_id=False,
                education="junior",
                region_id=self.county2.id,
                station_id=station.id,
            )
        )
        self.assertTrue(station.is_compliant, station.compliance_issues)

    def test_signboard_expected_and_action(self):
        self.station.signboard_text = "华山社工站"
        self.assertEqual(
            self.station.signboard_expected, "昆明市五华区华山街道社会工作服务站"
        )
        self.station.action_use_prescribed_signboard()
        self.assertEqual(self.station.signboard_text, self.station.signboard_expected)

    def test_non_compliant_filter(self):
        self._staff(self.station, 2)
        Station = self.env["sgz.station"]
        bad = Station.search([("is_compliant", "=", False)])
        self.assertIn(self.station2, bad)
        self.assertNotIn(self.station, bad)

    def test_higher_levels_have_no_station_rules(self):
        hub = self.env["sgz.station"].create(
            {
                "name": "五华区社会工作服务总站",
                "level": "county",
                "region_id": self.county.id,
            }
        )
        self.assertTrue(hub.is_compliant)

    def test_negative_values_refused(self):
        with self.assertRefused(ValidationError, "Office Area.*negative"):
            self.station.office_area = -1
        with self.assertRefused(ValidationError, "Volunteers.*negative"):
            self.station.volunteer_count = -3
        self.station.invalidate_recordset()
        self.assertEqual(self.station.office_area, 45.0)
        self.assertEqual(self.station.volunteer_count, 30)

    def test_opening_hours_consistent(self):
        with self.assertRefused(ValidationError, "Opening Hours"):
            self.station.write({"open_from": 18.0, "open_to": 9.0})

    def test_station_level_must_match_region_level(self):
        with self.assertRefused(ValidationError, "Region of"):
            self.env["sgz.station"].create(
                self._station_vals(name="错级站", region_id=self.county.id)
            )
        self.assertFalse(self.env["sgz.station"].search([("name", "=", "错级站")]))

    def test_operating_agency_must_be_an_agency(self):
        plain = self.env["res.partner"].create({"name": "普通公司", "is_company": True})
        with self.assertRefused(ValidationError, "not registered"):
            self.station.agency_id = plain

    def test_barred_agency_and_daily_refresh(self):
        self._staff(self.station, 2)
        with freeze_time("2026-03-10"):
            self.agency.write(
                {
                    "sgz_barred_until": date(2026, 6, 30),
                    "sgz_barred_reason": "评估不合格",
                }
            )
            self.assertIn("barred", self.station.compliance_issues)
        with freeze_time("2026-07-01"):
            self.env["sgz.station"]._cron_recompute_compliance()
            self.assertTrue(self.station.is_compliant, self.station.compliance_issues)

    def test_compliance_refresh_queries_do_not_grow_with_stations(self):
        Station = self.env["sgz.station"]
        townships = self.env["sgz.region"].create(
            [
                {
                    "name": f"测试街道{i}",
                    "code": f"95301029{i:02d}",
                    "level": "township",
                    "parent_id": self.county.id,
                }
                for i in range(30)
            ]
        )
        Station.create(
            [
                self._station_vals(name=f"批量站{i}", region_id=region.id)
                for i, region in enumerate(townships)
            ]
        )
        self.env.invalidate_all()
        # one batch of reads whatever the number of stations (32 here)
        with self.assertQueryCount(__system__=8):
            Station._cron_recompute_compliance()
            self.env.flush_all()

    def test_form_creates_station(self):
        with Form(self.env["sgz.station"]) as form:
            form.name = "表单站"
            form.level = "township"
            form.region_id = self.township
            form.office_area = 30
        station = form.record
        self.assertEqual(station.open_from, 9.0)
        self.assertEqual(station.open_to, 18.0)
        self.assertEqual(station.company_id, self.env.company)
