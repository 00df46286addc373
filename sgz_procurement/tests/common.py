from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.sgz_stations.tests.common import CODE_C
from odoo.addons.sgz_stations.tests.common_project import SgzProjectCase

# Announced on Friday 25 September 2026, just before the National Day week
# (1-7 October 2026 off, Saturday 10 October worked).
ANNOUNCE = date(2026, 9, 25)
BEFORE_DEADLINE = "2026-09-28 09:00:00"
# Times are UTC; the bureau works in Asia/Shanghai (UTC+8).
DEADLINE = datetime(2026, 9, 30, 1, 0)  # 30 Sep 09:00 in Kunming
OPENING = datetime(2026, 9, 30, 2, 0)  # 30 Sep 10:00
AT_OPENING = "2026-09-30 02:30:00"


class SgzProcurementCase(SgzProjectCase):
    """Three eligible agencies with complete, verified quote files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Asia/Shanghai"))
        Partner = cls.env["res.partner"]
        cls.agency3 = Partner.create(
            {
                "name": "和悦社工中心",
                "is_company": True,
                "is_sgz_agency": True,
                "sgz_credit_code": CODE_C,
                "sgz_scope_social_work": True,
                "bank_ids": [(0, 0, {"acc_number": "2502300900001"})],
            }
        )
        cls.agency_user3 = new_test_user(
            cls.env, "sgz_agency3", groups="sgz_stations.group_agency_user"
        )
        cls.agency_user3.sgz_agency_id = cls.agency3
        Worker = cls.env["sgz.social.worker"]
        for agency, name in ((cls.agency2, "周敏"), (cls.agency3, "吴昊")):
            Worker.create(
                {
                    "name": name,
                    "employer_type": "agency",
                    "agency_id": agency.id,
                    "role": "professional",
                    "education": "bachelor",
                    "certificate_level": "assistant",
                    "birth_date": date(1990, 5, 1),
                    "region_id": cls.county.id,
                }
            )
        for user in (cls.officer, cls.manager, cls.auditor, cls.supervisor):
            user.tz = "Asia/Shanghai"
        cls.users = {
            cls.agency: cls.agency_user,
            cls.agency2: cls.agency_user2,
            cls.agency3: cls.agency_user3,
        }
        for agency in cls.users:
            cls._quote_file(agency)

    @classmethod
    def _quote_file(cls, agency, announce=ANNOUNCE, skip=()):
        """A complete, verified set of 附件 documents for ``agency``."""
        Doc = cls.env["sgz.qualification.document"]
        vals = []
        for doc_type in (
            "credit_code",
            "qualification",
            "no_violation",
            "other_conditions",
            "legal_rep",
            "integrity",
        ):
            if doc_type not in skip:
                vals.append(
                    {
                        "partner_id": agency.id,
                        "doc_type": doc_type,
                        "name": doc_type,
                        "issue_date": date(2025, 1, 10),
                    }
                )
        if "credit_query" not in skip:
            vals.append(
                {
                    "partner_id": agency.id,
                    "doc_type": "credit_query",
                    "name": "信用中国查询截图",
                    "issue_date": announce,
                }
            )
        for doc_type in ("tax_proof", "social_security_proof"):
            if doc_type in skip:
                continue
            for month in (6, 7, 8):
                vals.append(
                    {
                        "partner_id": agency.id,
                        "doc_type": doc_type,
                        "name": f"{doc_type} {month}",
                        "issue_date": date(2026, month, 15),
                        "period_month": date(2026, month, 1),
                    }
                )
        docs = Doc.create(vals)
        docs.with_user(cls.officer).action_verify()
        return docs

    @classmethod
    def _procurement(cls, method="inquiry", suppliers=None, **vals):
        suppliers = cls.users if suppliers is None else suppliers
        base = {
            "title": "华山街道社工站2027年度服务采购",
            "method": method,
            "project_ids": [(6, 0, cls.project.ids)],
            "station_ids": [(6, 0, cls.station.ids)],
            "budget_ceiling": 300000,
            "date_start": date(2027, 1, 1),
            "date_end": date(2027, 12, 31),
            "service_requirements": "驻站社工2名，开展个案、小组、社区活动",
            "staff_requirements": "至少1名持证社工",
            "evaluation_criteria": "服务人数不少于400人",
            "announce_date": ANNOUNCE,
            "quote_deadline": DEADLINE,
            "opening_time": OPENING,
            "invitation_ids": [(0, 0, {"supplier_id": s.id}) for s in suppliers],
            "panel_ids": [
                (0, 0, {"name": name, "title": "评审专家"})
                for name in ("张评审", "李评审", "陈评审")
            ],
        }
        if method == "consultation":
            base["price_weight"] = 20
            base["quote_deadline"] = datetime(2026, 10, 6, 1, 0)
            base["opening_time"] = datetime(2026, 10, 6, 2, 0)
        base.update(vals)
        return cls.env["sgz.procurement"].with_user(cls.officer).create(base)

    def _quote(self, procurement, agency, amount, submit=True, when=BEFORE_DEADLINE):
        user = self.users[agency]
        half = round(amount / 2, 2)
        with freeze_time(when):
            quote = (
                self.env["sgz.quote"]
                .with_user(user)
                .create(
                    {
                        "procurement_id": procurement.id,
                        "total_amount": amount,
                        "service_period": "2027年1月1日至2027年12月31日",
                        "service_plan": "按需求开展服务",
                        "line_ids": [
                            (0, 0, {"name": "社工服务人员补贴", "unit_price": half}),
                            (
                                0,
                                0,
                                {
                                    "name": "活动及管理费用",
                                    "unit_price": round(amount - half, 2),
                                },
                            ),
                        ],
                    }
                )
            )
            if submit:
                quote.action_submit()
        return quote

    def _pass_review(self, procurement):
        for quote in procurement.with_user(self.officer).quote_ids:
            quote.review_ids.filtered(lambda r: not r.auto_failed).write(
                {"passed": True}
            )
