from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import SgzStationsCase
from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestChinese(SgzStationsCase):
    """Users read Chinese: errors, labels and computed messages come out in zh_CN."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "sgz_stations")]
        )._update_translations(["zh_CN"])
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_error_message_in_chinese(self):
        with self.assertRefused(ValidationError, "办公用房面积"):
            self.station.with_env(self.zh).office_area = -5

    def test_compliance_in_chinese(self):
        station = self.station.with_env(self.zh)
        station.volunteer_count = 10
        self.assertIn("志愿者", station.compliance_issues)

    def test_labels_in_chinese(self):
        fields_zh = self.zh["sgz.station"].fields_get(["office_area", "level"])
        self.assertEqual(fields_zh["office_area"]["string"], "办公用房面积（m²）")
        levels = dict(fields_zh["level"]["selection"])
        self.assertEqual(levels["township"], "乡镇（街道）社工站")


@tagged("post_install", "-at_install")
class TestChineseProjects(SgzProjectCase):
    """The project workflow speaks Chinese to its users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "=", "sgz_stations")]
        )._update_translations(["zh_CN"])
        cls.agency_user.lang = "zh_CN"
        cls.manager.lang = "zh_CN"
        cls.project.with_user(cls.officer).action_start()

    def test_activity_error_in_chinese(self):
        with self.assertRefused(ValidationError, "项目服务期.*之外"):
            self._activity(user=self.agency_user, date=date(2027, 3, 1))

    def test_approval_order_error_in_chinese(self):
        request = (
            self.env["sgz.change.request"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": self.project.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "section": "plan",
                                "original_text": "每月2次",
                                "new_text": "每月3次",
                                "reason": "需求增加",
                            },
                        )
                    ],
                }
            )
        )
        request.action_submit()
        with self.assertRefused(UserError, "须先经督导审核"):
            request.with_user(self.manager).action_bureau_approve()

    def test_states_and_grades_in_chinese(self):
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        states = dict(zh["sgz.project"].fields_get(["state"])["state"]["selection"])
        self.assertEqual(states["running"], "执行中")
        grades = dict(zh["sgz.evaluation"].fields_get(["grade"])["grade"]["selection"])
        self.assertEqual(grades["fail"], "不合格")
        report = self.project.monthly_report_ids.sorted("month")[:1].with_env(zh)
        self.assertIn("月度工作简报", report.display_name)
        # the printed file is named in Chinese too
        action = zh.ref("sgz_stations.action_report_sgz_monthly_report")
        name = safe_eval(action.print_report_name, {"object": report})
        self.assertEqual(name, f"{self.project.code} 2026-01 月度工作简报")
