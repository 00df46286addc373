from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SgzStationsCase


@tagged("post_install", "-at_install")
class TestSecurity(SgzStationsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Worker = cls.env["sgz.social.worker"]
        cls.own_worker = Worker.create(
            {
                "name": "本机构社工",
                "agency_id": cls.agency.id,
                "education": "bachelor",
                "birth_date": date(1995, 1, 1),
            }
        )
        cls.other_worker = Worker.create(
            {
                "name": "他机构社工",
                "agency_id": cls.agency2.id,
                "education": "bachelor",
                "birth_date": date(1995, 1, 1),
            }
        )
        cls.grade_own = cls.env["sgz.agency.grade"].create(
            {"partner_id": cls.agency.id, "grade": "good", "date": date(2025, 12, 1)}
        )
        cls.grade_other = cls.env["sgz.agency.grade"].create(
            {"partner_id": cls.agency2.id, "grade": "pass", "date": date(2025, 12, 1)}
        )

    # ------------------------------------------------------------------ agency user
    def test_agency_user_sees_only_own_records(self):
        env = self.env(user=self.agency_user)
        self.assertEqual(env["sgz.station"].search([]), self.station)
        workers = env["sgz.social.worker"].search([])
        self.assertIn(self.own_worker, workers)
        self.assertNotIn(self.other_worker, workers)
        self.assertEqual(
            env["sgz.agency.grade"].search([("partner_id", "!=", False)]),
            self.grade_own,
        )
        with self.assertRaises(AccessError):
            self.other_worker.with_user(self.agency_user).read(["name"])
        with self.assertRaises(AccessError):
            self.station2.with_user(self.agency_user).read(["name"])
        with self.assertRaises(AccessError):
            self.grade_other.with_user(self.agency_user).read(["grade"])

    def test_agency_user_without_agency_sees_nothing(self):
        lost = new_test_user(
            self.env, "sgz_agency_none", groups="sgz_stations.group_agency_user"
        )
        government_station = self.env["sgz.station"].create(
            self._station_vals(
                name="政府站", agency_id=False, region_id=self.township2.id
            )
        )
        env = self.env(user=lost)
        self.assertNotIn(government_station, env["sgz.station"].search([]))
        self.assertFalse(env["sgz.station"].search([]))
        self.assertFalse(env["sgz.social.worker"].search([]))
        self.assertFalse(env["sgz.agency.grade"].search([]))

    def test_moving_a_user_to_another_agency_changes_what_they_see(self):
        Station = self.env["sgz.station"].with_user(self.agency_user)
        self.assertEqual(Station.search([]), self.station)
        self.agency_user.sgz_agency_id = self.agency2
        self.assertEqual(Station.search([]), self.station2)

    def test_agency_user_manages_own_workers_only(self):
        Worker = self.env["sgz.social.worker"].with_user(self.agency_user)
        mine = Worker.create({"name": "新社工", "agency_id": self.agency.id})
        mine.phone = "13800000000"
        with self.assertRaises(AccessError):
            Worker.create({"name": "冒名社工", "agency_id": self.agency2.id})
        with self.assertRaises(AccessError):
            self.other_worker.with_user(self.agency_user).write({"phone": "1"})
        with self.assertRaises(AccessError):
            mine.write({"agency_id": self.agency2.id})
        with self.assertRaises(AccessError):
            mine.unlink()

    def test_agency_user_cannot_read_other_agencies_grades(self):
        with self.assertRaises(AccessError):
            self.agency2.with_user(self.agency_user).read(["sgz_last_grade"])
        self.assertEqual(self.agency2.with_user(self.auditor).sgz_last_grade, "pass")

    def test_agency_user_cannot_change_registry(self):
        with self.assertRaises(AccessError):
            self.station.with_user(self.agency_user).write({"volunteer_count": 99})
        with self.assertRaises(AccessError):
            self.env["sgz.station"].with_user(self.agency_user).create(
                self._station_vals(name="私建站")
            )
        with self.assertRaises(AccessError):
            self.agency.with_user(self.agency_user).write({"sgz_barred_until": False})
        with self.assertRaises(AccessError):
            self.township.with_user(self.agency_user).write({"name": "改名"})
        with self.assertRaises(AccessError):
            self.env["sgz.agency.grade"].with_user(self.agency_user).create(
                {"partner_id": self.agency.id, "grade": "excellent"}
            )

    # ------------------------------------------------------------------ auditor
    def test_auditor_reads_everything_writes_nothing(self):
        env = self.env(user=self.auditor)
        self.assertIn(self.station2, env["sgz.station"].search([]))
        self.assertIn(self.other_worker, env["sgz.social.worker"].search([]))
        self.assertEqual(
            len(
                env["sgz.agency.grade"].search(
                    [("id", "in", [self.grade_own.id, self.grade_other.id])]
                )
            ),
            2,
        )
        self.station.with_user(self.auditor).read(["compliance_issues"])
        checks = [
            lambda: self.station.with_user(self.auditor).write({"office_area": 50}),
            lambda: self.own_worker.with_user(self.auditor).write({"phone": "1"}),
            lambda: self.agency.with_user(self.auditor).write(
                {"sgz_legal_representative": "X"}
            ),
            lambda: self.township.with_user(self.auditor).write({"name": "X"}),
            lambda: self.grade_own.with_user(self.auditor).write({"grade": "fail"}),
            lambda: env["sgz.station"].create(self._station_vals(name="审计建站")),
            lambda: env["sgz.service.domain"].create({"name": "X", "code": "x"}),
            lambda: self.station.with_user(self.auditor).unlink(),
        ]
        for i, check in enumerate(checks):
            with self.subTest(check=i), self.assertRaises(AccessError):
                check()

    # ------------------------------------------------------------------ bureau
    def test_officer_maintains_registry(self):
        station = (
            self.env["sgz.station"]
            .with_user(self.officer)
            .create(self._station_vals(name="经办人建站", region_id=self.township2.id))
        )
        station.volunteer_count = 40
        self.agency.with_user(self.officer).write(
            {"sgz_legal_representative": "李明华"}
        )
        self.env["sgz.agency.grade"].with_user(self.officer).create(
            {
                "partner_id": self.agency.id,
                "grade": "excellent",
                "date": date(2026, 1, 1),
            }
        )
        # the catalogue is the manager's
        with self.assertRaises(AccessError):
            self.env["sgz.service.domain"].with_user(self.officer).create(
                {"name": "X", "code": "x"}
            )

    def test_supervisor_reads_but_does_not_register(self):
        self.assertIn(
            self.station2, self.env["sgz.station"].with_user(self.supervisor).search([])
        )
        with self.assertRaises(AccessError):
            self.env["sgz.station"].with_user(self.supervisor).create(
                self._station_vals(name="督导建站")
            )

    def test_multi_company_isolation(self):
        other = self.env["res.company"].create({"name": "另一民政局"})
        foreign = self.env["sgz.station"].create(
            self._station_vals(name="他司站", company_id=other.id, agency_id=False)
        )
        self.assertNotIn(
            foreign, self.env["sgz.station"].with_user(self.officer).search([])
        )
        with self.assertRaises(AccessError):
            foreign.with_user(self.officer).read(["name"])
