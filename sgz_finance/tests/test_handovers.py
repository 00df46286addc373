"""Each step that hands work to another role tells that role's users (issue 10).

One test a hand-over: the activity is scheduled for the users of the right role in
the record's company (and no one else), and the step that takes the work up closes
it, marked done in the name of who took it.
"""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.sgz_procurement.tests.common import AT_OPENING

from .common import DisbursementCase

MANAGER = "sgz_stations.group_manager"
OFFICER = "sgz_stations.group_officer"
SUPERVISOR = "sgz_stations.group_supervisor"


@tagged("post_install", "-at_install")
class TestHandovers(DisbursementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a user of the role in another company is not told
        cls.other_company = cls.env["res.company"].create({"name": "外县民政局"})
        cls.other_manager = new_test_user(
            cls.env,
            "sgz_manager_elsewhere",
            groups=MANAGER,
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )

    # ---------------------------------------------------------------- helpers
    def _activities(self, record, xmlid, done=False):
        atype = self.env.ref(xmlid)
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("activity_type_id", "=", atype.id),
                    ("active", "=", not done),
                ]
            )
        )

    def assertHandedTo(self, record, xmlid, role, includes, excludes=()):
        """Open activities of ``xmlid`` on ``record`` for users of ``role`` only."""
        users = self._activities(record, xmlid).user_id
        self.assertTrue(users, f"no {xmlid} on {record.display_name}")
        for user in includes:
            self.assertIn(user, users)
        for user in excludes:
            self.assertNotIn(user, users)
        for user in users:
            self.assertTrue(user.has_group(role), user.login)
            self.assertIn(record.company_id, user.company_ids)
        self.assertNotIn(self.other_manager, users)
        return users

    def assertClosedBy(self, record, xmlid, user):
        self.assertFalse(self._activities(record, xmlid), f"{xmlid} still open")
        done = self._activities(record, xmlid, done=True)
        self.assertEqual(len(done), 1, "one activity marked done, the copies removed")
        self.assertEqual(done.user_id, user)

    # ------------------------------------------------------------ procurement
    def _reviewed(self):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, (280000, 275000.5, 290000), strict=True):
            self._quote(proc, agency, amount)
        self.assertFalse(
            self._activities(proc, "sgz_procurement.activity_quote_opening")
        )
        with freeze_time(AT_OPENING):
            # the opening time is reached: the procurement's officer opens the quotes
            self.env["sgz.procurement"]._cron_notice_reminder()
            opening = self._activities(proc, "sgz_procurement.activity_quote_opening")
            self.assertEqual(opening.user_id, self.officer)
            self.assertEqual(opening.date_deadline, date(2026, 9, 30))
            proc.with_user(self.officer).action_open()
        self.assertClosedBy(
            proc, "sgz_procurement.activity_quote_opening", self.officer
        )
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        return proc

    def test_award_awaiting_approval(self):
        proc = self._reviewed()
        proc.with_user(self.officer).action_propose_award()
        users = self.assertHandedTo(
            proc,
            "sgz_procurement.activity_award_approval",
            MANAGER,
            includes=[self.manager],
            excludes=[self.officer, self.supervisor],
        )
        self.assertIn(
            "275,000.50",
            self._activities(proc, "sgz_procurement.activity_award_approval")[:1].note,
        )
        # the manager sees it among their own activities
        self.assertIn(
            proc,
            self.env["sgz.procurement"]
            .with_user(self.manager)
            .search([("activity_user_id", "=", self.manager.id)]),
        )
        self.assertGreaterEqual(len(users), 1)
        with freeze_time("2026-09-30 06:00:00"):
            proc.with_user(self.manager).action_approve_award()
        self.assertClosedBy(
            proc, "sgz_procurement.activity_award_approval", self.manager
        )
        # the result notice is now the officer's, due in two working days
        notice = self._activities(proc, "sgz_procurement.activity_result_notice")
        self.assertEqual(notice.user_id, self.officer)
        self.assertEqual(notice.date_deadline, proc.notice_due)
        with freeze_time("2026-10-08 03:00:00"):
            proc.with_user(self.officer).action_publish_notice()
        self.assertClosedBy(
            proc, "sgz_procurement.activity_result_notice", self.officer
        )

    def test_award_rejected_closes_it(self):
        proc = self._reviewed()
        proc.with_user(self.officer).action_propose_award()
        proc.with_user(self.manager).action_reject_award()
        self.assertClosedBy(
            proc, "sgz_procurement.activity_award_approval", self.manager
        )

    def test_document_expiring(self):
        today = fields.Date.today()
        Doc = self.env["sgz.qualification.document"].with_user(self.agency_user)
        vals = {
            "partner_id": self.agency.id,
            "doc_type": "qualification",
            "name": "民办非企业单位登记证书",
            "issue_date": today - timedelta(days=700),
        }
        later = Doc.create(dict(vals, expiry_date=today + timedelta(days=45)))
        soon = Doc.create(dict(vals, expiry_date=today + timedelta(days=20)))
        self.assertFalse(
            self._activities(later, "sgz_procurement.activity_document_expiring")
        )
        # a later document of the same type already covers it: nothing to renew
        self.assertFalse(
            self._activities(soon, "sgz_procurement.activity_document_expiring")
        )
        later.with_user(self.officer).action_reject(reason="证书编号不符")
        self.env["sgz.qualification.document"]._cron_expiring_documents()
        expiring = self._activities(soon, "sgz_procurement.activity_document_expiring")
        self.assertEqual(expiring.user_id, self.agency_user)
        self.assertEqual(expiring.date_deadline, soon.expiry_date)
        # the renewed document is uploaded: the next daily run closes the reminder
        Doc.create(dict(vals, expiry_date=today + timedelta(days=1000)))
        self.env["sgz.qualification.document"]._cron_expiring_documents()
        self.assertFalse(
            self._activities(soon, "sgz_procurement.activity_document_expiring")
        )

    # ---------------------------------------------------------------- finance
    def test_budget_submitted(self):
        budget = (
            self.env["sgz.budget"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": self.project.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "category_id": self.env.ref(
                                    "sgz_finance.budget_category_materials"
                                ).id,
                                "name": "活动物资",
                                "quantity": 1,
                                "sessions": 1,
                                "rate": self.project.amount,
                            },
                        )
                    ],
                }
            )
        )
        budget.action_submit()
        self.assertHandedTo(
            budget,
            "sgz_finance.activity_budget_approval",
            MANAGER,
            includes=[self.manager],
            excludes=[self.officer, self.agency_user],
        )
        with self.assertRefused(Exception, "not allowed|无权"):
            budget.with_user(self.officer).action_approve()
        budget.with_user(self.manager).action_approve()
        self.assertClosedBy(
            budget, "sgz_finance.activity_budget_approval", self.manager
        )
        self.assertEqual(budget.approved_by, self.manager)

    def test_disbursement_request_approve_pay(self):
        first = self._sign()[0]
        self.assertEqual(first.state, "payable")
        self.assertHandedTo(
            first,
            "sgz_finance.activity_disbursement_request",
            OFFICER,
            includes=[self.officer],
            excludes=[self.manager],
        )
        request = self._activities(first, "sgz_finance.activity_disbursement_request")
        self.assertEqual(set(request.mapped("date_deadline")), {first.due_date})
        first.with_user(self.officer).action_request()
        self.assertClosedBy(
            first, "sgz_finance.activity_disbursement_request", self.officer
        )
        self.assertHandedTo(
            first,
            "sgz_finance.activity_disbursement_approval",
            MANAGER,
            includes=[self.manager],
            excludes=[self.officer],
        )
        first.with_user(self.manager).action_approve()
        self.assertClosedBy(
            first, "sgz_finance.activity_disbursement_approval", self.manager
        )
        self.assertHandedTo(
            first,
            "sgz_finance.activity_disbursement_payment",
            OFFICER,
            includes=[self.officer],
            excludes=[self.manager],
        )
        first.with_user(self.officer).action_pay(reference="YH-2026-0212")
        self.assertClosedBy(
            first, "sgz_finance.activity_disbursement_payment", self.officer
        )
        # the later stages wait for their evaluations: nobody is asked yet
        for stage in self.contract.disbursement_ids - first:
            self.assertFalse(stage.activity_ids)

    # ---------------------------------------------------------------- projects
    def test_change_request_each_tier(self):
        self.project.supervisor_user_id = self.supervisor
        request = (
            self.env["sgz.change.request"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": self.project.id,
                    "new_date_end": date(2027, 2, 28),
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
                        )
                    ],
                }
            )
        )
        self.assertFalse(request.activity_ids)
        request.action_submit()
        # the project's supervisor reviews it
        supervisor = self._activities(
            request, "sgz_stations.activity_change_request_supervisor"
        )
        self.assertEqual(supervisor.user_id, self.supervisor)
        request.with_user(self.supervisor).action_supervisor_approve(opinion="同意")
        self.assertClosedBy(
            request, "sgz_stations.activity_change_request_supervisor", self.supervisor
        )
        self.assertHandedTo(
            request,
            "sgz_stations.activity_change_request_bureau",
            MANAGER,
            includes=[self.manager],
            excludes=[self.officer, self.supervisor],
        )
        request.with_user(self.manager).action_bureau_approve(opinion="同意延期")
        self.assertClosedBy(
            request, "sgz_stations.activity_change_request_bureau", self.manager
        )

    def test_evaluation_submitted(self):
        self.project.with_user(self.supervisor).action_to_midterm()
        evaluation = (
            self.env["sgz.evaluation"]
            .with_user(self.supervisor)
            .create({"project_id": self.project.id, "date": date(2026, 7, 1)})
        )
        evaluation.with_user(self.supervisor).action_submit()
        self.assertHandedTo(
            evaluation,
            "sgz_stations.activity_evaluation_confirm",
            OFFICER,
            includes=[self.officer],
            excludes=[self.manager, self.supervisor],
        )
        evaluation.with_user(self.officer).action_confirm()
        self.assertClosedBy(
            evaluation, "sgz_stations.activity_evaluation_confirm", self.officer
        )

    def test_monthly_brief_submitted_and_overdue(self):
        self.project.write(
            {"user_id": self.agency_user.id, "supervisor_user_id": self.supervisor.id}
        )
        briefs = self.project.monthly_report_ids.sorted("month")
        january, february = briefs[0], briefs[1]
        # 10 February: January's brief was due; the daily job hands it to the lead
        with freeze_time("2026-02-11"):
            self.env["sgz.monthly.report"]._cron_remind_overdue()
        overdue = self._activities(january, "sgz_stations.activity_brief_overdue")
        self.assertEqual(overdue.user_id, self.agency_user)
        self.assertEqual(overdue.date_deadline, january.due_date)
        self.assertFalse(
            self._activities(february, "sgz_stations.activity_brief_overdue")
        )
        with freeze_time("2026-02-12"):
            january.with_user(self.agency_user).action_submit()
        self.assertClosedBy(
            january, "sgz_stations.activity_brief_overdue", self.agency_user
        )
        review = self._activities(january, "sgz_stations.activity_brief_review")
        self.assertEqual(review.user_id, self.supervisor)
        january.with_user(self.supervisor).action_review(opinion="内容完整")
        self.assertClosedBy(
            january, "sgz_stations.activity_brief_review", self.supervisor
        )
        # a second run changes nothing
        with freeze_time("2026-02-13"):
            self.env["sgz.monthly.report"]._cron_remind_overdue()
        self.assertFalse(january.activity_ids)
