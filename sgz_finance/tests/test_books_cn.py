"""Installed into an existing Odoo company in China, on its Chinese chart (l10n_cn).

The Chinese chart is Odoo's ``l10n_cn`` addon, which sgz_finance does not depend on:
these tests run in a database of their own (``bin/test``, stage "over a Chinese
company's books"), where the company is in China before ``account`` is installed, so
that Odoo installs ``l10n_cn`` and loads its chart on it, as in a real bureau's
Odoo. Hence the tags: not in the standard run, selected by ``sgz_l10n_cn``.
"""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sgz_finance.models.res_company import BOOKS_FIELDS

from .common import DisbursementCase, name_books


@tagged("post_install", "-at_install", "-standard", "sgz_l10n_cn")
class TestBooksChina(DisbursementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        if company.chart_template != "cn":
            raise AssertionError(
                f"{company.name} keeps its books on the {company.chart_template} "
                "chart: these tests run where the company is in China and l10n_cn "
                "installed (bin/test)."
            )

    def _account(self, code):
        return self.env["account.account"].search(
            [("code", "=", code), ("company_ids", "in", self.env.company.ids)]
        )

    def test_bills_land_on_the_named_account(self):
        company = self.env.company
        taxes_account = self._account("640300")
        services_account = self._account("660200")
        self.assertEqual(taxes_account.name, "Operating Taxes and Surcharges")
        # the first expense account of the Chinese chart, where every disbursement
        # used to be booked: 640300 营业税金及附加
        first_expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", company.ids)],
            limit=1,
        )
        self.assertEqual(first_expense, taxes_account)
        first, _second, _third = self._sign()
        company.write({fname: False for fname in BOOKS_FIELDS})
        with freeze_time("2026-02-24 03:00:00"):
            first.with_user(self.officer).action_request()
            with self.assertRefused(UserError, "Settings > Users & Companies"):
                first.with_user(self.manager).action_approve()
        self.assertFalse(first.move_id)
        # the bureau names 660200 管理费用 and its journals
        name_books(company)
        self.assertEqual(company.sgz_expense_account_id, services_account)
        with freeze_time("2026-02-24 03:00:00"):
            first.with_user(self.manager).action_approve()
            first.with_user(self.officer).action_pay("GK-0001")
        bill = first.move_id
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.journal_id, company.sgz_purchase_journal_id)
        self.assertEqual(bill.invoice_line_ids.account_id, services_account)
        self.assertNotIn(taxes_account, bill.line_ids.account_id)
        self.assertEqual(bill.amount_total, 60000.01)
        self.assertEqual(
            bill.matched_payment_ids.journal_id, company.sgz_payment_journal_id
        )
        # the recovery's credit note: the same account
        self.contract.with_user(self.officer).action_perform()
        self.contract.with_user(self.manager)._terminate("breach", "擅自撤走驻站社工")
        self.contract.with_user(self.manager).action_record_recovery(
            20000, "按未履约期间追回"
        )
        note = self.contract.recovery_ids.move_id
        self.assertEqual(note.move_type, "in_refund")
        self.assertEqual(note.invoice_line_ids.account_id, services_account)
        self.assertNotIn(taxes_account, note.line_ids.account_id)
