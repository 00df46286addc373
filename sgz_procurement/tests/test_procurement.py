from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AT_OPENING, BEFORE_DEADLINE, SgzProcurementCase


@tagged("post_install", "-at_install")
class TestInquiry(SgzProcurementCase):
    def _run_to_review(self, amounts=(280000, 275000.5, 290000)):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, amounts, strict=False):
            self._quote(proc, agency, amount)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        return proc

    def test_inquiry_to_contract(self):
        proc = self._run_to_review()
        self.assertRegex(proc.name, r"^SGZ-CG-\d{4}-\d{4}$")
        self.assertEqual(proc.state, "reviewed")
        quotes = proc.quote_ids.sorted("rank")
        self.assertEqual(
            quotes.mapped("supplier_id").ids,
            [self.agency2.id, self.agency.id, self.agency3.id],
        )
        self.assertIn("275", proc.result_note)
        # the lowest compliant quote wins an inquiry
        with self.assertRefused(UserError, "lowest|最低"):
            proc.with_user(self.officer).action_propose_award(quotes[1])
        proc.with_user(self.officer).action_propose_award()
        self.assertEqual(proc.state, "award_pending")
        with self.assertRefused(UserError, "not allowed|无权"):
            proc.with_user(self.officer).action_approve_award()
        with freeze_time("2026-09-30 06:00:00"):
            proc.with_user(self.manager).action_approve_award()
        self.assertEqual(proc.awarded_supplier_id, self.agency2)
        self.assertEqual(proc.awarded_amount, 275000.5)
        for vals in ({"awarded_amount": 1}, {"awarded_supplier_id": self.agency.id}):
            with self.assertRefused(UserError, "steps|步骤"):
                proc.with_user(self.manager).write(vals)
        # decided Wed 30 Sep; 1-7 Oct off: 8 Oct is the first working day after,
        # 9 Oct the second
        self.assertEqual(proc.notice_due, date(2026, 10, 9))
        with freeze_time("2026-10-08 03:00:00"):
            proc.with_user(self.officer).action_publish_notice()
        self.assertFalse(proc.notice_late)
        self.assertEqual(proc.quote_ids.mapped("state"), ["won", "lost", "lost"])
        self.assertTrue(all(proc.quote_ids.mapped("result_notified")))
        action = proc.with_user(self.officer).action_create_contract()
        contract = self.env["sgz.contract"].browse(action["res_id"])
        self.assertEqual(contract.amount, 275000.5)
        self.assertEqual(contract.party_b_id, self.agency2)
        self.assertEqual(contract.payment_line_ids.mapped("percentage"), [60, 20, 20])
        self.assertEqual(contract.payment_line_ids.mapped("due_working_days"), [10] * 3)
        self.assertEqual(contract.date_end, date(2027, 12, 31))

    def test_amount_in_words(self):
        proc = self._procurement(budget_ceiling=2000000)
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        quote = self._quote(proc, self.agency, 1004000.50, submit=False)
        self.assertEqual(quote.amount_in_words, "人民币壹佰万零肆仟元伍角")

    def test_sealed_until_opening(self):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        quote = self._quote(proc, self.agency, 280000)
        attachment = self.env["ir.attachment"].create(
            {
                "name": "服务方案.pdf",
                "raw": b"%PDF-1.4",
                "res_model": "sgz.quote",
                "res_id": quote.id,
            }
        )
        # the supplier reads its own quote
        self.assertEqual(quote.with_user(self.agency_user).total_amount, 280000)
        # nobody else does: not the officer, the manager, the auditor, the
        # administrator, a competitor
        admin = self.env.ref("base.user_admin")
        for user in (
            self.officer,
            self.manager,
            self.auditor,
            admin,
            self.agency_user2,
        ):
            with self.subTest(user=user.login):
                Quote = self.env["sgz.quote"].with_user(user)
                self.assertFalse(Quote.search([("procurement_id", "=", proc.id)]))
                with self.assertRaises(AccessError):
                    quote.with_user(user).read(["total_amount"])
                with self.assertRaises(AccessError):
                    quote.line_ids.with_user(user).read(["unit_price"])
                with self.assertRaises(AccessError):
                    attachment.with_user(user).read(["raw"])
                self.assertFalse(
                    Quote.read_group(
                        [("procurement_id", "=", proc.id)], ["total_amount:sum"], []
                    )[0]["total_amount"]
                )
        # qualification documents: a supplier sees its own, not a competitor's
        Doc = self.env["sgz.qualification.document"]
        own = Doc.with_user(self.agency_user).search([])
        self.assertTrue(own)
        self.assertEqual(own.partner_id, self.agency)
        self.assertFalse(
            Doc.with_user(self.agency_user2).search(
                [("partner_id", "=", self.agency.id)]
            )
        )
        # the bureau knows who submitted, not what
        self.assertEqual(proc.with_user(self.officer).received_count, 1)
        # a competitor learns neither how many nor who before the opening
        seen = proc.with_user(self.agency_user2)
        self.assertEqual(seen.received_count, 0)
        self.assertFalse(seen.received_supplier_names)
        # opening before the time is refused
        with (
            freeze_time("2026-09-30 01:30:00"),
            self.assertRefused(UserError, "sealed|密封"),
        ):
            proc.with_user(self.officer).action_open()
        self._quote(proc, self.agency2, 290000)
        self._quote(proc, self.agency3, 295000)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self.assertEqual(quote.with_user(self.officer).total_amount, 280000)
        self.assertTrue(attachment.with_user(self.auditor).read(["name"]))
        # a competitor still cannot read it
        with self.assertRaises(AccessError):
            quote.with_user(self.agency_user2).read(["total_amount"])

    def test_creating_a_quote_reveals_nothing_of_rivals(self):
        quoted = self._procurement()
        silent = self._procurement(title="另一采购")
        with freeze_time("2026-09-25 02:00:00"):
            (quoted | silent).with_user(self.officer).action_announce()
        self._quote(quoted, self.agency, 280000)
        # a rival cannot quote in another's name, and is told the same thing whether
        # or not that supplier has quoted
        messages = []
        for proc in (quoted, silent):
            with (
                freeze_time(BEFORE_DEADLINE),
                self.assertRaises(AccessError) as refusal,
            ):
                self.env["sgz.quote"].with_user(self.agency_user2).create(
                    {
                        "procurement_id": proc.id,
                        "supplier_id": self.agency.id,
                        "total_amount": 1,
                    }
                )
            messages.append(str(refusal.exception))
        self.assertEqual(messages[0], messages[1])
        # its own quote goes through on both
        for proc in (quoted, silent):
            self._quote(proc, self.agency2, 290000, submit=False)
        # nor can a draft be moved onto another supplier afterwards
        draft = (
            self.env["sgz.quote"]
            .with_user(self.agency_user2)
            .search([("procurement_id", "=", silent.id)])
        )
        with self.assertRefused(UserError, "supplier|供应商"):
            draft.supplier_id = self.agency

    def test_invitations_frozen_at_the_announcement(self):
        proc = self._procurement()
        first, second = proc.invitation_ids[:2]
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        invited = proc.invitation_ids.supplier_id
        with self.assertRefused(UserError, "invited suppliers|受邀供应商"):
            first.with_user(self.officer).supplier_id = second.supplier_id
        with self.assertRefused(UserError, "invited suppliers|受邀供应商"):
            first.with_user(self.officer).invited_on = date(2026, 9, 1)
        with self.assertRefused(UserError, "invited suppliers|受邀供应商"):
            first.with_user(self.officer).unlink()
        self.assertEqual(proc.invitation_ids.supplier_id, invited)

    def test_quote_refusals(self):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        quote = self._quote(proc, self.agency, 280000)
        # a second quote from the same supplier
        with self.assertRefused(ValidationError, "once|一次"):
            self._quote(proc, self.agency, 270000)
        # changing a submitted quote
        with freeze_time(BEFORE_DEADLINE):
            with self.assertRefused(UserError, "cannot be changed|不能修改"):
                quote.with_user(self.agency_user).total_amount = 1
            with self.assertRefused(UserError, "cannot be changed|不能修改"):
                quote.line_ids[0].with_user(self.agency_user).unit_price = 1
        self.assertEqual(quote.total_amount, 280000)
        # after the deadline nobody quotes
        with self.assertRefused(UserError, "not taking quotes|不再接受"):
            self._quote(proc, self.agency2, 1, when="2026-09-30 01:30:00")
        # lines that do not add up to the total
        with freeze_time(BEFORE_DEADLINE):
            bad = self._quote(proc, self.agency2, 100000, submit=False)
            bad.with_user(self.agency_user2).total_amount = 100000.01
            with self.assertRefused(UserError, "add up|合计"):
                bad.with_user(self.agency_user2).action_submit()

    def test_too_few_suppliers_terminates_and_restarts(self):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        self._quote(proc, self.agency, 280000)
        self._quote(proc, self.agency2, 285000)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        self.assertEqual(proc.state, "terminated")
        self.assertIn("3", proc.termination_reason)
        with self.assertRefused(UserError, "Terminated|终止"):
            proc.with_user(self.officer).action_propose_award()
        action = proc.with_user(self.officer).action_restart()
        copy = self.env["sgz.procurement"].browse(action["res_id"])
        self.assertEqual(copy.state, "draft")
        self.assertEqual(copy.restarted_from_id, proc)
        self.assertNotEqual(copy.name, proc.name)
        self.assertEqual(len(copy.invitation_ids), 3)
        self.assertFalse(copy.announce_date)

    def test_announcement_refusals(self):
        # fewer than three invited
        proc = self._procurement(suppliers=[self.agency, self.agency2])
        with self.assertRefused(UserError, "at least 3|至少3"):
            proc.with_user(self.officer).action_announce()
        # a deadline that gives less than three working days
        proc = self._procurement(quote_deadline="2026-09-29 01:00:00")
        with self.assertRefused(UserError, "working days|工作日"):
            proc.with_user(self.officer).action_announce()
        self.assertEqual(proc.state, "draft")

    def test_ineligible_suppliers_cannot_be_invited(self):
        self.agency3.write(
            {"sgz_barred_until": date(2027, 6, 1), "sgz_barred_reason": "评估不合格"}
        )
        with self.assertRefused(ValidationError, "barred|禁止"):
            self._procurement()
        self.agency3.sgz_barred_until = False
        self.agency3.sgz_blacklisted = True
        with self.assertRefused(ValidationError, "dishonesty|失信"):
            self._procurement()
        self.agency3.sgz_blacklisted = False
        self.env["sgz.agency.violation"].create(
            {
                "partner_id": self.agency3.id,
                "date": date(2024, 5, 1),
                "name": "虚报服务数据被处罚",
                "major": True,
            }
        )
        with self.assertRefused(ValidationError, "major violation|重大违法"):
            self._procurement()
        self.assertIn("2024-05-01", self.agency3.sgz_eligibility_issues)
        self.assertFalse(self.agency3.sgz_is_eligible)
        # a violation older than three years no longer counts
        self.agency3.sgz_violation_ids.date = date(2023, 9, 1)
        self.assertFalse(self.agency3._sgz_eligibility_issues(date(2026, 9, 25)))
        # a failed annual inspection, no certified worker
        self.env["sgz.agency.inspection"].create(
            {"partner_id": self.agency3.id, "year": 2025, "result": "unqualified"}
        )
        self.env["sgz.social.worker"].search(
            [("agency_id", "=", self.agency3.id)]
        ).certificate_level = "none"
        issues = "\n".join(self.agency3._sgz_eligibility_issues(date(2026, 9, 25)))
        self.assertRegex(issues, "annual inspection|年检")
        self.assertRegex(issues, "certificate|证书")

    def test_payment_proofs_from_the_twelve_months_before(self):
        Doc = self.env["sgz.qualification.document"]
        # proofs for June-August 2026 answer a January 2027 announcement...
        early = self.env["sgz.procurement"].new({"announce_date": date(2027, 1, 10)})
        issues = dict(Doc._document_issues(self.agency, early, date(2027, 1, 20)))
        self.assertNotIn("tax_proof", issues)
        self.assertNotIn("social_security_proof", issues)
        # ...but not one in October 2027
        late = self.env["sgz.procurement"].new({"announce_date": date(2027, 10, 10)})
        issues = dict(Doc._document_issues(self.agency, late, date(2027, 10, 20)))
        # the twelve months before October 2027 start on 1 October 2026: none of
        # June-August 2026 counts
        self.assertEqual(
            issues["tax_proof"],
            "Tax Payment Proof: 0 verified month(s) in the twelve months before the "
            "announcement (from 2026-10-01); any 3 are required.",
        )
        self.assertEqual(
            issues["social_security_proof"],
            "Social Insurance Payment Proof: 0 verified month(s) in the twelve months "
            "before the announcement (from 2026-10-01); any 3 are required.",
        )

    def test_review_reads_the_documents(self):
        # agency3's credit check predates the announcement: it cannot pass
        self.env["sgz.qualification.document"].search(
            [("partner_id", "=", self.agency3.id), ("doc_type", "=", "credit_query")]
        )._sgz_step_write({"issue_date": date(2026, 9, 1)})
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, (280000, 275000, 270000), strict=True):
            self._quote(proc, agency, amount)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        quote3 = proc.quote_ids.filtered(lambda q: q.supplier_id == self.agency3)
        failed = quote3.review_ids.filtered("auto_failed")
        self.assertEqual(len(failed), 1)
        self.assertRegex(failed.reason, "announcement|公告")
        with self.assertRefused(UserError, "cannot pass|不能"):
            failed.with_user(self.officer).passed = True
        # a failed item needs its reason
        manual = quote3.review_ids.filtered(lambda r: not r.auto_failed)[0]
        with self.assertRefused(ValidationError, "reason|原因"):
            manual.with_user(self.officer).write({"failed": True, "reason": False})
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        # one of three not compliant: an inquiry needs three
        self.assertEqual(proc.state, "terminated")
        self.assertEqual(quote3.state, "rejected")


@tagged("post_install", "-at_install")
class TestConsultationAndSingleSource(SgzProcurementCase):
    def test_consultation_scores_and_continues_with_two(self):
        with self.assertRefused(ValidationError, "10-30"):
            self._procurement(method="consultation", price_weight=35)
        proc = self._procurement(method="consultation")
        # ten days from the announcement: 5 October at the earliest
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        self._quote(proc, self.agency, 280000)
        self._quote(proc, self.agency2, 250000)
        with freeze_time("2026-10-06 03:00:00"):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        a1, a2 = proc.with_user(self.officer).quote_ids.sorted(
            lambda q: q.supplier_id.id
        )
        with self.assertRefused(UserError, "0-80"):
            a1.with_user(self.officer).other_score = 81
            proc.with_user(self.officer).action_finish_review()
        a1.with_user(self.officer).write({"other_score": 75, "review_note": "方案完整"})
        a2.with_user(self.officer).write({"other_score": 60, "review_note": "方案一般"})
        proc.with_user(self.officer).action_finish_review()
        self.assertEqual(proc.state, "reviewed")
        # 250000 / 280000 x 20 = 17.86; 250000 / 250000 x 20 = 20
        self.assertAlmostEqual(a1.price_score, 17.86)
        self.assertAlmostEqual(a2.price_score, 20.0)
        self.assertEqual(a1.rank, 1)  # 92.86 beats 80: not bound to the lowest price
        proc.with_user(self.officer).action_propose_award()
        proc.with_user(self.manager).action_approve_award()
        self.assertEqual(proc.awarded_amount, 280000)

    def test_single_source_notice_period(self):
        with self.assertRefused(UserError, "reason|理由"):
            proc = self._procurement(method="single_source", suppliers=[self.agency])
            proc.with_user(self.officer).action_announce()
        proc = self._procurement(
            method="single_source",
            suppliers=[self.agency],
            single_source_reason="该机构为本街道唯一具备条件的社工机构",
            notice_start=date(2026, 9, 25),
        )
        # five working days around National Day: 28, 29, 30 Sep, 8, 9 Oct
        self.assertEqual(proc.notice_end, date(2026, 10, 9))
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        self._quote(proc, self.agency, 296000)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        with (
            freeze_time("2026-10-08 03:00:00"),
            self.assertRefused(UserError, "2026-10-09"),
        ):
            proc.with_user(self.officer).action_propose_award()
        with freeze_time("2026-10-09 03:00:00"):
            proc.with_user(self.officer).action_propose_award()
            proc.with_user(self.manager).action_approve_award()
        # decided Fri 9 Oct: Sat 10 Oct is a make-up working day, so Mon 12 Oct
        self.assertEqual(proc.notice_due, date(2026, 10, 12))
        with freeze_time("2026-10-14 03:00:00"):
            self.env["sgz.procurement"]._cron_notice_reminder()
            self.assertTrue(proc.activity_ids)
            proc.with_user(self.officer).action_publish_notice()
        self.assertTrue(proc.notice_late)

    def test_tender_is_recorded(self):
        proc = self._procurement(
            method="public_tender",
            suppliers=[],
            platform_reference="YNZC-2026-0915",
            bidder_ids=[(6, 0, (self.agency | self.agency2).ids)],
        )
        proc.with_user(self.officer).action_announce()
        with self.assertRefused(UserError, "winning|中标"):
            proc.with_user(self.officer).action_record_tender_result()
        proc.with_user(self.officer).write(
            {"tender_amount": 288000, "awarded_supplier_id": self.agency.id}
        )
        proc.with_user(self.officer).action_record_tender_result()
        self.assertEqual(proc.state, "awarded")
        action = proc.with_user(self.officer).action_create_contract()
        contract = self.env["sgz.contract"].browse(action["res_id"])
        self.assertEqual(contract.amount, 288000)
        self.assertEqual(contract.project_id, self.project)


@tagged("post_install", "-at_install")
class TestContract(SgzProcurementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proc = cls._procurement(
            method="public_tender",
            suppliers=[],
            platform_reference="YNZC-2026-0915",
            bidder_ids=[(6, 0, cls.agency.ids)],
            tender_amount=100000.01,
        )
        cls.proc.with_user(cls.officer).action_announce()
        cls.proc.with_user(cls.officer).write({"awarded_supplier_id": cls.agency.id})
        cls.proc.with_user(cls.officer).action_record_tender_result()
        action = cls.proc.with_user(cls.officer).action_create_contract()
        cls.contract = cls.env["sgz.contract"].browse(action["res_id"])

    def test_contract_refusals(self):
        contract = self.contract.with_user(self.officer)
        with self.assertRefused(ValidationError, "award|成交"):
            contract.amount = 100000.00
        with self.assertRefused(ValidationError, "one year|一年"):
            contract.date_end = date(2028, 1, 1)
        contract.payment_line_ids[0].percentage = 60.01
        with self.assertRefused(ValidationError, "100"):
            contract.action_sign()
        contract.payment_line_ids[0].percentage = 60
        # the next year of the cycle is made by the renewal step only
        with self.assertRefused(UserError, "workflow steps only|流程步骤"):
            self.env["sgz.contract"].with_user(self.officer).create(
                {
                    "procurement_id": self.proc.id,
                    "cycle_year": 2,
                    "party_a_id": self.proc.purchaser_id.id,
                    "party_b_id": self.agency.id,
                    "date_start": date(2027, 1, 1),
                    "date_end": date(2027, 12, 31),
                    "amount": 99999,
                }
            )

    def test_stage_amounts_add_up_to_the_fen(self):
        contract = self.contract.with_user(self.officer)
        contract.payment_line_ids[0].percentage = 33.33
        contract.payment_line_ids[1].percentage = 33.33
        contract.payment_line_ids[2].percentage = 33.34
        # 100,000.01 x 33.33 % = 33,330.00 twice; the last stage takes the rest
        self.assertEqual(
            contract.payment_line_ids.mapped("amount"), [33330.0, 33330.0, 33340.01]
        )
        self.assertAlmostEqual(
            sum(contract.payment_line_ids.mapped("amount")), 100000.01
        )

    def test_sign_perform_terminate_renew(self):
        contract = self.contract.with_user(self.officer)
        contract.action_sign()
        self.assertEqual(contract.state, "signed")
        with self.assertRefused(UserError, "signed|签订"):
            contract.payment_line_ids[0].percentage = 50
        with self.assertRefused(UserError, "signed|签订"):
            contract.amount = 1
        contract.action_perform()
        with self.assertRefused(UserError, "evaluation|评估"):
            contract.action_renew()
        with self.assertRefused(UserError, "not allowed|无权"):
            contract._terminate("agreement", "协商一致")
        with self.assertRefused(UserError, "did not fail|不合格"):
            self.contract.with_user(self.manager)._terminate("evaluation_fail", "x")
        self.contract.with_user(self.manager)._terminate(
            "agreement", "双方协商一致解除"
        )
        self.assertEqual(contract.state, "terminated")

    def test_renewal_after_a_passed_annual_evaluation(self):
        contract = self.contract.with_user(self.officer)
        contract.action_sign()
        contract.action_perform()
        self.project.with_user(self.officer).action_start()

        def annual(on):
            evaluation = (
                self.env["sgz.evaluation"]
                .with_user(self.supervisor)
                .create(
                    {"project_id": self.project.id, "eval_type": "annual", "date": on}
                )
            )
            evaluation.action_submit()
            evaluation.with_user(self.officer).action_confirm()
            return evaluation

        # a passed evaluation of an earlier year renews nothing: the year that ends
        # is evaluated (L122)
        annual(date(2026, 12, 1))
        with self.assertRefused(UserError, "year's evaluation|年度评估"):
            contract.action_renew()
        annual(date(2027, 12, 10))
        action = contract.action_renew()
        renewal = self.env["sgz.contract"].browse(action["res_id"])
        self.assertEqual(renewal.cycle_year, 2)
        self.assertEqual(renewal.previous_id, self.contract)
        self.assertEqual(renewal.amount, self.contract.amount)
        self.assertEqual(renewal.date_start, date(2028, 1, 1))
        self.assertEqual(renewal.state, "draft")
        with self.assertRefused(UserError, "already been renewed|已续签"):
            contract.action_renew()

    def test_agency_reads_only_its_contract(self):
        self.assertTrue(self.contract.with_user(self.agency_user).read(["amount"]))
        with self.assertRaises(AccessError):
            self.contract.with_user(self.agency_user2).read(["amount"])
