from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_disbursement import DisbursementCase


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
        refund = self.contract.recovery_move_id
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
        self.assertEqual(len(first.activity_ids), 1)
        self.assertIn("2026-03-04", first.activity_ids.note)
