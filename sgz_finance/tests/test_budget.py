from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_stations.tests.common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestBudget(SgzProjectCase):
    """The project of the fixture is worth 300,000.01."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cat = {
            code: cls.env.ref(f"sgz_finance.budget_category_{code}")
            for code in (
                "sw_pay",
                "training",
                "meeting",
                "management",
                "contingency",
                "tax",
                "materials",
                "fixed_assets",
                "labour",
            )
        }
        cls.project.with_user(cls.officer).action_start()

    def _line(self, code, name, quantity, sessions, rate, **vals):
        return (
            0,
            0,
            dict(
                category_id=self.cat[code].id,
                name=name,
                quantity=quantity,
                sessions=sessions,
                rate=rate,
                **vals,
            ),
        )

    def _valid_lines(self):
        return [
            self._line(
                "sw_pay",
                "驻站社工补贴",
                2,
                250,
                200,
                rate_id=self.env.ref("sgz_finance.budget_rate_sw_full").id,
            ),
            self._line("training", "志愿者培训", 1, 10, 3000),
            self._line("meeting", "项目启动会、总结会", 1, 10, 2000),
            self._line("management", "项目管理", 1, 1, 30000),
            self._line("contingency", "不可预见费", 1, 1, 3000),
            self._line("tax", "税费", 1, 1, 12000),
            self._line("materials", "活动物资", 1, 1, 105000.01),
        ]

    def _budget(self, lines=None, user=None):
        Budget = self.env["sgz.budget"].with_user(user or self.agency_user)
        return Budget.create(
            {
                "project_id": self.project.id,
                "line_ids": self._valid_lines() if lines is None else lines,
            }
        )

    def test_valid_budget_approved_and_frozen(self):
        budget = self._budget()
        self.assertEqual(budget.total, 300000.01)
        self.assertEqual(budget.line_ids[0].amount, 100000)
        budget.action_submit()
        with self.assertRefused(UserError, "not allowed|无权"):
            budget.action_approve()
        budget.with_user(self.officer).action_approve()
        self.assertEqual(self.project.current_budget_id, budget)
        with self.assertRefused(UserError, "change request|变更申请"):
            budget.line_ids[0].with_user(self.officer).rate = 150
        with self.assertRefused(UserError, "change request|变更申请"):
            budget.line_ids[0].with_user(self.officer).unlink()
        with self.assertRefused(UserError, "change request|变更申请"):
            self.env["sgz.budget.line"].with_user(self.officer).create(
                {
                    "budget_id": budget.id,
                    "category_id": self.cat["training"].id,
                    "name": "追加",
                    "rate": 1,
                }
            )
        # a second budget cannot be approved beside the one in force
        with self.assertRefused(UserError, "change request|变更申请"):
            self._budget().action_submit()

    def test_two_submitted_budgets_cannot_both_be_approved(self):
        first, second = self._budget(), self._budget()
        (first | second).action_submit()
        first.with_user(self.officer).action_approve()
        with self.assertRefused(UserError, "change request|变更申请"):
            second.with_user(self.officer).action_approve()
        self.assertEqual(self.project.current_budget_id, first)
        self.assertEqual(second.state, "submitted")

    def test_total_must_equal_the_amount(self):
        lines = self._valid_lines()
        lines[-1][2]["rate"] = 105000.00
        budget = self._budget(lines)
        with self.assertRefused(ValidationError, "300,000.00.*300,000.01"):
            budget.action_submit()
        self.assertEqual(budget.state, "draft")

    def test_category_caps_exact(self):
        # management: 10 % of 300,000.01 is 30,000.001 -> 30,000.01 is over
        lines = self._valid_lines()
        lines[3][2]["rate"] = 30000.01
        lines[-1][2]["rate"] = 105000.00
        with self.assertRefused(ValidationError, "项目管理费用.*30,000.01.*10"):
            self._budget(lines).action_submit()
        # meetings over 7 %
        lines = self._valid_lines()
        lines[2][2]["rate"] = 2200
        lines[-1][2]["rate"] = 103000.01
        with self.assertRefused(ValidationError, "会议费.*22,000.00.*7"):
            self._budget(lines).action_submit()
        # other costs (contingency + taxes) over 5 % although each within its cap
        lines = self._valid_lines()
        lines[4][2]["rate"] = 3000
        lines[5][2]["rate"] = 12000.01
        lines[-1][2]["rate"] = 105000.00
        with self.assertRefused(ValidationError, "其他费用"):
            self._budget(lines).action_submit()

    def test_rate_cap_and_forbidden(self):
        lines = self._valid_lines()
        lines[0][2]["rate"] = 210
        lines[0][2]["quantity"] = 1
        lines[-1][2]["rate"] = 100000 + 105000.01 - 52500
        with self.assertRefused(ValidationError, "210.*200"):
            self._budget(lines).action_submit()
        lines = self._valid_lines()
        lines[-1][2]["rate"] = 100000.01
        lines.append(self._line("fixed_assets", "笔记本电脑", 1, 1, 5000))
        with self.assertRefused(ValidationError, "笔记本电脑.*L4233"):
            self._budget(lines).action_submit()

    def test_bad_lines_refused(self):
        with self.assertRefused(ValidationError, "positive|正"):
            self._budget([self._line("training", "培训", 0, 1, 100)])
        with self.assertRefused(ValidationError, "belongs to|属于"):
            self._budget(
                [
                    self._line(
                        "training",
                        "培训",
                        1,
                        1,
                        100,
                        rate_id=self.env.ref("sgz_finance.budget_rate_volunteer").id,
                    )
                ]
            )

    def test_budget_change_through_change_request(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.officer).action_approve()
        materials = budget.line_ids.filtered(lambda li: li.name == "活动物资")
        training = budget.line_ids.filtered(lambda li: li.name == "志愿者培训")
        Request = self.env["sgz.change.request"].with_user(self.agency_user)
        section = {
            "section": "budget",
            "original_text": "活动物资105,000.01元，培训30,000元",
            "new_text": "活动物资95,000.01元，培训40,000元",
            "reason": "增加志愿者培训场次",
        }
        request = Request.create(
            {
                "project_id": self.project.id,
                "line_ids": [(0, 0, section)],
                "budget_line_ids": [
                    (
                        0,
                        0,
                        {
                            "budget_line_id": materials.id,
                            "quantity": 1,
                            "sessions": 1,
                            "rate": 95000.01,
                            "reason": "物资集中采购节约",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "budget_line_id": training.id,
                            "quantity": 1,
                            "sessions": 10,
                            "rate": 4000,
                            "reason": "培训场次增加",
                        },
                    ),
                ],
            }
        )
        request.action_submit()
        request.with_user(self.supervisor).action_supervisor_approve(opinion="可行")
        request.with_user(self.manager).action_bureau_approve(opinion="同意")
        new = request.new_budget_id
        self.assertEqual(new.version, 2)
        self.assertEqual(new.state, "approved")
        self.assertEqual(budget.state, "superseded")
        self.assertEqual(self.project.current_budget_id, new)
        self.assertEqual(new.total, 300000.01)
        # 10,000 of 300,000.01 moved between lines
        self.assertAlmostEqual(new.moved_share, 3.33, places=2)
        self.assertEqual(
            new.line_ids.filtered(lambda li: li.name == "志愿者培训").amount, 40000
        )
        self.assertEqual(materials.amount, 105000.01)  # the old version is kept
        self.assertIn("v", request.applied_summary)

    def test_budget_change_that_breaks_a_rule_is_refused(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.officer).action_approve()
        meeting = budget.line_ids.filtered(lambda li: li.name == "项目启动会、总结会")
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
                                "section": "budget",
                                "original_text": "会议费20,000元",
                                "new_text": "会议费30,000元",
                                "reason": "增加会议",
                            },
                        )
                    ],
                    "budget_line_ids": [
                        (
                            0,
                            0,
                            {
                                "budget_line_id": meeting.id,
                                "quantity": 1,
                                "sessions": 10,
                                "rate": 3000,
                                "reason": "增加会议",
                            },
                        )
                    ],
                }
            )
        )
        with self.assertRefused(ValidationError, "310,000.01|会议费"):
            request.action_submit()
        self.assertEqual(request.state, "draft")
        self.assertEqual(len(self.project.budget_ids), 1)

    def test_other_agencies_do_not_see_budgets(self):
        budget = self._budget()
        with self.assertRaises(AccessError):
            budget.with_user(self.agency_user2).read(["total"])
        self.assertFalse(
            self.env["sgz.budget"].with_user(self.agency_user2).search([]) & budget
        )
        self.assertTrue(budget.with_user(self.auditor).read(["total"]))
        with self.assertRaises(AccessError):
            budget.with_user(self.auditor).write({"project_id": self.project.id})

    def test_new_line_in_a_change_request_keeps_the_rate_cap(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.officer).action_approve()
        materials = budget.line_ids.filtered(lambda li: li.name == "活动物资")
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
                                "section": "budget",
                                "original_text": "活动物资105,000.01元",
                                "new_text": "增设兼职社工补贴",
                                "reason": "增加人手",
                            },
                        )
                    ],
                    "budget_line_ids": [
                        (
                            0,
                            0,
                            {
                                "budget_line_id": materials.id,
                                "quantity": 1,
                                "sessions": 1,
                                "rate": 80000.01,
                                "reason": "调出",
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "category_id": self.cat["sw_pay"].id,
                                "name": "兼职社工补贴",
                                "quantity": 1,
                                "sessions": 100,
                                "rate": 250,
                                "rate_id": self.env.ref(
                                    "sgz_finance.budget_rate_sw_full"
                                ).id,
                                "reason": "增加人手",
                            },
                        ),
                    ],
                }
            )
        )
        with self.assertRefused(ValidationError, "250.*200"):
            request.action_submit()
