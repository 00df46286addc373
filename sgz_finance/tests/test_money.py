from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DisbursementCase

FEN = r"%s of %s: %s has more than two decimals; amounts are kept to the fen \(分\)\."


@tagged("post_install", "-at_install")
class TestMoneyToTheFen(DisbursementCase):
    """Amounts given to the finance steps are refused, not rounded, past the fen."""

    def test_deduction_kept_to_the_fen(self):
        first, _second, _third = self._sign()
        for value in (100.005, 0.001):
            with self.assertRefused(ValidationError, FEN % ("Deduction", ".+", value)):
                first.with_user(self.manager).action_deduct(value, "评估扣减")
        self.assertEqual(first.deduction, 0)
        first.with_user(self.manager).action_deduct(100.5, "档案管理不合格，扣减经费")
        self.assertEqual(first.deduction, 100.5)
        self.assertEqual(first.amount_due, 59899.51)

    def test_recovery_kept_to_the_fen(self):
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        for value in (25000.005, 0.001):
            with self.assertRefused(
                ValidationError, FEN % ("Amount", self.contract.name, value)
            ):
                self.contract.with_user(self.manager).action_record_recovery(
                    value, "按未履约期间追回"
                )
        self.assertFalse(self.contract.recovery_ids)
        self.contract.with_user(self.manager).action_record_recovery(
            25000.01, "按未履约期间追回"
        )
        self.assertEqual(self.contract.recovered_total, 25000.01)
