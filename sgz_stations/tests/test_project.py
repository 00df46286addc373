from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestProject(SgzProjectCase):
    def test_number_and_draft_terms(self):
        self.assertRegex(self.project.code, r"^SGZ-XM-\d{4}-\d{4}$")
        self.assertEqual(self.project.state, "draft")
        self.assertEqual(self.project.funding_total, self.project.amount)
        # terms are free while the project is a draft
        self.project.target_beneficiaries = 420
        self.assertEqual(self.project.target_beneficiaries, 420)

    def test_start_generates_monthly_briefs(self):
        self.project.with_user(self.officer).action_start()
        self.assertEqual(self.project.state, "running")
        reports = self.project.monthly_report_ids.sorted("month")
        self.assertEqual(len(reports), 12)
        self.assertEqual(reports[0].month, date(2026, 1, 1))
        self.assertEqual(reports[0].due_date, date(2026, 2, 10))
        self.assertEqual(reports[-1].due_date, date(2027, 1, 10))

    def test_due_day_past_month_end_falls_on_last_day(self):
        self.project.report_due_day = 31
        self.project.with_user(self.officer).action_start()
        jan = self.project.monthly_report_ids.filtered(
            lambda r: r.month == date(2026, 1, 1)
        )
        self.assertEqual(jan.due_date, date(2026, 2, 28))

    def test_start_refused_when_funding_does_not_add_up(self):
        self.project.funding_ids[0].amount = 199999.99
        with self.assertRefused(UserError, "来源|funding sources add up"):
            self.project.with_user(self.officer).action_start()
        self.assertEqual(self.project.state, "draft")

    def test_start_refused_without_certified_member_or_stations(self):
        project = self.env["sgz.project"].create(
            self._project_vals(
                station_ids=[(5, 0, 0)],
                member_ids=[(0, 0, {"worker_id": self.worker2.id})],
            )
        )
        with self.assertRefused(UserError, "certificate|证书") as cm:
            project.with_user(self.officer).action_start()
        self.assertRegex(str(cm.exception), "station|社工站")
        self.assertEqual(project.state, "draft")

    def test_start_refused_for_barred_agency(self):
        self.agency.write(
            {"sgz_barred_until": date(2027, 1, 1), "sgz_barred_reason": "不合格"}
        )
        with self.assertRefused(UserError, "barred|禁止"):
            self.project.with_user(self.officer).action_start()

    def test_agency_drafts_only_its_own_projects(self):
        Project = self.env["sgz.project"]
        own = Project.with_user(self.agency_user).create(
            self._project_vals(name="自拟项目")
        )
        self.assertEqual(own.agency_id, self.agency)
        with self.assertRaises(AccessError):
            Project.with_user(self.agency_user).create(
                self._project_vals(
                    agency_id=self.agency2.id, member_ids=[], name="他人项目"
                )
            )
        with self.assertRaises(AccessError):
            self.project.with_user(self.agency_user2).read(["name"])

    def test_agency_cannot_start_its_own_project(self):
        with self.assertRefused(UserError, "not allowed|无权"):
            self.project.with_user(self.agency_user).action_start()
        self.assertEqual(self.project.state, "draft")

    def test_running_terms_change_only_by_change_request(self):
        self.project.with_user(self.officer).action_start()
        with self.assertRefused(UserError, "change request|变更申请"):
            self.project.with_user(self.officer).date_end = date(2027, 3, 31)
        with self.assertRefused(UserError, "change request|变更申请"):
            self.project.funding_ids[0].with_user(self.officer).amount = 1
        with self.assertRefused(UserError, "change request|变更申请"):
            self.project.member_ids[0].with_user(self.officer).unlink()
        with self.assertRefused(UserError, "change request|变更申请"):
            self.project.target_ids.with_user(self.officer).sessions = 1
        self.assertEqual(self.project.date_end, date(2026, 12, 31))
        # not terms: the project lead may change
        self.project.with_user(self.officer).user_id = self.agency_user
        self.assertEqual(self.project.user_id, self.agency_user)

    def test_bad_terms_refused(self):
        with self.assertRefused(ValidationError, "end date|结束"):
            self.env["sgz.project"].create(
                self._project_vals(date_end=date(2025, 12, 31), date_midterm=None)
            )
        with self.assertRefused(ValidationError, "negative|负"):
            self.project.target_beneficiaries_mid = -1
        with self.assertRefused(ValidationError, "mid-term|中期"):
            self.project.target_beneficiaries_mid = 500
        with self.assertRefused(ValidationError, "greater than zero|大于零"):
            self.project.funding_ids[0].amount = -5
        with self.assertRefused(ValidationError, "1-31"):
            self.project.report_due_day = 32
        with self.assertRefused(ValidationError, "works for|机构"):
            self.env["sgz.project"].create(
                self._project_vals(
                    agency_id=self.agency2.id,
                    member_ids=[(0, 0, {"worker_id": self.worker.id})],
                )
            )

    def test_default_midterm_cut_off_is_mid_period(self):
        vals = self._project_vals()
        del vals["date_midterm"]
        project = self.env["sgz.project"].create(vals)
        self.assertEqual(project.date_midterm, date(2026, 7, 2))

    def test_close_needs_final_evaluation(self):
        self.project.with_user(self.officer).action_start()
        with self.assertRefused(UserError, "this step needs|需要"):
            self.project.with_user(self.officer).action_close()
        self.project.with_user(self.supervisor).action_to_midterm()
        with self.assertRefused(UserError, "mid-term evaluation|中期评估"):
            self.project.with_user(self.supervisor).action_to_final()
        self.assertEqual(self.project.state, "midterm")

    def test_terminate_by_manager_only_with_reason(self):
        self.project.with_user(self.officer).action_start()
        with self.assertRefused(UserError, "not allowed|无权"):
            self.project.with_user(self.officer)._terminate("违约")
        wizard = (
            self.env["sgz.project.terminate"]
            .with_user(self.manager)
            .create({"project_id": self.project.id, "reason": "承接机构严重违约"})
        )
        with freeze_time("2026-06-15"):
            wizard.action_confirm()
        self.assertEqual(self.project.state, "terminated")
        # briefs of months not begun are dropped; January to June stay due
        self.assertEqual(
            self.project.monthly_report_ids.mapped("month"),
            [date(2026, m, 1) for m in range(6, 0, -1)],
        )
        with freeze_time("2026-12-01"):
            self.env["sgz.monthly.report"]._cron_remind_overdue()
        # a terminated project's missing briefs count, but nobody is chased for them
        self.assertFalse(self.project.monthly_report_ids.activity_ids)
        self.assertEqual(self.project.termination_reason, "承接机构严重违约")
        with self.assertRefused(UserError, "Terminated|终止"):
            self._activity()

    def test_started_project_cannot_be_deleted(self):
        self.project.with_user(self.officer).action_start()
        with self.assertRefused(UserError, "deleted|删除"):
            self.project.unlink()


@tagged("post_install", "-at_install")
class TestActivity(SgzProjectCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.with_user(cls.officer).action_start()

    def test_progress_and_target_actuals(self):
        self._activity(beneficiaries=120, attendances=150)
        self._activity(date=date(2026, 8, 3), beneficiaries=100, attendances=100)
        self._activity(
            activity_type="group",
            domain_id=self.domain2.id,
            item_id=False,
            beneficiaries=8,
            attendances=48,
        )
        project = self.project
        self.assertEqual(project.activity_count, 3)
        self.assertEqual(project.actual_beneficiaries, 228)
        self.assertEqual(project.actual_attendances, 298)
        # L3796: actual by mid-term (128) / expected by mid-term (200)
        self.assertEqual(project.actual_beneficiaries_mid, 128)
        self.assertAlmostEqual(project.completion_mid, 64.0)
        self.assertAlmostEqual(project.completion_total, 57.0)
        target = project.target_ids
        self.assertEqual(
            (
                target.actual_sessions,
                target.actual_beneficiaries,
                target.actual_attendances,
            ),
            (2, 220, 250),
        )

    def test_agency_user_records_activities(self):
        activity = self._activity().with_user(self.agency_user)
        activity.summary = "探访12户"
        self.assertEqual(activity.agency_id, self.agency)
        created = (
            self.env["sgz.activity"]
            .with_user(self.agency_user)
            .create(
                {
                    "name": "个案跟进",
                    "activity_type": "case",
                    "case_code": "HS-2026-001",
                    "date": date(2026, 3, 2),
                    "project_id": self.project.id,
                    "station_id": self.station.id,
                    "domain_id": self.domain.id,
                    "beneficiaries": 1,
                    "attendances": 1,
                    "worker_ids": [(6, 0, self.worker.ids)],
                }
            )
        )
        self.assertEqual(created.case_code, "HS-2026-001")

    def test_bad_activities_refused(self):
        before = self.env["sgz.activity"].search_count([])
        agency = self.agency_user
        with self.assertRefused(ValidationError, "outside|之外"):
            self._activity(user=agency, date=date(2027, 1, 1))
        with self.assertRefused(ValidationError, "negative|负"):
            self._activity(user=agency, beneficiaries=-1, attendances=0)
        with self.assertRaises(AccessError):
            self._activity(user=self.agency_user2)
        with self.assertRefused(ValidationError, "fewer|少于"):
            self._activity(beneficiaries=10, attendances=9)
        with self.assertRefused(ValidationError, "not served|未"):
            self._activity(station_id=self.station2.id)
        with self.assertRefused(ValidationError, "belongs to|属于"):
            self._activity(domain_id=self.domain2.id)
        with self.assertRefused(ValidationError, "not on the team|团队"):
            self._activity(worker_ids=[(6, 0, self.worker3.ids)])
        with self.assertRefused(ValidationError, "anonymous case code|匿名"):
            self._activity(activity_type="case", case_code=False)
        for identity in ("53010219900101123X", "13888888888"):
            with self.assertRefused(ValidationError, "ID-card|身份证"):
                self._activity(activity_type="case", case_code=f"案主{identity}")
        self.assertEqual(self.env["sgz.activity"].search_count([]), before)

    def test_reported_month_is_frozen(self):
        activity = self._activity(date=date(2026, 1, 20))
        jan = self.project.monthly_report_ids.filtered(
            lambda r: r.month == date(2026, 1, 1)
        )
        with freeze_time("2026-02-05"):
            jan.with_user(self.agency_user).action_submit()
        with self.assertRefused(UserError, "submitted|已提交"):
            activity.beneficiaries = 99
        with self.assertRefused(UserError, "submitted|已提交"):
            self._activity(date=date(2026, 1, 21))
        # moving an activity into a reported month is refused as well
        other = self._activity(date=date(2026, 2, 3))
        with self.assertRefused(UserError, "submitted|已提交"):
            other.date = date(2026, 1, 22)

    def test_other_agency_cannot_see_or_write(self):
        activity = self._activity()
        self.assertFalse(
            self.env["sgz.activity"]
            .with_user(self.agency_user2)
            .search([("id", "=", activity.id)])
        )
        self.assertFalse(
            self.env["sgz.project"]
            .with_user(self.agency_user2)
            .search([("id", "=", self.project.id)])
        )
        with self.assertRaises(AccessError):
            activity.with_user(self.agency_user2).read(["name"])
        with self.assertRaises(AccessError):
            activity.with_user(self.agency_user2).write({"name": "x"})
        # supervisors and auditors read, they do not record
        self.assertTrue(activity.with_user(self.auditor).read(["name"]))
        with self.assertRaises(AccessError):
            activity.with_user(self.auditor).write({"name": "x"})
        with self.assertRaises(AccessError):
            activity.with_user(self.supervisor).write({"name": "x"})


@tagged("post_install", "-at_install")
class TestMonthlyReport(SgzProjectCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.with_user(cls.officer).action_start()
        cls.reports = {r.month.month: r for r in cls.project.monthly_report_ids}

    def test_prefill_submit_review(self):
        self._activity(date=date(2026, 3, 3), beneficiaries=5, attendances=5)
        self._activity(date=date(2026, 3, 20), beneficiaries=6, attendances=9)
        self._activity(date=date(2026, 4, 1))
        march = self.reports[3].with_user(self.agency_user)
        march.action_prefill()
        self.assertEqual(len(march.line_ids), 1)
        line = march.line_ids
        self.assertEqual(
            (line.sessions, line.beneficiaries, line.attendances), (2, 11, 14)
        )
        self.assertIn("高龄老人入户探访", march.work_summary)
        with freeze_time("2026-04-08"):
            march.action_submit()
        self.assertEqual(march.state, "submitted")
        self.assertFalse(march.is_late)
        with self.assertRefused(UserError, "submitted|已提交"):
            march.work_summary = "改写"
        with self.assertRefused(UserError, "not allowed|无权"):
            march.action_review()
        self.reports[3].with_user(self.supervisor).action_review(opinion="内容完整")
        self.assertEqual(march.state, "reviewed")
        self.assertEqual(march.reviewed_by, self.supervisor)
        with self.assertRefused(UserError, "reviewed|审阅"):
            self.reports[3].with_user(self.supervisor).action_review()

    def test_late_and_missing_counted(self):
        with freeze_time("2026-02-05"):
            self.reports[1].with_user(self.agency_user).action_submit()
        with freeze_time("2026-03-15"):
            self.reports[2].with_user(self.agency_user).action_submit()
        self.assertFalse(self.reports[1].is_late)
        self.assertTrue(self.reports[2].is_late)
        with freeze_time("2026-07-01"):
            # Feb late; Mar, Apr, May missing (June is due on 10 July)
            self.assertEqual(self.project.late_report_count, 4)
            self.assertTrue(self.reports[3].is_overdue)
            self.assertFalse(self.reports[6].is_overdue)
            overdue = self.env["sgz.monthly.report"].search(
                [("project_id", "=", self.project.id), ("is_overdue", "=", True)]
            )
            self.assertEqual(len(overdue), 3)

    def test_future_month_cannot_be_submitted(self):
        with freeze_time("2026-02-05"), self.assertRefused(UserError, "not begun|尚未"):
            self.reports[3].with_user(self.agency_user).action_submit()

    def test_overdue_reminder_once(self):
        self.project.user_id = self.agency_user
        briefs = self.project.monthly_report_ids
        with freeze_time("2026-03-11"):
            Report = self.env["sgz.monthly.report"]
            Report._cron_remind_overdue()
            # January and February are overdue (due 10 Feb and 10 Mar)
            self.assertEqual(
                briefs.filtered("activity_ids"), self.reports[1] | self.reports[2]
            )
            Report._cron_remind_overdue()
        self.assertEqual(len(briefs.activity_ids), 2)  # once each
        activities = self.reports[1].activity_ids
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.agency_user)
        with freeze_time("2026-03-12"):
            self.reports[1].with_user(self.agency_user).action_submit()
        # the reminder is done; the brief now waits for its review
        overdue = self.env.ref("sgz_stations.activity_brief_overdue")
        self.assertFalse(
            self.reports[1].activity_ids.filtered(
                lambda a: a.activity_type_id == overdue
            )
        )
        self.assertTrue(self.reports[1].is_late)

    def test_agency_cannot_create_or_delete_briefs(self):
        with self.assertRaises(AccessError):
            self.reports[1].with_user(self.agency_user).unlink()
        with self.assertRaises(AccessError):
            self.env["sgz.monthly.report"].with_user(self.agency_user).create(
                {"project_id": self.project.id, "month": date(2027, 1, 1)}
            )
        self.assertFalse(
            self.env["sgz.monthly.report"]
            .with_user(self.agency_user2)
            .search([("project_id", "=", self.project.id)])
        )
