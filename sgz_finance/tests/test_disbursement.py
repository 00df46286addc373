from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.sgz_procurement.tests.common import SgzProcurementCase

# The books the fixtures name, per chart of accounts (the chart's own record ids):
# generic chart: 600000 Expenses; Chinese chart: 660200 管理费用 (not 640300 税金及附加,
# the first expense account of that chart).
BOOKS = {
    "generic_coa": ("expense", "purchase", "bank"),
    "cn": ("l10n_cn_common_660200", "purchase", "bank"),
}


def name_books(company):
    """The company names the books of its disbursements (nothing is guessed)."""
    chart = company.env["account.chart.template"].with_company(company)
    expense, bills, bank = BOOKS[company.chart_template]
    company.write(
        {
            "sgz_expense_account_id": chart.ref(expense).id,
            "sgz_purchase_journal_id": chart.ref(bills).id,
            "sgz_payment_journal_id": chart.ref(bank).id,
        }
    )


class DisbursementCase(SgzProcurementCase):
    """A recorded tender of 100,000.01 for the fixture's 2026 project, paid 60/20/20."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # approvals book vendor bills: the bureau company needs its books, named
        cls.env["sgz.disbursement"]._sgz_ensure_books()
        name_books(cls.env.company)
        cls.proc = cls._procurement(
            method="public_tender",
            suppliers=[],
            platform_reference="YNZC-2026-0101",
            bidder_ids=[(6, 0, cls.agency.ids)],
            tender_amount=100000.01,
        )
        cls.proc.with_user(cls.officer).action_announce()
        cls.proc.with_user(cls.officer).write({"awarded_supplier_id": cls.agency.id})
        cls.proc.with_user(cls.officer).action_record_tender_result()
        action = cls.proc.with_user(cls.officer).action_create_contract()
        cls.contract = cls.env["sgz.contract"].browse(action["res_id"])
        cls.contract.with_user(cls.officer).write(
            {"date_start": date(2026, 1, 1), "date_end": date(2026, 12, 31)}
        )
        cls.project.with_user(cls.officer).action_start()

    def _sign(self, day="2026-02-12 03:00:00"):
        with freeze_time(day):
            self.contract.with_user(self.officer).action_sign()
        return self.contract.disbursement_ids.sorted("sequence")

    def _evaluate(self, eval_type, day, fail=False):
        with freeze_time(day):
            evaluation = (
                self.env["sgz.evaluation"]
                .with_user(self.supervisor)
                .create(
                    {
                        "project_id": self.project.id,
                        "eval_type": eval_type,
                        "date": day[:10],
                        "veto": fail,
                        "veto_reason": fail and "服务记录不实",
                    }
                )
            )
            evaluation.action_submit()
            evaluation.with_user(self.officer).action_confirm()
        return evaluation

    def _pay(self, stage, day):
        with freeze_time(day):
            stage.with_user(self.officer).action_request()
            stage.with_user(self.manager).action_approve()
            stage.with_user(self.officer).action_pay("BANK-001")


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
        self.assertIn("L171", second.suspension_reason)
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
