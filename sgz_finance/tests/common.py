"""Shared fixtures of the finance tests: a signed contract's stages and the books."""

import base64
from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.sgz_procurement.tests.common import SgzProcurementCase

VALID_ID = "11010519491231002X"  # GB 11643 example number, check digit X

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


class AgencyBooksCase(DisbursementCase):
    """The fixture's contract of 100,000.01, funded by the welfare lottery and the
    province, budgeted on three lines and spent through the agency's books."""

    @classmethod
    def _project_vals(cls, **overrides):
        vals = super()._project_vals(**overrides)
        if "funding_ids" not in overrides:
            vals["funding_ids"] = [
                (0, 0, {"source": "lottery", "amount": 200000.00}),
                (0, 0, {"source": "provincial", "amount": 100000.01}),
            ]
        return vals

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "sgz_accountant",
            groups="sgz_stations.group_agency_accountant",
        )
        cls.accountant.sgz_agency_id = cls.agency
        cls.accountant2 = new_test_user(
            cls.env,
            "sgz_accountant2",
            groups="sgz_stations.group_agency_accountant",
        )
        cls.accountant2.sgz_agency_id = cls.agency2
        cls.agency._sgz_setup_books(accountants=cls.accountant)
        cls.agency2._sgz_setup_books(accountants=cls.accountant2)
        cls.books = cls.agency.sgz_book_company_id
        cat = {
            code: cls.env.ref(f"sgz_finance.budget_category_{code}")
            for code in ("labour", "meeting", "materials", "fixed_assets")
        }
        cls.cat = cat
        budget = (
            cls.env["sgz.budget"]
            .with_user(cls.agency_user)
            .create(
                {
                    "project_id": cls.project.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "category_id": cat["labour"].id,
                                "name": "项目助理劳务费",
                                "quantity": 1,
                                "sessions": 50,
                                "rate": 200,
                                "rate_id": cls.env.ref(
                                    "sgz_finance.budget_rate_temp_staff"
                                ).id,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "category_id": cat["meeting"].id,
                                "name": "项目启动会",
                                "quantity": 1,
                                "sessions": 2,
                                "rate": 1500,
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                "category_id": cat["materials"].id,
                                "name": "活动物资",
                                "quantity": 1,
                                "sessions": 1,
                                "rate": 287000.01,
                            },
                        ),
                    ],
                }
            )
        )
        budget.action_submit()
        budget.with_user(cls.manager).action_approve()
        cls.budget = budget
        cls.line_labour, cls.line_meeting, cls.line_materials = budget.line_ids
        cls.supplier = cls.env["res.partner"].create(
            {"name": "春城文具店", "is_company": True}
        )
        cls.supplier2 = cls.env["res.partner"].create(
            {"name": "滇池办公用品", "is_company": True}
        )

    # ---------------------------------------------------------------- helpers
    def _attachment(self, name="证明.pdf"):
        return (
            self.env["ir.attachment"]
            .with_user(self.accountant)
            .create({"name": name, "datas": base64.b64encode(b"%PDF-1.4 evidence")})
        )

    def _expense(self, line=None, amount=1000.0, **vals):
        line = line or self.line_meeting
        values = {
            "project_id": self.project.id,
            "budget_line_id": line.id,
            "spent_on_id": line.category_id.id,
            "funding_source": "lottery",
            "name": "项目启动会会场租金",
            "partner_id": self.supplier.id,
            "amount": amount,
            "date": date(2026, 3, 10),
            "invoice_type": "vat_invoice",
            "invoice_number": "53001234",
        }
        values.update(vals)
        return self.env["sgz.agency.expense"].with_user(self.accountant).create(values)

    def _with_evidence(self, expense):
        for item in expense.evidence_ids:
            item.attachment_ids = self._attachment(item.name)
        return expense

    def _labour(self, gross_days, rate=200, **vals):
        values = {
            "project_id": self.project.id,
            "budget_line_id": self.line_labour.id,
            "funding_source": "provincial",
            "payee_name": "李明",
            "payee_id_number": VALID_ID,
            "payee_phone": "13800000000",
            "payee_employer": "昆明学院",
            "payee_title": "项目助理",
            "work": "入户走访",
            "days": gross_days,
            "rate": rate,
            "date": date(2026, 3, 15),
        }
        values.update(vals)
        return self.env["sgz.labor.payment"].with_user(self.accountant).create(values)

    def _paid_first_stage(self):
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        return first

    def _lines_of(self, move, code):
        return move.line_ids.filtered(
            lambda line: line.account_id.with_company(move.company_id).code == code
        )
