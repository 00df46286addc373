"""One project's money through an agency's own books (民间非营利组织会计制度)."""

import base64
import io
import shutil
import subprocess
import unicodedata
from datetime import date
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.sgz_stations.tests.test_reports import render_pdf

from .common import VALID_ID, AgencyBooksCase, DisbursementCase

OTHER_ID = "110101199003070011"


@tagged("post_install", "-at_install")
class TestAgencyBooks(AgencyBooksCase):
    """Receipts, spending, labour fees and the books of the fixture's project."""

    # ------------------------------------------------------------------ setup
    def test_books_do_not_ask_odoo_for_the_chinese_chart(self):
        """Outside the tests, Odoo installs the localisation of a new company's
        country and loads its chart on commit (``install_l10n_modules``): an
        agency's books in China would get the enterprise chart over the non-profit
        one. Setting the books up never gets that far."""
        asked = []

        def install_l10n_modules(companies):
            asked.append(companies)
            return False

        base = type(self.env["res.company"]).__mro__
        owner = next(
            cls for cls in reversed(base) if "install_l10n_modules" in vars(cls)
        )
        with patch.object(owner, "install_l10n_modules", install_l10n_modules):
            self.agency3.with_user(self.manager)._sgz_setup_books()
        self.assertFalse(asked)
        books = self.agency3.sgz_book_company_id
        self.assertEqual(books.country_id.code, "CN")
        self.assertEqual(books.chart_template, "sgz_npo")

    def test_books_set_up_on_the_non_profit_chart(self):
        self.assertEqual(self.books.chart_template, "sgz_npo")
        self.assertEqual(self.books.sgz_agency_id, self.agency)
        for code, name in (
            ("1001", "现金"),
            ("1002", "银行存款"),
            ("3101", "非限定性净资产"),
            ("3102", "限定性净资产"),
            ("430101", "提供服务收入—限定性收入"),
            ("430102", "提供服务收入—非限定性收入"),
            ("5101", "业务活动成本"),
            ("5201", "管理费用"),
        ):
            account = self.books._sgz_npo_account(code)
            self.assertEqual(account.with_company(self.books).code, code)
            self.assertEqual(account.name, name)
        self.assertIn(self.books, self.accountant.company_ids)
        self.assertIn(self.books, self.auditor.company_ids)
        # only a manager sets books up; never twice; never over another chart
        with self.assertRefused(UserError, "not allowed"):
            self.agency3.with_user(self.officer)._sgz_setup_books()
        with self.assertRefused(UserError, "already keeps its books"):
            self.agency.with_user(self.manager)._sgz_setup_books()
        other = self.env["res.company"].create({"name": "另一家账套"})
        self.env["account.chart.template"].try_loading("generic_coa", other)
        with self.assertRefused(UserError, "another chart of accounts"):
            self.agency3.with_user(self.manager)._sgz_setup_books(company=other)
        self.assertFalse(other.sgz_agency_id)
        self.assertFalse(self.agency3.sgz_book_company_id)

    # ---------------------------------------------------------------- receipts
    def test_bureau_payment_received_as_restricted_income(self):
        first = self._paid_first_stage()
        receipt = first.receipt_ids
        self.assertEqual(len(receipt), 1)
        self.assertEqual(receipt.state, "draft")
        self.assertEqual(receipt.amount, first.amount_due)
        self.assertEqual(receipt.company_id, self.books)
        self.assertFalse(receipt.match_issue)
        # another agency's accountant neither sees nor posts it
        self.assertFalse(
            self.env["sgz.agency.receipt"]
            .with_user(self.accountant2)
            .search([("id", "=", receipt.id)])
        )
        with self.assertRaises(AccessError):
            receipt.with_user(self.accountant2).action_post()
        # a draft entered twice matches until one of the two is posted
        early_twin = receipt.with_user(self.accountant).copy({"bank_reference": "X"})
        self.assertFalse(early_twin.match_issue)
        receipt.with_user(self.accountant).action_post()
        self.assertIn("already received", early_twin.match_issue)
        self.assertEqual(
            self.env["sgz.agency.receipt"].search_count(
                [("id", "=", early_twin.id), ("match_issue", "!=", False)]
            ),
            1,
        )
        early_twin.with_user(self.accountant).unlink()
        move = receipt.move_id
        self.assertEqual(move.company_id, self.books)
        self.assertEqual(move.state, "posted")
        bank = self._lines_of(move, "1002")
        income = self._lines_of(move, "430101")
        self.assertEqual(bank.debit, first.amount_due)
        self.assertEqual(income.credit, first.amount_due)
        self.assertEqual(income.sgz_project_id, self.project)
        self.assertEqual(income.sgz_funding_source, "lottery")
        # a second receipt of the same payment is reported, not posted
        twin = receipt.with_user(self.accountant).copy({"bank_reference": "重复"})
        self.assertIn("already received", twin.match_issue)
        with self.assertRefused(UserError, "does not match a bureau payment"):
            twin.action_post()
        self.assertEqual(twin.state, "draft")
        reco = self.env["sgz.receipt.reconciliation"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(reco.paid_amount, first.amount_due)
        self.assertEqual(reco.received_amount, first.amount_due)
        self.assertEqual(reco.difference, 0)
        self.assertEqual(reco.unmatched_count, 1)

    def test_receipt_that_does_not_match_is_refused(self):
        first = self._paid_first_stage()
        receipt = first.receipt_ids.with_user(self.accountant)
        receipt.amount = first.amount_due - 0.01
        self.assertIn("the bureau paid", receipt.match_issue)
        with self.assertRefused(UserError, "does not match a bureau payment"):
            receipt.action_post()
        self.assertFalse(receipt.move_id)
        receipt.write({"amount": first.amount_due, "date": date(2026, 2, 1)})
        with self.assertRefused(UserError, "before the bureau paid"):
            receipt.action_post()
        _f, second, _t = self.contract.disbursement_ids.sorted("sequence")
        unpaid = (
            self.env["sgz.agency.receipt"]
            .with_user(self.accountant)
            .create(
                {
                    "project_id": self.project.id,
                    "disbursement_id": second.id,
                    "amount": second.amount_due,
                    "funding_source": "provincial",
                }
            )
        )
        with self.assertRefused(UserError, "has not been paid by the bureau"):
            unpaid.action_post()
        # a source the project is not funded by
        with self.assertRefused(ValidationError, "is not funded by"):
            unpaid.funding_source = "donations"
        reco = self.env["sgz.receipt.reconciliation"].search(
            [("project_id", "=", self.project.id)]
        )
        self.assertEqual(reco.received_amount, 0)
        self.assertEqual(reco.difference, first.amount_due)

    # ---------------------------------------------------------------- spending
    def test_expense_needs_invoice_and_evidence(self):
        expense = self._expense(invoice_number=False)
        self.assertTrue(expense.evidence_ids)
        self.assertIn("签到表", " ".join(expense.evidence_ids.mapped("name")))
        with self.assertRefused(UserError, "no lawful invoice.*evidence missing"):
            expense.action_post()
        self._with_evidence(expense)
        with self.assertRefused(UserError, "no lawful invoice"):
            expense.action_post()
        expense.invoice_number = "53001234"
        expense.action_post()
        self.assertEqual(expense.state, "posted")
        cost = self._lines_of(expense.move_id, "5101")
        self.assertEqual(cost.debit, 1000)
        self.assertEqual(cost.sgz_budget_line_id, self.line_meeting)
        self.assertEqual(cost.sgz_project_id, self.project)
        self.assertEqual(self.line_meeting.actual_amount, 1000)
        self.assertEqual(self.line_meeting.remaining_amount, 2000)
        self.assertEqual(self.line_meeting.committed_amount, 0)
        with self.assertRefused(UserError, "posted"):
            expense.amount = 10
        with self.assertRefused(UserError, "posted"):
            expense.unlink()
        with self.assertRefused(UserError, "posted"):
            expense.evidence_ids[0].attachment_ids = False

    def test_expense_over_its_line_is_refused(self):
        self._with_evidence(self._expense(amount=1500.0)).action_post()
        over = self._with_evidence(self._expense(amount=1500.01))
        self.assertEqual(self.line_meeting.committed_amount, 1500.01)
        with self.assertRefused(UserError, r"3,000\.01.*over its budget of.*3,000\.00"):
            over.action_post()
        self.assertEqual(over.state, "draft")
        self.assertEqual(self.line_meeting.actual_amount, 1500)

    def test_forbidden_spending_refused(self):
        tea = self._with_evidence(self._expense(use="meeting_extras"))
        with self.assertRefused(UserError, "gifts, flowers or tea breaks"):
            tea.action_post()
        laptop = self._with_evidence(
            self._expense(
                line=self.line_materials,
                spent_on_id=self.env.ref("sgz_finance.budget_category_fixed_assets").id,
                amount=800,
            )
        )
        with self.assertRefused(UserError, "may not pay for"):
            laptop.action_post()
        reception = self._with_evidence(self._expense(use="reception"))
        with self.assertRefused(UserError, "lottery-fund money may not pay"):
            reception.action_post()
        # the same use from the province's money is not a lottery-fund breach
        reception.funding_source = "provincial"
        reception.action_post()
        self.assertEqual(reception.state, "posted")
        self.assertFalse((tea | laptop).move_id, "a refused expense posts nothing")

    def test_cash_payment_warned_or_refused(self):
        cash = self._with_evidence(self._expense(payment_method="cash"))
        self.assertIn("bank transfer", cash.cash_warning)
        self.books.sgz_refuse_cash_payments = True
        with self.assertRefused(UserError, "in cash"):
            cash.action_post()
        self.books.sgz_refuse_cash_payments = False
        cash.action_post()
        self.assertTrue(self._lines_of(cash.move_id, "1001"))

    def test_purchase_rules(self):
        expense = self._with_evidence(
            self._expense(line=self.line_materials, amount=2500, name="活动物资采购")
        )
        with self.assertRefused(UserError, "needs its purchase record"):
            expense.action_post()
        Purchase = self.env["sgz.agency.purchase"].with_user(self.accountant)
        purchase = Purchase.create(
            {
                "name": "活动物资",
                "supplier_id": self.supplier.id,
                "amount": 2500,
                "quote_ids": [
                    (0, 0, {"supplier_id": self.supplier.id, "amount": 2500})
                ],
            }
        )
        with self.assertRefused(UserError, "inquiry or comparison.*signed contract"):
            purchase.action_approve()
        purchase.write(
            {
                "requirements": "A4 纸 100 包",
                "decision": "报价最低",
                "quote_ids": [
                    (0, 0, {"supplier_id": self.supplier2.id, "amount": 2600})
                ],
                "contract_signed": True,
                "contract_attachment_ids": self._attachment("合同.pdf").ids,
            }
        )
        relation = (
            self.env["sgz.agency.relation"]
            .with_user(self.accountant)
            .create(
                {
                    "partner_id": self.supplier.id,
                    "person": "王主任",
                    "relation": "配偶经营",
                }
            )
        )
        with self.assertRefused(UserError, "related party"):
            purchase.action_approve()
        relation.unlink()
        purchase.action_approve()
        with self.assertRefused(UserError, "approved"):
            purchase.amount = 100
        expense.write({"purchase_id": purchase.id, "partner_id": self.supplier2.id})
        self.assertIn("middleman", expense.middleman_warning)
        with self.assertRefused(UserError, "middleman"):
            expense.action_post()
        expense.partner_id = self.supplier
        expense.action_post()
        self.assertEqual(expense.state, "posted")

    # ------------------------------------------------------------------ labour
    def test_labour_withholding_on_the_month_total(self):
        with self.assertRefused(ValidationError, "check digit"):
            self._labour(10, payee_id_number="110105194912310021")
        with self.assertRefused(ValidationError, "over the guide's cap"):
            self._labour(10, rate=250)
        first = self._labour(17.5)  # 3,500
        self.assertEqual(first.gross, 3500)
        self.assertEqual(first.tax_preview, 540)
        with self.assertRefused(UserError, "signed pay sheet"):
            first.action_post()
        first.write({"signed": True, "signed_sheet_ids": self._attachment().ids})
        first.action_post()
        self.assertEqual((first.tax_withheld, first.net_amount), (540, 2960))
        second = self._labour(7.5, date=date(2026, 3, 28))  # 1,500, same month
        second.write({"signed": True, "signed_sheet_ids": self._attachment().ids})
        self.assertEqual(second.tax_preview, 260)
        second.action_post()
        # 5,000 in the month: taxable 4,000, tax 800 = 540 + 260
        self.assertEqual((second.tax_withheld, second.net_amount), (260, 1240))
        move = second.move_id
        self.assertEqual(self._lines_of(move, "5101").debit, 1500)
        self.assertEqual(self._lines_of(move, "220601").credit, 260)
        self.assertEqual(self._lines_of(move, "2209").credit, 1240)
        # another month, another payee: computed afresh
        april = self._labour(17.5, date=date(2026, 4, 2))
        self.assertEqual(april.tax_preview, 540)
        other = self._labour(17.5, payee_name="张华", payee_id_number=OTHER_ID)
        self.assertEqual(other.tax_preview, 540)
        second.action_pay()
        self.assertTrue(second.paid)
        self.assertEqual(self._lines_of(second.pay_move_id, "1002").credit, 1240)
        with self.assertRefused(UserError, "already paid"):
            second.action_pay()

    def test_id_numbers_are_for_accountants_and_auditors(self):
        payment = self._labour(5)
        self.assertEqual(
            payment.with_user(self.auditor).read(["payee_id_number"])[0][
                "payee_id_number"
            ],
            VALID_ID,
        )
        with self.assertRaises(AccessError):
            payment.with_user(self.officer).read(["payee_name"])
        with self.assertRaises(AccessError):
            payment.with_user(self.agency_user).read(["payee_name"])
        with self.assertRaises(AccessError):
            payment.with_user(self.accountant2).read(["payee_name"])

    # ------------------------------------------------------------------ access
    def test_books_invisible_to_others(self):
        first = self._paid_first_stage()
        first.receipt_ids.with_user(self.accountant).action_post()
        expense = self._with_evidence(self._expense())
        expense.action_post()
        Move = self.env["account.move"].with_user(self.accountant)
        both = self.env.company | self.books
        own = Move.with_context(allowed_company_ids=both.ids).search([])
        self.assertTrue(own)
        self.assertEqual(own.company_id, self.books)
        self.assertNotIn(first.move_id, own, "the bureau's bill stays invisible")
        with self.assertRaises(AccessError):
            first.move_id.with_user(self.accountant).read(["name"])
        # the other agency's accountant: neither the books nor the documents, even
        # when an administrator gave them access to the company by mistake
        self.accountant2.company_ids |= self.books
        for model in ("account.move", "account.move.line", "account.journal"):
            found = (
                self.env[model]
                .with_user(self.accountant2)
                .with_context(allowed_company_ids=(self.env.company | self.books).ids)
                .search([("company_id", "=", self.books.id)])
            )
            self.assertFalse(found, model)
        with self.assertRaises(AccessError):
            expense.with_user(self.accountant2).read(["amount"])
        with self.assertRaises(AccessError):
            self.env["sgz.agency.expense"].with_user(self.accountant2).create(
                {
                    "agency_id": self.agency.id,
                    "project_id": self.project.id,
                    "budget_line_id": self.line_meeting.id,
                    "spent_on_id": self.cat["meeting"].id,
                    "funding_source": "lottery",
                    "name": "冒名",
                    "partner_id": self.supplier.id,
                    "amount": 10,
                }
            )
        # the accountant reads the books, never writes them directly
        with self.assertRaises(AccessError):
            expense.move_id.with_user(self.accountant).write({"ref": "改"})
        # the project lead reads, does not spend
        with self.assertRaises(AccessError):
            self.env["sgz.agency.expense"].with_user(self.agency_user).create(
                {
                    "project_id": self.project.id,
                    "budget_line_id": self.line_meeting.id,
                    "spent_on_id": self.cat["meeting"].id,
                    "funding_source": "lottery",
                    "name": "越权",
                    "partner_id": self.supplier.id,
                    "amount": 10,
                }
            )
        # the state is the step's: no direct write posts an expense
        draft = self._expense()
        with self.assertRaises(UserError):
            draft.write({"state": "posted"})
        self.assertEqual(draft.state, "draft")

    # ------------------------------------------------------------ trial balance
    def test_trial_balance_shows_project_detail_and_ties_out(self):
        first = self._paid_first_stage()
        first.receipt_ids.with_user(self.accountant).action_post()
        self._with_evidence(self._expense(amount=1200)).action_post()
        labour = self._labour(17.5)
        labour.write({"signed": True, "signed_sheet_ids": self._attachment().ids})
        labour.action_post()
        report = (
            self.env["sgz.trial.balance"]
            .with_user(self.accountant)
            .create(
                {
                    "company_id": self.books.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 12, 31),
                }
            )
        )
        report.action_compute()
        names = {line.name: line for line in report.line_ids}
        project = self.project.display_name
        income = names[f"提供服务收入—限定性收入—{project}"]
        self.assertEqual(income.credit, first.amount_due)
        self.assertEqual(income.closing_credit, first.amount_due)
        meeting = names[f"业务活动成本—{project}—项目启动会"]
        self.assertEqual(meeting.debit, 1200)
        labour_row = names[f"业务活动成本—{project}—项目助理劳务费"]
        self.assertEqual(labour_row.debit, 3500)
        accounts = report.line_ids.filtered(lambda r: r.level == "account")
        cost = accounts.filtered(lambda r: r.code == "5101")
        self.assertEqual(cost.debit, 4700)
        self.assertEqual(
            round(sum(accounts.mapped("debit")), 2),
            round(sum(accounts.mapped("credit")), 2),
        )
        self.assertEqual(accounts.filtered(lambda r: r.code == "220601").credit, 540)
        # XLSX: frozen header, two decimals, totals as formulas
        report.action_export_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(report.xlsx_file)))
        sheet = book.worksheets[0]
        self.assertEqual(sheet.freeze_panes, "C5")
        cells = {sheet.cell(r, 2).value: r for r in range(5, sheet.max_row + 1)}
        row = cells[f"    业务活动成本—{project}—项目启动会"]
        self.assertEqual(sheet.cell(row, 5).value, 1200)
        self.assertEqual(sheet.cell(row, 5).number_format, "#,##0.00")
        total_row = sheet.max_row
        self.assertTrue(str(sheet.cell(total_row, 5).value).startswith("=SUM("))
        # the printed table (rendered to PDF by TestTrialBalancePdf)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "sgz_finance.action_report_trial_balance", report.ids
        )
        self.assertIn(f"业务活动成本—{project}—项目启动会", html.decode())
        self.assertIn("1,200.00", html.decode())
        # another agency's accountant may not read these books
        foreign = (
            self.env["sgz.trial.balance"]
            .with_user(self.accountant2)
            .create(
                {
                    "company_id": self.books.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 12, 31),
                }
            )
        )
        with self.assertRefused(UserError, "own accountants"):
            foreign.action_compute()

    def test_refused_steps_post_nothing(self):
        """A refusal leaves the agency's books as they were."""
        Move = self.env["account.move"].sudo()
        before = Move.search_count([("company_id", "=", self.books.id)])
        with freeze_time("2026-03-20"):
            for expense in (
                self._expense(invoice_number=False),
                self._expense(use="meeting_extras"),
            ):
                self._with_evidence(expense)
                with self.assertRaises(UserError):
                    expense.action_post()
        self.assertEqual(
            Move.search_count([("company_id", "=", self.books.id)]), before
        )

    # ----------------------------------------------------------------- closing
    def test_closing_releases_what_was_spent(self):
        first = self._paid_first_stage()
        first.receipt_ids.with_user(self.accountant).action_post()
        self._with_evidence(self._expense(amount=1200)).action_post()
        labour = self._labour(17.5)
        labour.write({"signed": True, "signed_sheet_ids": self._attachment().ids})
        labour.action_post()
        Close = self.env["sgz.period.close"].with_user(self.accountant)
        period = {
            "company_id": self.books.id,
            "date_from": date(2026, 1, 1),
            "date_to": date(2026, 6, 30),
        }
        closing = Close.create(period)
        with self.assertRefused(UserError, "not allowed"):
            closing.with_user(self.auditor).action_close()
        with self.assertRaises(AccessError):
            closing.with_user(self.accountant2).action_close()
        closing.action_close()
        self.assertEqual(closing.state, "closed")
        self.assertEqual(self.books.fiscalyear_lock_date, date(2026, 6, 30))
        received = first.amount_due
        row = closing.line_ids
        self.assertEqual(row.project_id, self.project)
        self.assertEqual(row.restricted_income, received)
        self.assertEqual(row.spent, 4700)
        self.assertEqual(row.released, 4700)
        self.assertEqual(row.closing_restricted, round(received - 4700, 2))
        move = closing.move_id
        self.assertEqual(self._lines_of(move, "430101").debit, received)
        restricted = self._lines_of(move, "3102")
        self.assertEqual(sum(restricted.mapped("credit")), received)
        self.assertEqual(sum(restricted.mapped("debit")), 4700)
        self.assertEqual(self._lines_of(move, "5101").credit, 4700)
        # the trial balance: income and cost closed, restricted net assets per project
        report = (
            self.env["sgz.trial.balance"]
            .with_user(self.accountant)
            .create(dict(period, company_id=self.books.id))
        )
        report.action_compute()
        names = {line.name: line for line in report.line_ids}
        project = self.project.display_name
        self.assertEqual(names[f"提供服务收入—限定性收入—{project}"].closing_credit, 0)
        self.assertEqual(
            names[f"限定性净资产—{project}"].closing_credit, round(received - 4700, 2)
        )
        self.assertEqual(names[f"非限定性净资产—{project}"].closing_credit, 0)
        # a period closes once; nothing more is posted in it
        with self.assertRefused(UserError, "closed already"):
            Close.create(period).action_close()
        late = self._with_evidence(self._expense(amount=100, date=date(2026, 6, 1)))
        with self.assertRefused(UserError, "closed until"):
            late.action_post()
        with self.assertRefused(UserError, "reversed, not changed"):
            closing.date_to = date(2026, 5, 31)
        # reversing reopens it
        closing.action_reverse()
        self.assertEqual(closing.state, "reversed")
        self.assertFalse(self.books.fiscalyear_lock_date)
        self.assertEqual(
            self._lines_of(closing.reversal_move_id, "430101").credit, received
        )
        late.action_post()
        self.assertEqual(late.state, "posted")

    # ------------------------------------------------------------ 收支明细表
    def test_project_ledger_lists_every_receipt_and_expense(self):
        first = self._paid_first_stage()
        first.receipt_ids.with_user(self.accountant).action_post()
        self._with_evidence(self._expense(amount=1200)).action_post()
        labour = self._labour(17.5)
        labour.write({"signed": True, "signed_sheet_ids": self._attachment().ids})
        labour.action_post()
        self._expense(amount=99)  # a draft is not in the ledger
        project = self.project.with_user(self.accountant)
        rows = project._sgz_ledger_rows()
        self.assertEqual(len(rows), 3)
        self.assertEqual(sum(r["income"] for r in rows), first.amount_due)
        self.assertEqual(sum(r["expense"] for r in rows), 4700)
        expense_row = next(r for r in rows if r["expense"] == 1200)
        self.assertEqual(expense_row["line"], "项目启动会")
        self.assertIn("53001234", expense_row["evidence"])
        self.assertTrue(expense_row["voucher"])
        action = project.action_export_ledger_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/")[3].split("?")[0])
        )
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(attachment.datas)))
        # the file is the accountant's: the project's other readers do not get it
        self.assertEqual(attachment.create_uid, self.accountant)
        for user in (self.agency_user, self.accountant2, self.officer):
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["datas"])
        sheet = book.worksheets[0]
        self.assertEqual(sheet.freeze_panes, "A5")
        self.assertEqual(sheet.cell(sheet.max_row, 8).value, "=SUM(H5:H7)")
        self.assertEqual(sheet.cell(5, 7).number_format, "#,##0.00")
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            ._render_qweb_html("sgz_finance.action_report_project_ledger", project.ids)
        )
        self.assertIn("项目启动会", html.decode())
        for user in (self.accountant2, self.agency_user, self.officer):
            with self.assertRefused(UserError, "not allowed|own accountants"):
                self.project.with_user(user).action_export_ledger_xlsx()


@tagged("post_install", "-at_install")
class TestTrialBalancePdf(DisbursementCase, HttpCase):
    """The trial balance printed by wkhtmltopdf, with its project detail."""

    def test_trial_balance_pdf(self):
        accountant = new_test_user(
            self.env,
            "sgz_pdf_accountant",
            groups="sgz_stations.group_agency_accountant",
        )
        accountant.sgz_agency_id = self.agency
        self.agency._sgz_setup_books(accountants=accountant)
        first, _second, _third = self._sign()
        self._pay(first, "2026-02-24 03:00:00")
        first.receipt_ids.with_user(accountant).action_post()
        report = (
            self.env["sgz.trial.balance"]
            .with_user(accountant)
            .create(
                {
                    "company_id": self.agency.sgz_book_company_id.id,
                    "date_from": date(2026, 1, 1),
                    "date_to": date(2026, 12, 31),
                }
            )
        )
        report.action_compute()
        pdf = render_pdf(self, "sgz_finance.action_report_trial_balance", report)
        self.assertGreater(len(pdf), 1000)
        if shutil.which("pdftotext"):  # poppler-utils: read the printed text back
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
            ).stdout.decode()
            # the CJK font maps some characters to Kangxi radicals: NFKC folds them
            text = unicodedata.normalize("NFKC", text)
            self.assertIn("提供服务收入—限定性收入", text)
