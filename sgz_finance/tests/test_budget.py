import re
from decimal import Decimal

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
        budget.with_user(self.manager).action_approve()
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
        first.with_user(self.manager).action_approve()
        with self.assertRefused(UserError, "change request|变更申请"):
            second.with_user(self.manager).action_approve()
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
        with self.assertRefused(ValidationError, "笔记本电脑"):
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

    def test_an_item_twice_under_one_category_is_refused(self):
        # a line is known in the books by its category and item: two would share
        # one spending
        with self.assertRefused(ValidationError, "twice"):
            self._budget(
                [
                    self._line("training", "志愿者培训", 1, 1, 100),
                    self._line("training", " 志愿者培训 ", 1, 2, 100),
                ]
            )
        budget = self._budget(
            [
                self._line("training", "志愿者培训", 1, 1, 100),
                self._line("meeting", "志愿者培训", 1, 1, 100),
            ]
        )
        with self.assertRefused(ValidationError, "twice"):
            budget.line_ids[1].write({"category_id": self.cat["training"].id})

    def test_budget_change_through_change_request(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.manager).action_approve()
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
        self.assertEqual(
            request.applied_summary.splitlines()[-1],
            "Budget version 2 approved (3.33 % of the total moved between lines).",
        )

    def test_budget_change_that_breaks_a_rule_is_refused(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.manager).action_approve()
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
        budget.with_user(self.manager).action_approve()
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

    # ------------------------------------------------------- exact money (Decimal)
    def _project_321567(self):
        project = self.env["sgz.project"].create(
            self._project_vals(
                name="华山街道社工站服务项目（321,567元）",
                amount=321567.00,
                funding_ids=[(0, 0, {"source": "provincial", "amount": 321567.00})],
            )
        )
        project.with_user(self.officer).action_start()
        return project

    def _management_lines(self, last):
        """Three management lines adding up to 10 % of 321,567.00 when ``last`` is
        2,646.90: 5,635.65 + 23,874.15 + 2,646.90 = 32,156.70 (in floats:
        32,156.700000000004)."""
        return [
            self._line("sw_pay", "驻站社工补贴", 2, 250, 200, rate_id=self.sw_full.id),
            self._line("training", "志愿者培训", 1, 10, 3000),
            self._line("meeting", "项目启动会、总结会", 1, 10, 2000),
            self._line("management", "管理人员工资", 1, 1, 5635.65),
            self._line("management", "办公费", 1, 1, 23874.15),
            self._line("management", "会计代账费", 1, 1, last),
            self._line("contingency", "不可预见费", 1, 1, 3000),
            self._line("tax", "税费", 1, 1, 12000),
            # 321,567.00 - 100,000 - 30,000 - 20,000 - 32,156.70 - 3,000 - 12,000
            self._line(
                "materials",
                "活动物资",
                1,
                1,
                float(Decimal("124410.30") - (Decimal(str(last)) - Decimal("2646.90"))),
            ),
        ]

    @property
    def sw_full(self):
        return self.env.ref("sgz_finance.budget_rate_sw_full")

    def test_management_exactly_at_ten_percent(self):
        project = self._project_321567()
        Budget = self.env["sgz.budget"].with_user(self.agency_user)
        budget = Budget.create(
            {"project_id": project.id, "line_ids": self._management_lines(2646.90)}
        )
        self.assertEqual(budget.total, 321567.00)
        self.assertFalse(budget._budget_issues())
        budget.action_submit()
        self.assertEqual(budget.state, "submitted")
        # one fen more is over the cap; the limit printed is the one the cap allows
        over = Budget.create(
            {"project_id": project.id, "line_ids": self._management_lines(2646.91)}
        )
        self.assertEqual(over.total, 321567.00)
        with self.assertRefused(
            ValidationError,
            r"项目管理费用: \S+\s?32,156.71 is 10.00 % of the total \S+\s?321,567.00, "
            r"above its cap of 10.0 % \(\S+\s?32,156.70\)",
        ):
            over.action_submit()
        self.assertEqual(over.state, "draft")

    def _with_rate_line(self, rate, amount, category=None):
        """The valid lines and one line of 1 person x 1 day at ``amount`` on
        ``rate``, the materials line giving way so that the total stays 300,000.01."""
        lines = self._valid_lines()
        code = category or (
            "sw_pay" if rate.category_id == self.cat["sw_pay"] else "labour"
        )
        lines.append(
            self._line(code, "按标准核定的人员补贴", 1, 1, amount, rate_id=rate.id)
        )
        lines[-2][2]["rate"] = float(Decimal("105000.01") - Decimal(str(amount)))
        return lines

    def test_every_rate_cap_at_its_boundary(self):
        caps = {
            "sw_full": "200",  # 社工补贴, at least 4 hours a day (L4197)
            "sw_half": "100",  # under 4 hours a day
            "expert_senior": "800",  # 专家咨询费 (L4213)
            "expert_mid": "500",
            "expert_other": "300",
            "temp_staff": "200",  # 临时聘用人员 (L4214)
            "volunteer": "100",  # 志愿者补贴 (L4215)
        }
        for code, cap in caps.items():
            rate = self.env.ref(f"sgz_finance.budget_rate_{code}")
            with self.subTest(rate=code):
                self.assertEqual(Decimal(str(rate.max_rate)), Decimal(cap))
                at_cap = self._budget(self._with_rate_line(rate, float(cap)))
                self.assertFalse(at_cap._budget_issues())
                at_cap.action_submit()
                self.assertEqual(at_cap.state, "submitted")
                over = float(Decimal(cap) + Decimal("0.01"))
                budget = self._budget(self._with_rate_line(rate, over))
                with self.assertRefused(
                    ValidationError,
                    rf"按标准核定的人员补贴: \S+\s?{over:,.2f} per person per day is "
                    rf"above the \S+\s?{float(cap):,.2f} allowed for {rate.name}",
                ):
                    budget.action_submit()
                self.assertEqual(budget.state, "draft")

    def test_rated_categories_need_their_rate_basis(self):
        # a social worker at 500 a day naming no rate is refused, not waved through
        lines = self._valid_lines()
        lines[0] = self._line("sw_pay", "驻站社工补贴", 1, 200, 500)
        budget = self._budget(lines)
        with self.assertRefused(
            ValidationError,
            r"驻站社工补贴: 专业社工服务人员补贴（含保险） is paid at the guide's "
            r"rates per person and day \(.*社工补贴（专业服务每天不少于4小时） at most "
            r"\S+\s?200.00.*\); the line must name its rate basis",
        ):
            budget.action_submit()
        # named, the rate is checked
        lines[0][2]["rate_id"] = self.sw_full.id
        with self.assertRefused(ValidationError, "驻站社工补贴: .*500.00 per person"):
            self._budget(lines).action_submit()
        # 劳务费 too (experts, temporary staff, volunteers)
        lines = self._valid_lines()
        lines[-1][2]["rate"] = float(Decimal("105000.01") - 3000)
        lines.append(self._line("labour", "督导咨询费", 1, 10, 300))
        with self.assertRefused(
            ValidationError,
            "督导咨询费: 劳务费 is paid at the guide's rates per person and day",
        ):
            self._budget(lines).action_submit()
        # the social workers' insurance counts in the category with no daily rate:
        # the line names that basis
        lines = self._valid_lines()
        lines[-1][2]["rate"] = float(Decimal("105000.01") - 19200)
        insurance = self.env.ref("sgz_finance.budget_rate_sw_insurance")
        lines.append(
            self._line("sw_pay", "驻站社工社会保险", 2, 12, 800, rate_id=insurance.id)
        )
        budget = self._budget(lines)
        budget.action_submit()
        self.assertEqual(budget.state, "submitted")

    def test_new_rated_line_in_a_change_request_needs_its_basis(self):
        budget = self._budget()
        budget.action_submit()
        budget.with_user(self.manager).action_approve()
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
                                "rate": 55000.01,
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
                                "rate": 500,
                                "reason": "增加人手",
                            },
                        ),
                    ],
                }
            )
        )
        self.assertEqual(request.budget_line_ids[1].new_amount, 50000)
        with self.assertRefused(
            ValidationError, "兼职社工补贴: .*the line must name its rate basis"
        ):
            request.action_submit()
        self.assertEqual(request.state, "draft")

    def test_amounts_are_kept_to_the_fen(self):
        pattern = (
            r"%s of %s: %s has more than two decimals; amounts are kept to the fen "
            r"\(分\)\."
        )
        # a budget line typed by the agency: refused, not rounded to 100.01
        for value in (100.005, 0.001):
            with self.assertRefused(
                ValidationError,
                pattern % ("Amount per Person and Session", "志愿者培训", value),
            ):
                self._budget([self._line("training", "志愿者培训", 1, 10, value)])
        budget = self._budget()
        line = budget.line_ids.filtered(lambda li: li.name == "志愿者培训")
        with self.assertRefused(
            ValidationError,
            pattern % ("Amount per Person and Session", "志愿者培训", "3000.001"),
        ):
            line.write({"rate": 3000.001})
        self.assertEqual(line.rate, 3000)
        line.write({"rate": 3000.1})  # one or two decimals are amounts to the fen
        self.assertEqual(line.amount, 30001)
        # a change request's budget line
        Request = self.env["sgz.change.request"].with_user(self.agency_user)
        with self.assertRefused(
            ValidationError,
            pattern % ("Amount per Person and Session", "志愿者培训", "4000.005"),
        ):
            Request.create(
                {
                    "project_id": self.project.id,
                    "budget_line_ids": [
                        (
                            0,
                            0,
                            {
                                "budget_line_id": line.id,
                                "rate": 4000.005,
                                "reason": "培训场次增加",
                            },
                        )
                    ],
                }
            )
        # a project's amount and its funding sources (officer)
        Project = self.env["sgz.project"].with_user(self.officer)
        with self.assertRefused(
            ValidationError,
            pattern % ("Project Amount", "新项目", "300000.005"),
        ):
            Project.create(
                self._project_vals(name="新项目", amount=300000.005, funding_ids=[])
            )
        with self.assertRefused(
            ValidationError,
            pattern
            % ("Amount", r"Funding sources of \[SGZ-XM-\d{4}-\d{4}\] 新项目", "0.001"),
        ):
            Project.create(
                self._project_vals(
                    name="新项目",
                    amount=300000,
                    funding_ids=[
                        (0, 0, {"source": "provincial", "amount": 299999.99}),
                        (0, 0, {"source": "own", "amount": 0.001}),
                    ],
                )
            )
        draft = Project.create(self._project_vals(name="新项目"))
        with self.assertRefused(
            ValidationError,
            pattern % ("Project Amount", re.escape(draft.display_name), "300000.015"),
        ):
            draft.write({"amount": 300000.015})
        self.assertEqual(draft.amount, 300000.01)
        # the rate caps the officer keeps
        with self.assertRefused(
            ValidationError,
            pattern % ("Maximum per Person per Day", ".*", "200.001"),
        ):
            self.sw_full.with_user(self.officer).write({"max_rate": 200.001})
        self.assertEqual(self.sw_full.max_rate, 200)
