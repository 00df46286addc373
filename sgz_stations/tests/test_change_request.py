from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_project import SgzProjectCase


@tagged("post_install", "-at_install")
class TestChangeRequest(SgzProjectCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project.with_user(cls.officer).action_start()

    def _request(self, user=None, **vals):
        base = {
            "project_id": self.project.id,
            "new_date_end": date(2027, 2, 28),
            "new_target_beneficiaries": 450,
            "add_worker_ids": [(6, 0, self.worker3.ids)],
            "remove_worker_ids": [(6, 0, self.worker2.ids)],
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "section": "period",
                        "original_text": "服务期至2026年12月31日",
                        "new_text": "服务期延长至2027年2月28日",
                        "reason": "春节前后探访需求集中",
                    },
                ),
                (
                    0,
                    0,
                    {
                        "section": "staff",
                        "original_text": "社工王芳",
                        "new_text": "社工赵磊",
                        "reason": "王芳离职",
                    },
                ),
            ],
        }
        base.update(vals)
        return (
            self.env["sgz.change.request"]
            .with_user(user or self.agency_user)
            .create(base)
        )

    def test_two_tier_approval_applies_changes(self):
        request = self._request()
        self.assertRegex(request.name, r"^SGZ-BG-\d{4}-\d{4}$")
        request.action_submit()
        # the bureau cannot decide before the supervisor
        with self.assertRefused(UserError, "supervisor reviews first|督导"):
            request.with_user(self.manager).action_bureau_approve()
        # the button asks for the opinion; an empty one is refused
        action = request.with_user(self.supervisor).action_supervisor_approve()
        self.assertEqual(action["res_model"], "sgz.decision.wizard")
        self.assertEqual(request.state, "submitted")
        with self.assertRefused(UserError, "Supervisor's Opinion|督导审核意见"):
            request.with_user(self.supervisor).action_supervisor_approve(opinion="  ")
        wizard = (
            self.env["sgz.decision.wizard"]
            .with_user(self.supervisor)
            .with_context(**action["context"])
            .create({"opinion": "变更可行"})
        )
        wizard.action_confirm()
        self.assertEqual(request.supervisor_opinion, "变更可行")
        self.assertEqual(request.supervisor_user_id, self.supervisor)
        # a supervisor cannot take the bureau's tier, nor approve twice
        with self.assertRefused(UserError, "not allowed|无权"):
            request.with_user(self.supervisor).action_bureau_approve()
        with self.assertRefused(UserError, "not waiting|不在"):
            request.with_user(self.supervisor).action_supervisor_approve()
        self.assertEqual(self.project.date_end, date(2026, 12, 31))  # nothing yet
        with freeze_time("2026-09-01"):
            request.with_user(self.manager).action_bureau_approve(opinion="同意")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.bureau_date, date(2026, 9, 1))
        project = self.project
        self.assertEqual(project.date_end, date(2027, 2, 28))
        self.assertEqual(project.target_beneficiaries, 450)
        self.assertEqual(project.member_ids.worker_id, self.worker | self.worker3)
        # the new months get their briefs; the history says what changed
        self.assertEqual(len(project.monthly_report_ids), 14)
        self.assertIn(request.name, project.message_ids[0].body)
        with self.assertRefused(UserError, "not waiting|不在"):
            request.with_user(self.manager).action_bureau_approve()
        with self.assertRefused(UserError, "no longer change|不能再"):
            request.with_user(self.agency_user).line_ids[0].reason = "改"

    def test_rejection_changes_nothing(self):
        request = self._request()
        request.action_submit()
        request.with_user(self.supervisor).action_supervisor_approve(opinion="同意")
        request.with_user(self.manager).action_bureau_reject(opinion="理由不充分")
        self.assertEqual(request.state, "rejected")
        self.assertEqual(self.project.date_end, date(2026, 12, 31))
        self.assertEqual(self.project.member_ids.worker_id, self.worker | self.worker2)
        with self.assertRefused(UserError, "not waiting|不在"):
            request.with_user(self.manager).action_bureau_approve()

    def test_supervisor_rejection_ends_it(self):
        request = self._request()
        request.action_submit()
        request.with_user(self.supervisor).action_supervisor_reject(opinion="不可行")
        self.assertEqual(request.state, "rejected")
        with self.assertRefused(UserError, "not waiting|不在"):
            request.with_user(self.manager).action_bureau_approve()

    def test_application_is_atomic(self):
        activity = self._activity(date=date(2026, 11, 20))
        request = self._request(new_date_end=date(2026, 10, 31))
        request.action_submit()
        request.with_user(self.supervisor).action_supervisor_approve(opinion="同意")
        with self.assertRefused(ValidationError, "outside|之外"):
            request.with_user(self.manager).action_bureau_approve(opinion="同意")
        self.assertEqual(request.state, "supervisor_approved")
        self.assertEqual(self.project.date_end, date(2026, 12, 31))
        self.assertEqual(self.project.member_ids.worker_id, self.worker | self.worker2)
        self.assertTrue(activity.exists())

    def test_bad_requests_refused(self):
        with self.assertRefused(UserError, "at least one|至少"):
            self._request(line_ids=[]).action_submit()
        with self.assertRefused(ValidationError, "before|早于"):
            self._request(new_date_end=date(2025, 6, 30))
        with self.assertRefused(ValidationError, "negative|负"):
            self._request(new_target_beneficiaries=-3)
        with self.assertRefused(UserError, "already on it|已在"):
            self._request(add_worker_ids=[(6, 0, self.worker.ids)]).action_submit()
        draft = self.env["sgz.project"].create(self._project_vals(name="草稿项目"))
        with self.assertRefused(UserError, "in progress|执行中"):
            self._request(project_id=draft.id)

    def test_access(self):
        request = self._request()
        with self.assertRaises(AccessError):
            request.with_user(self.agency_user2).read(["name"])
        with self.assertRaises(AccessError):
            self._request(user=self.agency_user2)
        with self.assertRaises(AccessError):
            self._request(user=self.auditor)
        self.assertTrue(request.with_user(self.auditor).read(["name"]))
        request.action_submit()
        # the applicant neither writes the supervisor's opinion nor approves
        with self.assertRefused(UserError, "no longer change|不能再"):
            request.with_user(self.agency_user).supervisor_opinion = "同意"
        with self.assertRefused(UserError, "not allowed|无权"):
            request.with_user(self.agency_user).action_supervisor_approve()
        with self.assertRefused(UserError, "no longer change|不能再"):
            request.with_user(self.agency_user).new_target_beneficiaries = 999
