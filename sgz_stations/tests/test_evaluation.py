from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestEvaluationTemplate(SgzProjectCase):
    def test_seed_table(self):
        template = self.env.ref("sgz_stations.evaluation_template_kunming")
        self.assertEqual(
            template.group_ids.mapped("max_score"), [15.0, 25.0, 25.0, 35.0]
        )
        self.assertEqual(template.max_total, 100.0)
        self.assertFalse(template._consistency_issues())
        self.assertEqual(len(template.item_ids), 18)
        reports = self.env.ref("sgz_stations.evaluation_item_daily_reports")
        self.assertEqual(
            (reports.max_score, reports.unit_points, reports.auto_source),
            (6.0, 0.5, "monthly_reports"),
        )
        publicity = self.env.ref("sgz_stations.evaluation_item_results_publicity")
        self.assertEqual(publicity.scoring, "bonus_per_unit")
        self.assertTrue(
            self.env.ref("sgz_stations.evaluation_group_finance").is_finance
        )

    def _own_template(self):
        # the seeded table may already score demo evaluations: work on a copy
        return self.env.ref("sgz_stations.evaluation_template_kunming").copy(
            {"name": "测试模板"}
        )

    def test_copy_keeps_groups_and_items(self):
        template = self._own_template()
        self.assertEqual(len(template.group_ids), 4)
        self.assertEqual(len(template.item_ids), 18)
        self.assertEqual(template.max_total, 100.0)
        self.assertFalse(template._consistency_issues())

    def test_used_template_is_frozen_and_versioned(self):
        template = self._own_template()
        template.item_ids[0].max_score = 3  # unused: editable (group now inconsistent)
        self.assertTrue(template._consistency_issues())
        template.item_ids[0].max_score = 2
        self.project.with_user(self.officer).action_start()
        self.project.with_user(self.officer).action_to_midterm()
        self.env["sgz.evaluation"].create(
            {"project_id": self.project.id, "template_id": template.id}
        )
        template.invalidate_recordset(["in_use"])
        self.assertTrue(template.in_use)
        with self.assertRefused(UserError, "new version|新版本"):
            template.item_ids[0].max_score = 3
        with self.assertRefused(UserError, "new version|新版本"):
            template.group_ids[0].name = "改"
        action = template.with_user(self.officer).action_new_version()
        new = self.env["sgz.evaluation.template"].browse(action["res_id"])
        self.assertEqual((new.name, new.version), ("测试模板", 2))
        self.assertFalse(template.active)
        self.assertEqual(len(new.item_ids), 18)
        self.assertFalse(new._consistency_issues())
        new.item_ids[0].basis = "新口径"
        self.assertNotEqual(template.item_ids[0].basis, "新口径")

    def test_inconsistent_template_cannot_score(self):
        template = self._own_template()
        template.item_ids[0].max_score = 1.5
        self.project.with_user(self.officer).action_start()
        self.project.with_user(self.officer).action_to_midterm()
        with self.assertRefused(UserError, "items add up|合计"):
            self.env["sgz.evaluation"].create(
                {"project_id": self.project.id, "template_id": template.id}
            )


@tagged("post_install", "-at_install")
class TestEvaluation(SgzProjectCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.with_user(cls.officer).action_start()
        cls.template = cls.env.ref("sgz_stations.evaluation_template_kunming")

    def _midterm(self, **vals):
        if self.project.state == "running":
            self.project.with_user(self.supervisor).action_to_midterm()
        vals = dict(
            {"project_id": self.project.id, "date": date(2026, 7, 1)},
            **vals,
        )
        return self.env["sgz.evaluation"].with_user(self.supervisor).create(vals)

    def _line(self, evaluation, xmlid):
        item = self.env.ref(f"sgz_stations.{xmlid}")
        return evaluation.line_ids.filtered(lambda line: line.item_id == item)

    def test_automatic_deductions(self):
        reports = {r.month.month: r for r in self.project.monthly_report_ids}
        with freeze_time("2026-02-05"):
            reports[1].with_user(self.agency_user).action_submit()
        with freeze_time("2026-03-15"):
            reports[2].with_user(self.agency_user).action_submit()
        self.env["sgz.training.record"].create(
            [
                {
                    "worker_id": self.worker.id,
                    "name": "市级社工培训",
                    "date": date(2026, 3, 1),
                },
                {
                    "worker_id": self.worker2.id,
                    "name": "市级社工培训",
                    "date": date(2026, 3, 1),
                },
                {
                    "worker_id": self.worker2.id,
                    "name": "督导会议",
                    "date": date(2026, 5, 9),
                },
                {
                    "worker_id": self.worker.id,
                    "name": "往年培训",
                    "date": date(2025, 5, 9),
                },
            ]
        )
        evaluation = self._midterm(required_trainings=5)
        # late Feb + missing Mar, Apr, May = 4 x 0.5
        self.assertEqual(
            self._line(evaluation, "evaluation_item_daily_reports").count, 4
        )
        self.assertEqual(
            self._line(evaluation, "evaluation_item_daily_reports").score, 4.0
        )
        # 5 held, 2 attended -> 3 missed x 0.4
        training = self._line(evaluation, "evaluation_item_daily_training")
        self.assertEqual(training.count, 3)
        self.assertAlmostEqual(training.score, 0.8)
        self.assertAlmostEqual(evaluation.total_score, 100 - 2 - 1.2 - 6)
        self.assertEqual(evaluation.grade, "excellent")
        # "直至扣完": never below zero
        evaluation.required_trainings = 20
        self.assertEqual(training.score, 0.0)
        # automatic counts are not typed in
        with self.assertRefused(UserError, "cannot be edited|不能修改"):
            training.count = 0

    def test_grades_and_bounds(self):
        evaluation = self._midterm()
        # no brief submitted: Jan-May missing (-2.5); no media report yet (0 of 6)
        self.assertAlmostEqual(evaluation.total_score, 91.5)
        publicity = self._line(evaluation, "evaluation_item_results_publicity")
        publicity.count = 5  # 2 points each, at most 6
        self.assertEqual(publicity.score, 6.0)
        finance = evaluation.line_ids.filtered(lambda line: line.group_id.is_finance)
        finance.write({"manual_score": 0})
        self.assertAlmostEqual(evaluation.total_score, 72.5)
        self.assertEqual(evaluation.grade, "good")
        goals = self._line(evaluation, "evaluation_item_results_goals")
        goals.manual_score = 0
        self.assertAlmostEqual(evaluation.total_score, 62.5)
        self.assertEqual(evaluation.grade, "pass")
        goals.manual_score = 7.1  # 69.6 has not reached 70
        self.assertAlmostEqual(evaluation.total_score, 69.6)
        self.assertEqual(evaluation.grade, "pass")
        goals.manual_score = 0
        self.env["sgz.evaluation.complaint"].create(
            {"evaluation_id": evaluation.id, "description": "投诉属实", "points": 5}
        )
        self.assertAlmostEqual(evaluation.total_score, 57.5)
        self.assertEqual(evaluation.grade, "fail")
        self.assertFalse(evaluation.passed)
        with self.assertRefused(ValidationError, "outside|超出"):
            goals.with_user(self.supervisor).manual_score = 10.5
        with self.assertRefused(ValidationError, "outside|超出"):
            goals.with_user(self.supervisor).manual_score = -1
        with self.assertRefused(ValidationError, "per verified complaint|每起"):
            self.env["sgz.evaluation.complaint"].create(
                {"evaluation_id": evaluation.id, "description": "x", "points": 11}
            )
        with self.assertRefused(ValidationError, "negative|负"):
            publicity.count = -1
        self.assertEqual(goals.manual_score, 0)

    def test_veto_and_misuse(self):
        evaluation = self._midterm()
        evaluation.funds_misused = True
        self.assertAlmostEqual(evaluation.total_score, 91.5 - 25.0)
        with self.assertRefused(UserError, "facts|事实"):
            evaluation.with_user(self.supervisor).action_submit()
        evaluation.funds_misuse_note = "挪用项目资金购置设备"
        evaluation.veto = True
        self.assertEqual((evaluation.total_score, evaluation.grade), (0.0, "fail"))

    def test_confirmed_fail_bars_agency_and_needs_rectification(self):
        evaluation = self._midterm(veto=True, veto_reason="提供不实服务记录")
        with self.assertRefused(UserError, "submitted|提交"):
            evaluation.with_user(self.officer).action_confirm()
        evaluation.with_user(self.supervisor).action_submit()
        with self.assertRefused(UserError, "not allowed|无权"):
            evaluation.with_user(self.supervisor).action_confirm()
        with self.assertRefused(UserError, "not allowed|无权"):
            evaluation.with_user(self.agency_user).action_confirm()
        evaluation.with_user(self.officer).action_confirm()
        self.assertEqual(evaluation.state, "confirmed")
        self.assertEqual(evaluation.confirmed_by, self.officer)
        # L171: barred two years, last grade fail, rectification required
        self.assertEqual(self.agency.sgz_barred_until, date(2028, 7, 1))
        self.assertEqual(self.agency.sgz_last_grade, "fail")
        self.assertTrue(self.project.needs_rectification)
        self.assertFalse(self.project._sgz_evaluation_passed("midterm"))
        with self.assertRefused(UserError, "rectification|整改"):
            self.project.with_user(self.officer).action_to_final()
        # locked
        with self.assertRefused(UserError, "locked|锁定"):
            evaluation.with_user(self.officer).conclusion = "改"
        with self.assertRefused(UserError, "locked|锁定"):
            evaluation.line_ids[0].manual_score = 1
        with self.assertRefused(UserError, "locked|锁定"):
            self.env["sgz.evaluation.complaint"].create(
                {"evaluation_id": evaluation.id, "description": "x", "points": 5}
            )
        with self.assertRefused(UserError, "locked|锁定"):
            evaluation.sudo().unlink()  # locked for everyone, not only by the ACLs
        # a re-evaluation after rectification passes and opens the next stage
        self.project.with_user(self.agency_user).write(
            {
                "rectification_plan": "补充服务记录，重新培训",
                "rectification_deadline": date(2026, 8, 1),
            }
        )
        again = self._midterm(date=date(2026, 8, 15))
        again.with_user(self.supervisor).action_submit()
        again.with_user(self.officer).action_confirm()
        self.assertTrue(self.project._sgz_evaluation_passed("midterm"))
        self.assertFalse(self.project.needs_rectification)
        with self.assertRefused(UserError, "already passed|已通过"):
            self._midterm()
        self.project.with_user(self.officer).action_to_final()
        self.assertEqual(self.project.state, "final")

    def test_evaluation_needs_the_stage(self):
        with self.assertRefused(UserError, "stage|阶段"):
            self.env["sgz.evaluation"].create(
                {"project_id": self.project.id, "eval_type": "final"}
            )
        annual = self.env["sgz.evaluation"].create(
            {"project_id": self.project.id, "eval_type": "annual"}
        )
        self.assertEqual(annual.template_id, self.template)

    def test_access(self):
        evaluation = self._midterm()
        self.assertTrue(evaluation.with_user(self.agency_user).read(["total_score"]))
        with self.assertRaises(AccessError):
            evaluation.with_user(self.agency_user).write({"conclusion": "好"})
        with self.assertRaises(AccessError):
            self.env["sgz.evaluation"].with_user(self.agency_user).create(
                {"project_id": self.project.id, "eval_type": "annual"}
            )
        with self.assertRaises(AccessError):
            evaluation.with_user(self.agency_user2).read(["total_score"])
        with self.assertRaises(AccessError):
            evaluation.line_ids[0].with_user(self.auditor).write({"manual_score": 0})

    def test_bar_only_extends(self):
        self.agency.write(
            {"sgz_barred_until": date(2030, 1, 1), "sgz_barred_reason": "既往处罚"}
        )
        evaluation = self._midterm(veto=True, veto_reason="不实数据")
        evaluation.with_user(self.supervisor).action_submit()
        evaluation.with_user(self.officer).action_confirm()
        self.assertEqual(self.agency.sgz_barred_until, date(2030, 1, 1))
        self.assertEqual(evaluation.date + relativedelta(years=2), date(2028, 7, 1))
