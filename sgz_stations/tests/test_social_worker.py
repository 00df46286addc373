from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SgzStationsCase


@tagged("post_install", "-at_install")
class TestSocialWorker(SgzStationsCase):
    def _assign(self, **vals):
        vals = {
            "station_id": self.station.id,
            "assignment_date": self.assign_date,
            **vals,
        }
        return self.env["sgz.social.worker"].create(self._worker_vals(**vals))

    def test_assignment_and_station_list(self):
        worker = self._assign()
        self.assertIn(worker, self.station.worker_ids)
        self.assertEqual(self.station.staff_count, 1)

    @freeze_time("2026-03-01")
    def test_assignment_date_defaults_to_today(self):
        worker = self.env["sgz.social.worker"].create(self._worker_vals())
        self.assertFalse(worker.assignment_date)
        worker.station_id = self.station
        self.assertEqual(worker.assignment_date, date(2026, 3, 1))
        worker.station_id = False
        self.assertFalse(worker.assignment_date)

    def test_agency_worker_age_limit_45(self):
        # 45 on the assignment date is allowed, 46 is not
        self._assign(name="四十五岁", birth_date=date(1981, 3, 1))
        with self.assertRefused(ValidationError, "aged 46.*limit of 45"):
            self._assign(name="四十六岁", birth_date=date(1980, 3, 1))
        self.assertFalse(
            self.env["sgz.social.worker"].search([("name", "=", "四十六岁")])
        )

    def test_agency_worker_needs_college(self):
        self._assign(name="大专", education="college")
        with self.assertRefused(ValidationError, "Education.*Junior College"):
            self._assign(name="高中", education="senior")

    def test_government_staff_limits_50_and_junior(self):
        gov = {"employer_type": "government", "agency_id": False}
        self._assign(
            name="五十岁", birth_date=date(1976, 3, 1), education="junior", **gov
        )
        with self.assertRefused(ValidationError, "aged 51.*limit of 50"):
            self._assign(name="五十一岁", birth_date=date(1975, 2, 28), **gov)
        with self.assertRefused(ValidationError, "Junior Middle School"):
            self._assign(name="小学", education="primary", **gov)

    def test_birth_date_needed_for_assignment(self):
        with self.assertRefused(ValidationError, "Date of Birth"):
            self._assign(birth_date=False)
        # without a station, no birth date is fine
        self.env["sgz.social.worker"].create(self._worker_vals(birth_date=False))

    def test_station_outside_worker_region_refused(self):
        with self.assertRefused(ValidationError, "outside the worker's service region"):
            self._assign(region_id=self.county2.id)
        worker = self._assign(region_id=self.city.id)  # the whole city includes it
        with self.assertRefused(ValidationError, "outside"):
            worker.region_id = self.township2

    def test_station_run_by_another_agency_refused(self):
        with self.assertRefused(ValidationError, "is run by"):
            self._assign(agency_id=self.agency2.id)

    def test_barred_agency_worker_refused(self):
        self.agency.write(
            {"sgz_barred_until": date(2099, 1, 1), "sgz_barred_reason": "评估不合格"}
        )
        with self.assertRefused(ValidationError, "barred.*评估不合格"):
            self._assign()
        worker = self.env["sgz.social.worker"].create(self._worker_vals())
        with self.assertRefused(ValidationError, "barred"):
            worker.station_id = self.station
        worker.invalidate_recordset()
        self.assertFalse(worker.station_id)

    def test_rewriting_the_same_station_is_not_a_new_assignment(self):
        worker = self._assign()
        assigned_on = worker.assignment_date
        self.agency.write(
            {"sgz_barred_until": date(2099, 1, 1), "sgz_barred_reason": "评估不合格"}
        )
        # an import or an upgrade writes the same station again: no refusal, same date
        worker.write({"station_id": self.station.id, "phone": "0871-65550000"})
        self.assertEqual(worker.assignment_date, assigned_on)
        self.assertEqual(worker.phone, "0871-65550000")
        other = self.env["sgz.social.worker"].create(self._worker_vals(name="新人"))
        with self.assertRefused(ValidationError, "barred"):
            (worker | other).write({"station_id": self.station.id})

    def test_station_changes_recheck_its_staff(self):
        worker = self._assign()
        with self.assertRefused(ValidationError, "is run by"):
            self.station.agency_id = self.agency2
        with self.assertRefused(ValidationError, "outside the worker's service region"):
            self.station.write(
                {"region_id": self.township2.id, "signboard_text": False}
            )
        self.station.invalidate_recordset()
        self.assertEqual(self.station.agency_id, self.agency)
        self.assertEqual(worker.station_id, self.station)

    def test_agency_required_for_dispatched_worker(self):
        with self.assertRefused(ValidationError, "Employer Agency"):
            self.env["sgz.social.worker"].create(self._worker_vals(agency_id=False))

    def test_training_records(self):
        worker = self._assign()
        self.assertFalse(worker.last_training_date)
        self.env["sgz.training.record"].create(
            [
                {"worker_id": worker.id, "name": "岗前培训", "date": date(2026, 2, 1)},
                {"worker_id": worker.id, "name": "督导培训", "date": date(2026, 5, 9)},
            ]
        )
        self.assertEqual(worker.last_training_date, date(2026, 5, 9))
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.env["sgz.training.record"].create(
                {
                    "worker_id": worker.id,
                    "name": "X",
                    "date": date(2026, 6, 1),
                    "hours": -2,
                }
            )

    def test_station_of_another_company_refused(self):
        other = self.env["res.company"].create({"name": "另一民政局"})
        station = self.env["sgz.station"].create(
            self._station_vals(name="他司站", company_id=other.id)
        )
        with self.assertRefused(UserError, "compan"):
            self._assign(station_id=station.id)
