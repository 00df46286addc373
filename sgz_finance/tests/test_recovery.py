from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DisbursementCase


@tagged("post_install", "-at_install")
class TestRecovery(DisbursementCase):
    """追回已拨付资金: each recovery its own record and credit note, never more in
    total than what was paid."""

    def _terminated(self):
        """The first stage (60,000.01) paid, then the contract terminated."""
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        self.assertEqual(self.contract.paid_total, 60000.01)
        return first

    def _recover(self, amount, reason="按未履约期间追回", day="2026-05-06 03:00:00"):
        with freeze_time(day):
            self.contract.with_user(self.manager).action_record_recovery(amount, reason)
        self.contract.invalidate_recordset(["recovery_ids"])
        return self.contract.recovery_ids.sorted("id")[-1:]

    def test_recoveries_add_up_to_the_paid_total_exactly(self):
        self._terminated()
        first = self._recover(12345.67, "第一次追回：未开展的个案服务")
        second = self._recover(
            47654.34, "第二次追回：未到岗社工补贴", "2026-06-10 03:00:00"
        )
        # 12,345.67 + 47,654.34 is 60,000.01 to the fen (not as binary floats)
        self.assertEqual(self.contract.recovered_total, 60000.01)
        self.assertEqual(len(self.contract.recovery_ids), 2)
        with self.assertRefused(ValidationError, "0.01"):
            self._recover(0.01, "第三次追回")
        self.assertEqual(len(self.contract.recovery_ids), 2)
        # each its own posted credit note, on the agency, on the named account
        self.assertNotEqual(first.move_id, second.move_id)
        account = self.env.company.sgz_expense_account_id
        for recovery, amount, day in (
            (first, 12345.67, "2026-05-06"),
            (second, 47654.34, "2026-06-10"),
        ):
            note = recovery.move_id
            self.assertEqual(recovery.amount, amount)
            self.assertEqual(recovery.date.isoformat(), day)
            self.assertEqual(recovery.recorded_by, self.manager)
            self.assertEqual(note.move_type, "in_refund")
            self.assertEqual(note.state, "posted")
            self.assertEqual(note.partner_id, self.agency)
            self.assertEqual(note.amount_total, amount)
            self.assertEqual(note.invoice_date.isoformat(), day)
            self.assertEqual(note.invoice_line_ids.account_id, account)
            self.assertEqual(note.invoice_line_ids.name, recovery.reason)

    def test_one_recovery_of_everything_paid_then_nothing_more(self):
        self._terminated()
        self._recover(60000.01)
        with self.assertRefused(ValidationError, "0.01"):
            self._recover(0.01)
        self.assertEqual(self.contract.recovered_total, 60000.01)

    def test_recovery_refusals(self):
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        with self.assertRefused(UserError, "terminated|终止"):
            self._recover(100)
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        with self.assertRefused(UserError, "not allowed|无权"):
            self.contract.with_user(self.officer).action_record_recovery(100, "x")
        with self.assertRefused(ValidationError, "zero|零"):
            self._recover(0)
        with self.assertRefused(ValidationError, "60,000.01"):
            self._recover(60000.02)
        with self.assertRefused(UserError, "reason|原因"):
            self._recover(100, " ")
        self.assertFalse(self.contract.recovery_ids)

    def test_recoveries_are_made_by_the_step_only(self):
        self._terminated()
        recovery = self._recover(1000)
        vals = {
            "contract_id": self.contract.id,
            "date": "2026-05-06",
            "amount": 500,
            "reason": "直接创建",
        }
        Recovery = self.env["sgz.contract.recovery"]
        with self.assertRefused(UserError, "steps|步骤"):
            Recovery.with_user(self.manager).create(vals)
        with self.assertRaises(AccessError):
            Recovery.with_user(self.officer).create(vals)
        # nor through the contract (refused by the contract, or by the recovery)
        with self.assertRefused(UserError, "steps|步骤|signed|签"):
            self.contract.with_user(self.manager).write(
                {"recovery_ids": [Command.create(vals)]}
            )
        # a recorded recovery is never changed nor deleted (a credit note is booked)
        for user in (self.manager, self.officer, self.agency_user):
            with self.assertRaises(AccessError):
                recovery.with_user(user).write({"amount": 1})
            with self.assertRaises(AccessError):
                recovery.with_user(user).unlink()
        with self.assertRefused(UserError, "steps|步骤"):
            recovery.write({"amount": 1})
        self.assertEqual(self.contract.recovered_total, 1000)

    def test_who_reads_the_recoveries(self):
        self._terminated()
        recovery = self._recover(1000)
        for user in (self.officer, self.manager, self.auditor, self.agency_user):
            self.assertEqual(
                recovery.with_user(user).read(["amount"])[0]["amount"], 1000
            )
            self.assertEqual(self.contract.with_user(user).recovered_total, 1000)
        # the credit note is the bureau's: officers and auditors see it
        for user in (self.officer, self.auditor):
            self.assertTrue(recovery.with_user(user).read(["move_id"])[0]["move_id"])
        # the agency reads its own recoveries, not the bureau's entries
        with self.assertRaises(AccessError):
            recovery.with_user(self.agency_user).read(["move_id"])
        for user in (self.agency_user2, self.supervisor):
            with self.assertRaises(AccessError):
                recovery.with_user(user).read(["amount"])
        self.assertFalse(
            self.env["sgz.contract.recovery"]
            .with_user(self.agency_user2)
            .search([("contract_id", "=", self.contract.id)])
        )
