"""Shared fixtures of the finance tests: a signed contract's stages and the books."""

from datetime import date

from freezegun import freeze_time

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

    def _officer_tasks(self, record):
        """The open activities of the fixture's officer on ``record``."""
        return record.activity_ids.filtered(lambda a: a.user_id == self.officer)

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
