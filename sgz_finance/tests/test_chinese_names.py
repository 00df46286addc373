"""Odoo names records by their model's description (chatter: "社工站 创建"): every
model of the addons has a Chinese name (issue 10)."""

import re

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

HAN = re.compile(r"[\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestChineseModelNames(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("sgz_stations", "sgz_procurement", "sgz_finance"))]
        )._update_translations(["zh_CN"])
        cls.env.invalidate_all()
        cls.zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_every_model_has_a_chinese_name(self):
        models = self.zh["ir.model"].search([("model", "=like", "sgz.%")])
        self.assertGreater(len(models), 30)
        for model in models:
            self.assertRegex(model.name, HAN, model.model)

    def test_chatter_names_the_record_in_chinese(self):
        name = self.zh["ir.model"]._get("sgz.holiday.year").name
        user = self.env["res.users"].create(
            {
                "name": "中文用户",
                "login": "sgz_zh_user",
                "lang": "zh_CN",
                "groups_id": [(6, 0, self.env.ref("sgz_stations.group_officer").ids)],
            }
        )
        # with the language in the context (the web client), and without it (data
        # loading, jobs, XML-RPC): the user's language
        for env in (self.zh, self.env(user=user, context={})):
            with self.subTest(lang=env.context.get("lang")):
                year = (
                    env["sgz.holiday.year"]
                    .sudo()
                    .create({"year": 2031 if env is self.zh else 2032})
                )
                body = year.message_ids[-1:].body or ""
                self.assertIn(name, body)
                self.assertNotIn("Holiday", body)
