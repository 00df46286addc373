from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import SgzStationsCase


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
