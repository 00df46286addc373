from contextlib import contextmanager
from datetime import date

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

# Valid 统一社会信用代码 (GB 32100-2015 check character computed by python-stdnum).
CODE_A = "52530102MJ9900001A"
CODE_B = "52530103MJ9900002U"
CODE_C = "52530111MJ9900003H"


class SgzStationsCase(TransactionCase):
    """Shared data: a small region tree, two agencies, one station, users per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Region = cls.env["sgz.region"]
        cls.city = Region.create({"name": "昆明市", "code": "9530100", "level": "city"})
        cls.county = Region.create(
            {
                "name": "五华区",
                "code": "9530102",
                "level": "county",
                "parent_id": cls.city.id,
            }
        )
        cls.county2 = Region.create(
            {
                "name": "盘龙区",
                "code": "9530103",
                "level": "county",
                "parent_id": cls.city.id,
            }
        )
        cls.township = Region.create(
            {
                "name": "华山街道",
                "code": "9530102001",
                "level": "township",
                "parent_id": cls.county.id,
            }
        )
        cls.township2 = Region.create(
            {
                "name": "拓东街道",
                "code": "9530103001",
                "level": "township",
                "parent_id": cls.county2.id,
            }
        )
        Partner = cls.env["res.partner"]
        cls.agency = Partner.create(
            {
                "name": "启航社工中心",
                "is_company": True,
                "is_sgz_agency": True,
                "sgz_credit_code": CODE_A,
                "sgz_scope_social_work": True,
                "bank_ids": [(0, 0, {"acc_number": "2502100900001"})],
            }
        )
        cls.agency2 = Partner.create(
            {
                "name": "同心社工中心",
                "is_company": True,
                "is_sgz_agency": True,
                "sgz_credit_code": CODE_B,
                "sgz_scope_social_work": True,
                "bank_ids": [(0, 0, {"acc_number": "2502200900001"})],
            }
        )
        cls.master = Partner.create({"name": "杨站长"})
        cls.deputy = Partner.create({"name": "钱副站长"})
        cls.station = cls.env["sgz.station"].create(cls._station_vals())
        cls.station2 = cls.env["sgz.station"].create(
            {
                "name": "拓东街道社会工作服务站",
                "level": "township",
                "region_id": cls.township2.id,
                "agency_id": cls.agency2.id,
            }
        )
        cls.officer = new_test_user(
            cls.env, "sgz_officer", groups="sgz_stations.group_officer"
        )
        cls.auditor = new_test_user(
            cls.env, "sgz_auditor", groups="sgz_stations.group_auditor"
        )
        cls.supervisor = new_test_user(
            cls.env, "sgz_supervisor", groups="sgz_stations.group_supervisor"
        )
        cls.agency_user = new_test_user(
            cls.env, "sgz_agency", groups="sgz_stations.group_agency_user"
        )
        cls.agency_user.sgz_agency_id = cls.agency
        cls.assign_date = date(2026, 3, 1)

    @contextmanager
    def assertRefused(self, exception, pattern):
        """assertRaises in a savepoint (nothing is saved) and a check of the message."""
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), pattern)

    @classmethod
    def _station_vals(cls, **overrides):
        vals = {
            "name": "华山街道社会工作服务站",
            "level": "township",
            "region_id": cls.township.id,
            "agency_id": cls.agency.id,
            "operating_mode": "project",
            "office_area": 45.0,
            "volunteer_count": 30,
            "signboard_text": "昆明市五华区华山街道社会工作服务站",
            "master_id": cls.master.id,
            "deputy_id": cls.deputy.id,
        }
        vals.update(overrides)
        return vals

    def _worker_vals(self, **overrides):
        vals = {
            "name": "李娜",
            "employer_type": "agency",
            "agency_id": self.agency.id,
            "role": "professional",
            "education": "bachelor",
            "certificate_level": "assistant",
            "birth_date": date(1992, 3, 14),
            "region_id": self.county.id,
        }
        vals.update(overrides)
        return vals

    def _staff(self, station, count, **overrides):
        """Put ``count`` valid workers on ``station``."""
        Worker = self.env["sgz.social.worker"]
        return Worker.create(
            [
                self._worker_vals(
                    name=f"社工{i}",
                    station_id=station.id,
                    assignment_date=self.assign_date,
                    agency_id=station.agency_id.id,
                    **overrides,
                )
                for i in range(count)
            ]
        )
