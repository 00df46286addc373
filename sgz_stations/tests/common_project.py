from datetime import date

from odoo.tests import new_test_user

from .common import SgzStationsCase


class SgzProjectCase(SgzStationsCase):
    """A draft project of ``agency`` for ``station`` over 2026, with its team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Worker = cls.env["sgz.social.worker"]
        base = {
            "employer_type": "agency",
            "agency_id": cls.agency.id,
            "role": "professional",
            "education": "bachelor",
            "birth_date": date(1992, 3, 14),
            "region_id": cls.county.id,
        }
        cls.worker = Worker.create(
            dict(base, name="李娜", certificate_level="social_worker")
        )
        cls.worker2 = Worker.create(dict(base, name="王芳", certificate_level="none"))
        cls.worker3 = Worker.create(
            dict(base, name="赵磊", certificate_level="assistant")
        )
        cls.manager = new_test_user(
            cls.env, "sgz_manager", groups="sgz_stations.group_manager"
        )
        cls.agency_user2 = new_test_user(
            cls.env, "sgz_agency2", groups="sgz_stations.group_agency_user"
        )
        cls.agency_user2.sgz_agency_id = cls.agency2
        Domain = cls.env["sgz.service.domain"]
        cls.domain = Domain.create({"name": "老年人服务", "code": "t_elderly"})
        cls.domain2 = Domain.create({"name": "儿童服务", "code": "t_children"})
        cls.item = cls.env["sgz.service.item"].create(
            {"name": "探访慰问", "domain_id": cls.domain.id}
        )
        cls.project = cls.env["sgz.project"].create(cls._project_vals())

    @classmethod
    def _project_vals(cls, **overrides):
        vals = {
            "name": "华山街道社工站服务项目",
            "agency_id": cls.agency.id,
            "station_ids": [(6, 0, cls.station.ids)],
            "date_start": date(2026, 1, 1),
            "date_end": date(2026, 12, 31),
            "date_midterm": date(2026, 6, 30),
            "amount": 300000.01,
            "report_due_day": 10,
            "target_beneficiaries": 400,
            "target_beneficiaries_mid": 200,
            "funding_ids": [
                (0, 0, {"source": "provincial", "amount": 200000.00}),
                (0, 0, {"source": "local_match", "amount": 100000.01}),
            ],
            "member_ids": [
                (0, 0, {"worker_id": cls.worker.id, "role": "lead"}),
                (0, 0, {"worker_id": cls.worker2.id, "role": "social_worker"}),
            ],
            "target_ids": [
                (
                    0,
                    0,
                    {
                        "domain_id": cls.domain.id,
                        "activity_type": "visit",
                        "sessions": 40,
                        "beneficiaries": 200,
                        "attendances": 400,
                    },
                ),
            ],
        }
        vals.update(overrides)
        return vals

    def _activity(self, project=None, user=None, **overrides):
        project = project or self.project
        vals = {
            "name": "高龄老人入户探访",
            "activity_type": "visit",
            "date": date(2026, 2, 10),
            "project_id": project.id,
            "station_id": self.station.id,
            "domain_id": self.domain.id,
            "item_id": self.item.id,
            "beneficiaries": 10,
            "attendances": 12,
            "volunteer_count": 2,
            "worker_ids": [(6, 0, self.worker.ids)],
        }
        vals.update(overrides)
        Activity = self.env["sgz.activity"]
        return (Activity.with_user(user) if user else Activity).create(vals)
