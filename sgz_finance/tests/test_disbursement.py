from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DisbursementCase


@tagged("post_install", "-at_install")
class TestDisbursement(DisbursementCase):
    def test_three_stages_around_the_holidays(self):
        first, second, third = self._sign()
        # 60 % of 100,000.01 is 60,000.006 -> 60,000.01; 20 % -> 20,000.00; the
        # last stage takes the remainder: 100,000.01 - 80,000.01 = 20,000.00
        self.assertEqual(
            (first.amount, second.amount, third.amount), (60000.01, 20000.0, 20000.0)
        )
        self.assertAlmostEqual(
            sum((first | second | third).mapped("amount")), 100000.01, places=2
        )
        # signed Thu 12 Feb 2026: Sat 14 Feb is worked, 15-23 Feb off, Sat 28 Feb
        # worked: the tenth working day is Wed 4 March
        self.assertEqual(first.state, "payable")
        self.assertEqual(first.gate_date, date(2026, 2, 12))
        self.assertEqual(first.due_date, date(2026, 3, 4))
        self.assertEqual((second.state, third.state), ("pending", "pending"))
        self._pay(first, "2026-02-24 03:00:00")
        self.assertEqual(first.state, "paid")
        # paying twice
        with self.assertRefused(UserError, "already paid|已于"):
            first.with_user(self.officer).action_pay()
        # the second stage waits for the mid-term evaluation
        with self.assertRefused(UserError, "Not Yet Due|未到期"):
            second.with_user(self.officer).action_request()
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-09-30 03:00:00")
        # confirmed Wed 30 Sep: 1-7 Oct off; 8, 9, Sat 10 (worked), 12-16, 19 and
        # 20 Oct are the ten working days after it
        self.assertEqual(second.state, "payable")
        self.assertEqual(second.due_date, date(2026, 10, 20))
        self._pay(second, "2026-10-09 03:00:00")
        self.project.with_user(self.officer).action_to_final()
        self._evaluate("final", "2026-12-10 03:00:00")
        self.assertEqual(third.due_date, date(2026, 12, 24))
        self._pay(third, "2026-12-15 03:00:00")
        self.assertEqual(self.contract.paid_total, 100000.01)

    def test_failed_midterm_suspends_until_reevaluation(self):
        first, second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-09-10 03:00:00", fail=True)
        self.assertEqual(second.state, "suspended")
        self.assertRegex(second.suspension_reason, "re-evaluation|重新评估")
        with self.assertRefused(UserError, "Suspended|暂停"):
            second.with_user(self.officer).action_request()
        # the rectification and a passing re-evaluation release it
        self.project.with_user(self.agency_user).write(
            {
                "rectification_plan": "补齐服务记录",
                "rectification_deadline": date(2026, 9, 25),
            }
        )
        self._evaluate("midterm", "2026-09-30 03:00:00")
        self.assertEqual(second.state, "payable")
        self.assertEqual(second.gate_date, date(2026, 9, 30))

    def test_suspension_checked_again_at_payment(self):
        first, second, _third = self._sign()
        self.project.with_user(self.officer).action_to_midterm()
        self._evaluate("midterm", "2026-09-01 03:00:00")
        with freeze_time("2026-09-02 03:00:00"):
            second.with_user(self.officer).action_request()
            second.with_user(self.manager).action_approve()
        # an annual evaluation fails before the money leaves
        self._evaluate("annual", "2026-09-03 03:00:00", fail=True)
        with self.assertRefused(UserError, "suspended|暂停"):
            second.with_user(self.officer).action_pay()
        self.assertEqual(second.state, "approved")

    def test_deduction(self):
        first, _second, _third = self._sign()
        with self.assertRefused(UserError, "not allowed|无权"):
            first.with_user(self.officer).action_deduct(1000, "x")
        with self.assertRefused(ValidationError, "60,000.01"):
            first.with_user(self.manager).action_deduct(60000.02, "评估扣减")
        with self.assertRefused(UserError, "reason|原因"):
            first.with_user(self.manager).action_deduct(100, " ")
        first.with_user(self.manager).action_deduct(5000.01, "档案管理不合格，扣减经费")
        self.assertEqual(first.amount_due, 55000.0)
        self._pay(first, "2026-02-24 03:00:00")
        self.assertEqual(self.contract.paid_total, 55000.0)

    def test_termination_cancels_and_records_recovery(self):
        first, second, third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        self.assertEqual((second.state, third.state), ("cancelled", "cancelled"))
        self.assertEqual(first.state, "paid")
        with self.assertRefused(ValidationError, "60,000.01"):
            self.contract.with_user(self.manager).action_record_recovery(
                70000, "按未履约期间追回"
            )
        self.contract.with_user(self.manager).action_record_recovery(
            25000, "按未履约期间追回"
        )
        self.assertEqual(self.contract.recovered_total, 25000)
        self.assertEqual(self.contract.recovery_ids.amount, 25000)

    def test_no_direct_writes_and_access(self):
        first, _second, _third = self._sign()
        with self.assertRefused(UserError, "steps|步骤"):
            first.with_user(self.officer).write({"state": "paid"})
        with self.assertRaises(AccessError):
            first.with_user(self.agency_user).write({"state": "paid"})
        self.assertTrue(first.with_user(self.agency_user).read(["amount"]))
        with self.assertRaises(AccessError):
            first.with_user(self.agency_user2).read(["amount"])
        with self.assertRefused(UserError, "not allowed|无权"):
            first.with_user(self.officer).action_request()
            first.with_user(self.officer).action_approve()
