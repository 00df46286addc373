"""Browser tours (Chromium) over the demo data: each role's landing screen and the
work queue, as the demo users of ``bin/run`` use them (issue 10)."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWorkQueueTours(HttpCase):
    def _open(self, record, xmlid, user):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
                ("user_id", "=", user.id),
            ]
        )

    def test_manager_approves_award_from_the_work_queue(self):
        manager = self.env.ref("sgz_stations.user_manager_demo")
        proc = self.env.ref("sgz_procurement.procurement_huashan_2027_demo")
        self.assertEqual(proc.state, "award_pending")
        self.assertTrue(
            self._open(proc, "sgz_procurement.activity_award_approval", manager)
        )
        self.start_tour("/odoo", "sgz_manager_approves_award", login="manager")
        self.assertEqual(proc.state, "awarded")
        self.assertEqual(proc.award_approved_by, manager)
        self.assertFalse(
            self._open(proc, "sgz_procurement.activity_award_approval", manager)
        )

    def test_agency_submits_a_brief_from_the_work_queue(self):
        agency = self.env.ref("sgz_stations.user_agency_demo")
        Brief = self.env["sgz.monthly.report"]
        overdue = Brief.search(
            [("agency_id", "=", agency.sgz_agency_id.id), ("is_overdue", "=", True)]
        ).filtered(
            lambda b: self._open(b, "sgz_stations.activity_brief_overdue", agency)
        )
        self.assertTrue(overdue, "the demo has an overdue brief for the agency")
        self.start_tour("/odoo", "sgz_agency_submits_brief", login="agency")
        submitted = overdue.filtered(lambda b: b.state == "submitted")
        self.assertEqual(len(submitted), 1)
        self.assertEqual(submitted.submitted_by, agency)
        self.assertIn("独居老人12户", submitted.work_summary)
        self.assertFalse(
            self._open(submitted, "sgz_stations.activity_brief_overdue", agency)
        )

    def test_auditor_lands_on_the_dashboard(self):
        auditor = self.env.ref("sgz_stations.user_auditor_demo")
        exceptions = self.env["sgz.compliance.exception"].with_user(auditor)
        # the demo data shows breaches: the dashboard has something to open
        self.assertTrue(exceptions.search_count([("reviewed", "=", False)]))
        self.start_tour("/odoo", "sgz_auditor_dashboard", login="auditor")
