from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestProjectLifecycle(SgzProjectCase):
    """One project from draft to closure, each step by the role that owns it."""

    def test_whole_life(self):
        Project = self.env["sgz.project"]
        # the agency drafts its project; the bureau starts it
        vals = self._project_vals(name="拓展服务项目")
        project = Project.with_user(self.agency_user).create(vals)
        self.assertEqual(project.agency_id, self.agency)
        project.with_user(self.officer).action_start()
        reports = {r.month.month: r for r in project.monthly_report_ids}

        # activities and briefs, one late
        for month in range(1, 7):
            self._activity(
                project=project,
                user=self.agency_user,
                date=date(2026, month, 15),
                beneficiaries=30,
                attendances=45,
            )
        for month in range(1, 6):
            day = f"2026-{month + 1:02d}-08" if month != 4 else "2026-05-20"
            with freeze_time(day):
                reports[month].with_user(self.agency_user).action_submit()
        self.assertEqual(
            [reports[m].is_late for m in range(1, 6)], [False] * 3 + [True, False]
        )
        reports[1].with_user(self.supervisor).action_review(opinion="已审阅")

        # mid-term evaluation with its automatic deduction
        project.with_user(self.supervisor).action_to_midterm()
        Evaluation = self.env["sgz.evaluation"].with_user(self.supervisor)
        midterm = Evaluation.create(
            {"project_id": project.id, "date": date(2026, 7, 1)}
        )
        reports_line = midterm.line_ids.filtered(
            lambda line: line.auto_source == "monthly_reports"
        )
        self.assertEqual(reports_line.count, 1)  # April was late
        self.assertEqual(project.completion_mid, 90.0)  # 180 / 200 (L3796)
        midterm.action_submit()
        midterm.with_user(self.officer).action_confirm()
        self.assertTrue(project._sgz_evaluation_passed("midterm"))
        self.assertEqual(self.agency.sgz_last_grade, midterm.grade)

        # a change request approved, another rejected
        ChangeRequest = self.env["sgz.change.request"].with_user(self.agency_user)
        line = {
            "section": "beneficiaries",
            "original_text": "受益400人",
            "new_text": "受益500人",
            "reason": "需求增加",
        }
        approved = ChangeRequest.create(
            {
                "project_id": project.id,
                "new_target_beneficiaries": 500,
                "line_ids": [(0, 0, line)],
            }
        )
        rejected = ChangeRequest.create(
            {
                "project_id": project.id,
                "new_date_end": date(2027, 6, 30),
                "line_ids": [(0, 0, dict(line, section="period"))],
            }
        )
        (approved | rejected).action_submit()
        for request in approved | rejected:
            request.with_user(self.supervisor).action_supervisor_approve(opinion="可行")
        approved.with_user(self.manager).action_bureau_approve(opinion="同意")
        rejected.with_user(self.manager).action_bureau_reject(opinion="不同意延期")
        self.assertEqual(project.target_beneficiaries, 500)
        self.assertEqual(project.date_end, date(2026, 12, 31))

        # mid-term report, final evaluation, closure
        report = (
            self.env["sgz.project.report"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": project.id,
                    "report_type": "midterm",
                    "implementation": "按计划开展探访",
                    "results": "覆盖180人",
                    "difficulties": "山区交通不便",
                    "next_steps": "增加小组活动",
                }
            )
        )
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        project.with_user(self.supervisor).action_to_final()
        final = Evaluation.create(
            {"project_id": project.id, "eval_type": "final", "date": date(2026, 12, 20)}
        )
        final.action_submit()
        final.with_user(self.officer).action_confirm()
        project.with_user(self.officer).action_close()
        self.assertEqual(project.state, "closed")
        self.assertEqual(
            project.evaluation_ids.mapped("state"), ["confirmed", "confirmed"]
        )
