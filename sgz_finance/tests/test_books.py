from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_finance.models.res_company import BOOKS_FIELDS

from .common import DisbursementCase


@tagged("post_install", "-at_install")
class TestBooks(DisbursementCase):
    """The bureau's books: bills and payments tie out with the disbursements."""

    def test_bills_and_payments_tie_out(self):
        first, second, third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-09-30 03:00:00")
        self._pay(second, "2026-10-09 03:00:00")
        stages = first | second
        analytic = self.project.analytic_account_id
        self.assertTrue(analytic)
        for stage in stages:
            bill = stage.move_id
            self.assertEqual(bill.move_type, "in_invoice")
            self.assertEqual(bill.state, "posted")
            self.assertEqual(bill.partner_id, self.agency)
            self.assertEqual(bill.amount_total, stage.amount_due)
            self.assertIn(bill.payment_state, ("paid", "in_payment"))
            line = bill.invoice_line_ids
            self.assertEqual(line.analytic_distribution, {str(analytic.id): 100.0})
            self.assertEqual(line.account_id.account_type, "expense")
        self.assertAlmostEqual(
            sum(stages.move_id.mapped("amount_total")), self.contract.paid_total, 2
        )
        self.assertEqual(self.contract.paid_total, 80000.01)
        self.assertFalse(third.move_id)

    def test_held_payment_is_reversed_not_deleted(self):
        first, second, _third = self._sign()
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-09-01 03:00:00")
        with freeze_time("2026-09-02 03:00:00"):
            second.with_user(self.officer).action_request()
            second.with_user(self.manager).action_approve()
        bill = second.move_id
        self.assertEqual(bill.state, "posted")
        self._evaluate("annual", "2026-09-03 03:00:00", fail=True)
        with self.assertRefused(UserError, "suspended|暂停"):
            second.with_user(self.officer).action_pay()
        with self.assertRefused(UserError, "not allowed|无权"):
            second.with_user(self.officer).action_reverse_approval()
        with freeze_time("2026-09-04 03:00:00"):
            second.with_user(self.manager).action_reverse_approval()
        self.assertEqual(second.state, "suspended")
        self.assertFalse(second.move_id)
        self.assertTrue(bill.exists())
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(second.reversal_move_ids.move_type, "in_refund")
        self.assertEqual(second.reversal_move_ids.amount_total, bill.amount_total)

    def test_recovery_is_a_receivable(self):
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        self.contract.with_user(self.manager).action_record_recovery(
            25000.5, "按未履约期间追回"
        )
        refund = self.contract.recovery_ids.move_id
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.partner_id, self.agency)
        self.assertEqual(refund.amount_total, 25000.5)
        self.assertEqual(refund.amount_residual, 25000.5)  # still to be recovered

    def test_overdue_payment_reminded(self):
        first, _second, _third = self._sign()
        self.assertEqual(first.due_date.isoformat(), "2026-03-04")
        with freeze_time("2026-03-05 03:00:00"):
            self.env["sgz.disbursement"]._cron_sync_and_remind()
            self.env["sgz.disbursement"]._cron_sync_and_remind()
        self.assertEqual(len(self._officer_tasks(first)), 1)
        self.assertIn("2026-03-04", self._officer_tasks(first).note)

    # ------------------------------------------------------- named, not guessed
    def _unname_books(self):
        self.env.company.write({fname: False for fname in BOOKS_FIELDS})

    def test_books_are_named_not_guessed(self):
        company = self.env.company
        first, _second, _third = self._sign()
        self._unname_books()
        with freeze_time("2026-02-24 03:00:00"):
            first.with_user(self.officer).action_request()
            with self.assertRefused(
                UserError,
                r"Station Services Expense Account.*"
                r"Settings > Users & Companies > Companies",
            ):
                first.with_user(self.manager).action_approve()
        self.assertEqual(first.state, "requested")
        self.assertFalse(first.move_id)
        # the bureau names an account and journals of its own: they are used, not
        # the first of their kind in the chart
        account = self.env["account.account"].create(
            {
                "name": "社工站服务购买支出",
                "code": "600900",
                "account_type": "expense",
                "company_ids": [Command.set(company.ids)],
            }
        )
        Journal = self.env["account.journal"]
        bills = Journal.create(
            {"name": "社工站服务账单", "code": "SGZB", "type": "purchase"}
        )
        bank = Journal.create({"name": "国库集中支付", "code": "GKZF", "type": "bank"})
        company.write(
            {
                "sgz_expense_account_id": account.id,
                "sgz_purchase_journal_id": bills.id,
                "sgz_payment_journal_id": bank.id,
            }
        )
        with freeze_time("2026-02-24 03:00:00"):
            first.with_user(self.manager).action_approve()
            first.with_user(self.officer).action_pay("BANK-001")
        bill = first.move_id
        self.assertEqual(bill.journal_id, bills)
        self.assertEqual(bill.invoice_line_ids.account_id, account)
        self.assertEqual(bill.matched_payment_ids.journal_id, bank)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))

    def test_recovery_needs_named_books(self):
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        self._unname_books()
        with self.assertRefused(UserError, "Settings > Users & Companies > Companies"):
            self.contract.with_user(self.manager).action_record_recovery(100, "追回")
        self.assertFalse(self.contract.recovery_ids)

    def test_named_books_must_fit(self):
        company = self.env.company
        chart = self.env["account.chart.template"].with_company(company)
        with self.assertRefused(ValidationError, "purchase journal"):
            company.write({"sgz_purchase_journal_id": chart.ref("bank").id})
        with self.assertRefused(ValidationError, "bank journal"):
            company.write({"sgz_payment_journal_id": chart.ref("purchase").id})
        with self.assertRefused(ValidationError, "expense account"):
            company.write({"sgz_expense_account_id": chart.ref("income").id})
