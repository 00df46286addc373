"""The reports of the auditors and the bureau (issue 12): figures against hand-computed
totals, the XLSX structure, the PDF, who sees which rows, empty selections, query
counts that do not grow with the data, compliance exceptions and the dashboard."""

import base64
import io
import shutil
import subprocess
import unicodedata
from datetime import date
from unittest.mock import patch

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_amount

from odoo.addons.sgz_finance.models.sgz_report import money_formatter
from odoo.addons.sgz_stations.tests.test_reports import render_pdf

from .common import AgencyBooksCase

# organisation, period, selection, printed on: the header is on row 7, frozen below
HEADER_ROW = 7


class ReportsCase(AgencyBooksCase):
    """The fixture's project with its meeting line spent on (1,000.00 + 500.50) and
    the first stage of its contract paid two working days late."""

    def _spend(self):
        with freeze_time("2026-03-10"):
            self._with_evidence(self._expense(amount=1000.0)).action_post()
            self._with_evidence(
                self._expense(
                    amount=500.50, invoice_number="53001235", date=date(2026, 3, 11)
                )
            ).action_post()

    def _report(self, user, report, **vals):
        return self.env["sgz.report"].with_user(user).create({"report": report, **vals})

    def _xlsx(self, wizard):
        wizard.action_export_xlsx()
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.xlsx_file)))


@tagged("post_install", "-at_install")
class TestReports(ReportsCase):
    # ---------------------------------------------------------- 资金使用报告
    def test_fund_use_against_hand_computed_totals(self):
        self._spend()
        wizard = self._report(self.auditor, "fund_use", project_id=self.project.id)
        summary, lines = wizard.sgz_parts()
        # budget 10,000 + 3,000 + 287,000.01 = 300,000.01; spent 1,500.50
        self.assertEqual(
            summary["rows"],
            [
                [
                    self.project.code,
                    self.project.name,
                    self.agency.name,
                    self.county.name,
                    300000.01,
                    300000.01,
                    1500.50,
                    298499.51,
                    0.5,  # 1,500.50 / 300,000.01
                    0.5,
                ]
            ],
        )
        by_item = {row[2].split("：")[1]: row for row in lines["rows"]}
        meeting = by_item["项目启动会"]
        self.assertEqual(meeting[3:6], [3000.0, 1500.5, 1499.5])
        self.assertEqual(meeting[7], 50.02)  # 1,500.50 / 3,000
        self.assertRegex(meeting[6], "1,499.50")
        labour = by_item["项目助理劳务费"]
        self.assertEqual(labour[4], 0.0)
        # serials follow the guide: A (项目活动费用) A1, A2, ...
        self.assertTrue(all(row[1][0] == "A" for row in lines["rows"]))
        self.assertEqual(len({row[1] for row in lines["rows"]}), 3)
        # a period before the spending shows nothing spent
        early = self._report(
            self.auditor,
            "fund_use",
            project_id=self.project.id,
            date_from=date(2026, 1, 1),
            date_to=date(2026, 3, 10),
        )
        self.assertEqual(early.sgz_parts()[0]["rows"][0][6], 1000.0)

    def _budget_change(self, changes):
        return (
            self.env["sgz.change.request"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": self.project.id,
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                "section": "budget",
                                "original_text": "项目启动会3,000元",
                                "new_text": "启动会压缩，并入活动物资",
                                "reason": "启动会与街道活动合办",
                            },
                        )
                    ],
                    "budget_line_ids": [(0, 0, vals) for vals in changes],
                }
            )
        )

    def test_budget_change_keeps_what_was_spent(self):
        """A change may not remove or cut a line below what was spent on it; the
        report dated before a change reads the budget in force then."""
        self._spend()  # 1,500.50 on the meeting line, in March 2026
        self.budget.sudo()._sgz_step_write({"approved_on": date(2026, 2, 1)})
        remove = self._budget_change(
            [
                {
                    "budget_line_id": self.line_meeting.id,
                    "remove": True,
                    "reason": "与街道活动合办",
                },
                {
                    "budget_line_id": self.line_materials.id,
                    "quantity": 1,
                    "sessions": 1,
                    "rate": 290000.01,
                    "reason": "并入活动物资",
                },
            ]
        )
        with self.assertRefused(UserError, "already been spent"):
            remove.action_submit()
        cut = self._budget_change(
            [
                {
                    "budget_line_id": self.line_meeting.id,
                    "quantity": 1,
                    "sessions": 1,
                    "rate": 1500.49,
                    "reason": "压缩启动会",
                },
                {
                    "budget_line_id": self.line_materials.id,
                    "quantity": 1,
                    "sessions": 1,
                    "rate": 288499.52,
                    "reason": "并入活动物资",
                },
            ]
        )
        with self.assertRefused(UserError, "1,500.50"):
            cut.action_submit()
        # exactly what was spent is kept: accepted
        cut.budget_line_ids[0].rate = 1500.50
        cut.budget_line_ids[1].rate = 288499.51
        with freeze_time("2026-04-01"):
            cut.action_submit()
            cut.with_user(self.supervisor).action_supervisor_approve(opinion="可行")
            cut.with_user(self.manager).action_bureau_approve(opinion="同意")
        self.assertEqual(cut.new_budget_id.approved_on, date(2026, 4, 1))

        def line_of(report, item):
            rows = report.sgz_parts()[1]["rows"]
            return next(row for row in rows if row[2].endswith(item))

        now = self._report(self.auditor, "fund_use", project_id=self.project.id)
        self.assertEqual(line_of(now, "项目启动会")[3:6], [1500.5, 1500.5, 0.0])
        # in March the first version was in force: its meeting line and budget
        march = self._report(
            self.auditor,
            "fund_use",
            project_id=self.project.id,
            date_to=date(2026, 3, 31),
        )
        self.assertEqual(line_of(march, "项目启动会")[3:5], [3000.0, 1500.5])
        self.assertEqual(line_of(march, "活动物资")[3], 287000.01)

    def test_fund_use_shows_spending_on_a_line_gone_from_the_budget(self):
        """Data from before the change rule: spending on a line the budget in force
        no longer has is shown apart, never dropped (report and dashboard view)."""
        self._spend()
        more = self._budget_change(
            [
                {
                    "budget_line_id": self.line_meeting.id,
                    "quantity": 1,
                    "sessions": 1,
                    "rate": 4000,
                    "reason": "增加启动会",
                },
                {
                    "budget_line_id": self.line_materials.id,
                    "quantity": 1,
                    "sessions": 1,
                    "rate": 286000.01,
                    "reason": "物资节约",
                },
            ]
        )
        more.action_submit()
        more.with_user(self.supervisor).action_supervisor_approve(opinion="可行")
        more.with_user(self.manager).action_bureau_approve(opinion="同意")
        # the superseded line the spending was booked on, renamed as older data had it
        self.env.cr.execute(
            "UPDATE sgz_budget_line SET name = '启动会（旧）' WHERE id = %s",
            [self.line_meeting.id],
        )
        self.env.invalidate_all()
        wizard = self._report(self.auditor, "fund_use", project_id=self.project.id)
        summary, lines = wizard.sgz_parts()
        self.assertEqual(summary["rows"][0][5:8], [300000.01, 1500.50, 298499.51])
        by_item = {row[2].split("：")[1]: row for row in lines["rows"]}
        self.assertEqual(by_item["启动会（旧）"][3:6], [0.0, 1500.5, -1500.5])
        self.assertEqual(by_item["项目启动会"][3:6], [4000.0, 0.0, 4000.0])
        data = wizard._sgz_fund_use_rows(self.project)[self.project.id]
        serial = by_item["启动会（旧）"][1]
        group = next(r for r in data["rows"] if r["serial"] == serial[0])
        self.assertEqual(group["name"], "Spending on Lines No Longer in the Budget")
        usage = self.env["sgz.budget.usage"].search(
            [
                ("project_id", "=", self.project.id),
                ("category_id", "=", self.cat["meeting"].id),
            ]
        )
        self.assertEqual(
            sorted(usage.mapped(lambda u: (u.budget_amount, u.spent_amount))),
            [(0.0, 1500.5), (4000.0, 0.0)],
        )

    def test_money_text_is_odoos(self):
        """The report's amount formatter writes what Odoo's format_amount writes."""
        currency = self.env.company.currency_id
        for lang in ("en_US", "fr_FR"):
            self.env["res.lang"]._activate_lang(lang)
            env = self.env(context=dict(self.env.context, lang=lang))
            money = money_formatter(env)
            for amount in (0.0, 1499.5, -1500.5, 1234567.891, 0.005, -0.004):
                with self.subTest(lang=lang, amount=amount):
                    self.assertEqual(
                        money(amount, currency), format_amount(env, amount, currency)
                    )

    def test_fund_use_xlsx_structure(self):
        self._spend()
        wizard = self._report(self.auditor, "fund_use", project_id=self.project.id)
        book = self._xlsx(wizard)
        self.assertEqual(
            book.sheetnames, ["Fund Use by Project", "Fund Use by Budget Line"]
        )
        sheet = book["Fund Use by Budget Line"]
        self.assertEqual(sheet.freeze_panes, f"A{HEADER_ROW + 1}")
        self.assertEqual(sheet.cell(HEADER_ROW, 3).value, "Expenditure Item")
        self.assertIn(self.env.company.name, sheet["A2"].value)
        self.assertIn(self.project.display_name, sheet["A4"].value)
        first, last = HEADER_ROW + 1, HEADER_ROW + 3
        self.assertEqual(sheet.cell(first, 4).number_format, "#,##0.00")
        self.assertEqual(sheet.cell(last + 1, 1).value, "Total")
        self.assertEqual(sheet.cell(last + 1, 5).value, f"=SUM(E{first}:E{last})")
        spent = sum(sheet.cell(r, 5).value for r in range(first, last + 1))
        self.assertAlmostEqual(spent, 1500.5, places=2)

    def test_mid_term_report_prints_the_fund_use_table(self):
        self._spend()
        report = (
            self.env["sgz.project.report"]
            .with_user(self.agency_user)
            .create(
                {
                    "project_id": self.project.id,
                    "report_type": "midterm",
                    "date": date(2026, 6, 30),
                }
            )
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.agency_user)
            ._render_qweb_html(
                "sgz_stations.action_report_sgz_project_report", report.ids
            )[0]
            .decode()
        )
        self.assertIn("o_sgz_fund_use", html)
        self.assertIn("项目启动会", html)
        self.assertIn("1,500.50", html)
        self.assertIn("300,000.01", html)

    # ---------------------------------------------------------- 拨付登记
    def test_disbursement_register_counts_working_days_late(self):
        first, _second, _third = self._sign()
        # due Wed 4 March 2026; paid Fri 6 March: Thu 5 and Fri 6 are late
        self._pay(first, "2026-03-06 03:00:00")
        wizard = self._report(self.auditor, "disbursement", project_id=self.project.id)
        stages, by_county, by_agency = wizard.sgz_parts()
        paid = [r for r in stages["rows"] if r[8]]
        self.assertEqual(len(paid), 1)
        row = paid[0]
        self.assertEqual(
            row[6:10], [date(2026, 2, 12), date(2026, 3, 4), date(2026, 3, 6), 2]
        )
        self.assertEqual(row[11:13], [first.amount_due, first.amount_due])
        self.assertEqual(
            by_county["rows"],
            [[self.county.name, 3, 100000.01, first.amount_due, 40000.0]],
        )
        self.assertEqual(by_agency["rows"][0][0], self.agency.name)
        book = self._xlsx(wizard)
        self.assertEqual(book.sheetnames, ["Disbursements", "By County", "By Agency"])
        county = book["By County"]
        self.assertEqual(county.cell(HEADER_ROW + 2, 1).value, "Total")
        self.assertEqual(
            county.cell(HEADER_ROW + 2, 3).value,
            f"=SUM(C{HEADER_ROW + 1}:C{HEADER_ROW + 1})",
        )

    # ---------------------------------------------------------- 采购登记
    def test_procurement_register(self):
        inquiry = self._procurement(method="inquiry")
        wizard = self._report(self.auditor, "procurement")
        rows = {r[0]: r for r in wizard.sgz_parts()[0]["rows"]}
        tender = rows[self.proc.name]
        # the recorded tender: 100,000.01 against a ceiling of 300,000
        self.assertEqual(tender[7:10], [300000, 100000.01, 199999.99])
        row = rows[inquiry.name]
        self.assertEqual(row[4], 3)  # three suppliers invited
        self.assertEqual(row[5], 0)
        self.assertEqual(row[10], inquiry.announce_date)
        # 询价: at least 3 working days from the announcement
        self.assertGreater(row[11], inquiry.announce_date)
        # the response deadline in Kunming's calendar day (09:00 on 30 September)
        self.assertEqual(row[12], date(2026, 9, 30))
        # a quote is in: the bureau counts it, an invited supplier does not see the
        # number of invitations or quotes before the opening
        with freeze_time("2026-09-25 02:00:00"):
            inquiry.with_user(self.officer).action_announce()
        self._quote(inquiry, self.agency, 280000)
        wizard = self._report(self.auditor, "procurement")
        rows = {r[0]: r for r in wizard.sgz_parts()[0]["rows"]}
        self.assertEqual(rows[inquiry.name][4:6], [3, 1])
        wizard = self._report(self.agency_user2, "procurement")
        rows = {r[0]: r for r in wizard.sgz_parts()[0]["rows"]}
        self.assertEqual(rows[inquiry.name][4:7], [None, None, None])
        # a draft belongs to the period it was made in
        draft = self._procurement(method="inquiry", announce_date=False)
        today = date.today()
        wizard = self._report(
            self.auditor, "procurement", date_from=today, date_to=today
        )
        names = [r[0] for r in wizard.sgz_parts()[0]["rows"]]
        self.assertIn(draft.name, names)
        self.assertNotIn(inquiry.name, names)

    # ---------------------------------------------------------- 评估汇总
    def test_evaluation_summary(self):
        self._sign()
        self.project.with_user(self.officer).action_to_midterm()
        evaluation = self._evaluate("midterm", "2026-09-30 03:00:00")
        wizard = self._report(self.supervisor, "evaluation", project_id=self.project.id)
        evaluations, groups, grades, _barred = wizard.sgz_parts()
        self.assertEqual(len(evaluations["rows"]), 1)
        self.assertEqual(evaluations["rows"][0][0], 2026)
        self.assertEqual(evaluations["rows"][0][6], evaluation.total_score)
        self.assertAlmostEqual(
            sum(r[4] for r in groups["rows"]), evaluation.total_score, places=2
        )
        self.assertEqual(grades["rows"][0][0], "2026")
        self.assertEqual(grades["rows"][0][-1], 1)

    # ---------------------------------------------------------- 彩票公益金
    def test_lottery_fund_report(self):
        self._spend()  # both expenses are paid from the lottery funds
        self._activity(user=self.agency_user, date=date(2026, 3, 12), beneficiaries=12)
        wizard = self._report(
            self.auditor, "lottery", year=2026, project_id=self.project.id
        )
        [part] = wizard.sgz_parts()
        [row] = part["rows"]
        self.assertEqual(row[0], self.project.code)
        self.assertEqual(row[3:7], [200000.0, 0.0, 1500.5, -1500.5])
        self.assertEqual(row[7:9], [12, 1])
        before = self._report(
            self.auditor, "lottery", year=2025, project_id=self.project.id
        )
        self.assertFalse(before.sgz_parts()[0]["rows"])

    def test_lottery_reminder_in_january(self):
        manager_activities = self.env["mail.activity"].search(
            [
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("sgz_finance.activity_lottery_report").id,
                )
            ]
        )
        self.assertFalse(manager_activities)
        Reminder = self.env["sgz.lottery.reminder"]
        with freeze_time("2026-12-20"):
            Reminder._cron_remind()
        with freeze_time("2027-01-05"):
            Reminder._cron_remind()
            Reminder._cron_remind()  # once
        activities = self.env["mail.activity"].search(
            [
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("sgz_finance.activity_lottery_report").id,
                )
            ]
        )
        self.assertIn(self.manager, activities.user_id)
        self.assertEqual(len(activities), len(activities.user_id))
        self.assertEqual(set(activities.mapped("date_deadline")), {date(2027, 1, 31)})
        self.assertTrue(all("2026" in a.summary for a in activities))

    # ---------------------------------------------------------- access
    def test_agency_users_see_only_their_agency(self):
        self._spend()
        other = self._report(self.accountant2, "fund_use")
        self.assertFalse(other.sgz_parts()[0]["rows"])
        own = self._report(self.accountant, "fund_use")
        self.assertEqual(
            [r[0] for r in own.sgz_parts()[0]["rows"]], [self.project.code]
        )
        # naming another agency's project in the selection gives nothing either
        asked = self._report(self.accountant2, "fund_use", project_id=self.project.id)
        self.assertFalse(asked.sgz_parts()[1]["rows"])
        # a report and its file are read by the user who made it only
        with self.assertRaises(AccessError):
            own.with_user(self.accountant2).read(["xlsx_file"])
        # a user of no report role is refused
        stranger = new_test_user(self.env, "sgz_stranger", groups="base.group_user")
        with self.assertRefused(UserError, "not allowed"):
            self._report(stranger, "fund_use").sgz_parts()

    def test_empty_selection_is_a_well_formed_file(self):
        empty = (
            self.env["sgz.project"]
            .with_user(self.officer)
            .create(self._project_vals(name="空项目", funding_ids=[]))
        )
        for report, sheet_name in (
            ("fund_use", "Fund Use by Budget Line"),
            ("disbursement", "Disbursements"),
            ("evaluation", "Evaluations"),
            ("exception", "Exceptions"),
            ("lottery", "Lottery Funds"),
        ):
            wizard = self._report(self.auditor, report, project_id=empty.id)
            sheet = self._xlsx(wizard)[sheet_name]
            self.assertTrue(sheet.cell(HEADER_ROW, 1).value, report)
            self.assertEqual(
                sheet.cell(HEADER_ROW + 1, 1).value, "Nothing in this selection."
            )
            html = self.env["ir.actions.report"]._render_qweb_html(
                "sgz_finance.action_report_sgz_report", wizard.ids
            )[0]
            self.assertIn(b"Nothing in this selection.", html)
        with self.assertRefused(UserError, "ends before it begins"):
            self._report(
                self.auditor,
                "fund_use",
                date_from=date(2026, 2, 1),
                date_to=date(2026, 1, 1),
            ).sgz_parts()

    def test_pdf_size_is_checked_where_it_is_rendered(self):
        self._spend()
        wizard = self._report(self.auditor, "fund_use", project_id=self.project.id)
        Report = self.env["ir.actions.report"].with_user(self.auditor)
        with (
            patch("odoo.addons.sgz_finance.models.sgz_report.PDF_MAX_ROWS", 0),
            self.assertRefused(UserError, "more than a printed report holds"),
        ):
            Report._render_qweb_html("sgz_finance.action_report_sgz_report", wizard.ids)

    # ---------------------------------------------------------- exceptions
    def test_compliance_exceptions_and_review(self):
        first, _second, _third = self._sign()
        with freeze_time("2026-03-10"):
            cash = self._with_evidence(
                self._expense(amount=1000.0, payment_method="cash")
            )
            cash.action_post()
        # the supplier is recorded as related after the expense was posted
        self.env["sgz.agency.relation"].create(
            {
                "agency_id": self.agency.id,
                "partner_id": self.supplier.id,
                "person": "王会计",
                "relation": "配偶经营",
            }
        )
        Exception_ = self.env["sgz.compliance.exception"]
        with freeze_time("2026-03-10"):
            Exception_._cron_refresh()
        rows = Exception_.search([("project_id", "=", self.project.id)])
        by_rule = {r.rule: r for r in rows}
        self.assertEqual(by_rule["late_disbursement"].source_ref, first)
        self.assertEqual(by_rule["late_disbursement"].amount, first.amount_due)
        self.assertEqual(by_rule["cash_payment"].source_ref, cash)
        self.assertIn("四（一）", by_rule["cash_payment"].guide_ref)
        self.assertNotIn("L4267", by_rule["cash_payment"].guide_ref)
        self.assertEqual(by_rule["related_party"].source_ref, cash)
        self.assertIn("王会计", by_rule["related_party"].detail)
        late = by_rule["late_disbursement"]
        # only the auditor reviews; the review never touches the record
        with self.assertRefused(UserError, "not allowed"):
            late.with_user(self.officer).write({"review_comment": "看过了"})
        with self.assertRefused(UserError, "set by the workflow steps only"):
            late.with_user(self.auditor).write({"reviewed": True})
        with self.assertRefused(UserError, "set by the workflow steps only"):
            late.with_user(self.auditor).write({"amount": 0})
        late.with_user(self.auditor).write({"review_comment": "春节后支付，已说明"})
        late.with_user(self.auditor).action_mark_reviewed()
        self.assertTrue(late.reviewed)
        # what the review found is amended after reopening the review only
        with self.assertRefused(UserError, "reopen the review"):
            late.with_user(self.auditor).write({"review_comment": "改一下"})
        self.assertEqual(late.reviewed_by, self.auditor)
        self.assertEqual(first.state, "payable")
        with self.assertRefused(UserError, "not allowed"):
            late.with_user(self.officer).action_mark_reviewed()
        with self.assertRaises(AccessError):
            late.with_user(self.auditor).unlink()
        # paid: the row stays, resolved, with its review
        self._pay(first, "2026-03-11 03:00:00")
        with freeze_time("2026-03-11"):
            Exception_._cron_refresh()
        self.assertEqual(late.state, "resolved")
        self.assertEqual(late.review_comment, "春节后支付，已说明")
        # another agency's accountant does not see it
        self.assertFalse(
            Exception_.with_user(self.accountant2).search([("id", "=", late.id)])
        )
        # a breach that comes back needs a new review
        related = by_rule["related_party"]
        related.with_user(self.auditor).action_mark_reviewed()
        relation = self.env["sgz.agency.relation"].search(
            [("agency_id", "=", self.agency.id)]
        )
        vals = relation.read(["agency_id", "partner_id", "person", "relation"])[0]
        relation.unlink()
        Exception_._cron_refresh()
        self.assertEqual(related.state, "resolved")
        self.assertTrue(related.reviewed)
        self.env["sgz.agency.relation"].create(
            {
                k: v[0] if isinstance(v, tuple) else v
                for k, v in vals.items()
                if k != "id"
            }
        )
        Exception_._cron_refresh()
        self.assertEqual(related.state, "open")
        self.assertFalse(related.reviewed)
        self.assertFalse(related.reviewed_by)
        # the job reads every active record, in the bureau's language, whatever
        # context it is called with
        context = (
            Exception_.with_context(active_test=False, lang="xx_XX", tz="Europe/Paris")
            ._sgz_refresh_env()
            .env.context
        )
        self.assertTrue(context["active_test"])
        self.assertIn(
            context["lang"], [code for code, _n in self.env["res.lang"].get_installed()]
        )
        self.assertEqual(
            context["tz"], self.env.company.partner_id.tz or "Asia/Shanghai"
        )
        # the button asks the job to read the data now, and reads nothing itself
        before = Exception_.search_count([])
        action = Exception_.with_user(self.auditor).action_refresh()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(Exception_.search_count([]), before)
        with self.assertRefused(UserError, "not allowed"):
            Exception_.with_user(self.accountant).action_refresh()
        wizard = self._report(self.auditor, "exception", project_id=self.project.id)
        self.assertEqual(
            len(wizard.sgz_parts()[0]["rows"]),
            Exception_.search_count([("project_id", "=", self.project.id)]),
        )

    # ---------------------------------------------------------- dashboard
    def test_dashboard_figures_open_their_lists(self):
        Board = self.env["sgz.dashboard"].with_user(self.manager)
        with freeze_time("2026-03-10"):
            before = Board.sgz_figures()["payments_late"]
        first, _second, _third = self._sign()
        with freeze_time("2026-03-10"):
            board = Board.create({})
            self.assertEqual(board.payments_late_count, before[0] + 1)
            self.assertEqual(
                board.payments_late_amount,
                self.env.company.currency_id.round(before[1] + first.amount_due),
            )
            action = board.with_context(sgz_figure="payments_late").action_open()
        self.assertEqual(action["res_model"], "sgz.disbursement")
        with freeze_time("2026-03-10"):
            listed = (
                self.env["sgz.disbursement"]
                .with_user(self.manager)
                .search(action["domain"])
            )
        self.assertIn(first, listed)
        self.assertEqual(len(listed), board.payments_late_count)
        self.assertFalse(board.with_context(sgz_figure="nothing").action_open())

    # ---------------------------------------------------------- bounded cost
    def _queries(self, user):
        """The queries of each report and of the dashboard, run as ``user``, once
        the caches are warm (the third of three runs)."""
        reports = [
            key for key, _label in self.env["sgz.report"]._fields["report"].selection
        ]
        board = self.env["sgz.dashboard"].with_user(user)
        wizards = {r: self._report(user, r, year=2026) for r in reports}
        # what the set-up left to write goes first (writing users or groups would
        # empty the caches that the warm-up fills)
        self.env.flush_all()
        for wizard in wizards.values():
            wizard.sgz_parts()
        board.sgz_figures()
        runs = {name: [] for name in [*wizards, "dashboard"]}
        for _run in range(3):
            for report, wizard in wizards.items():
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                wizard.sgz_parts()
                runs[report].append(self.cr.sql_log_count - before)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            board.sgz_figures()
            runs["dashboard"].append(self.cr.sql_log_count - before)
        # the steady count: a first run may still fill Odoo's caches (access rules)
        return {name: counts[-1] for name, counts in runs.items()}

    def _more_projects(self, count):
        """``count`` more projects, each signed, budgeted, spent on and evaluated."""
        for i in range(count):
            project = (
                self.env["sgz.project"]
                .with_user(self.officer)
                .create(self._project_vals(name=f"批量项目{i}"))
            )
            budget = self.budget.copy({"project_id": project.id})
            budget.with_user(self.agency_user).action_submit()
            budget.with_user(self.manager).action_approve()
            proc = self._procurement(
                method="public_tender",
                suppliers=[],
                project_ids=[(6, 0, project.ids)],
                platform_reference=f"YNZC-2026-9{i:03d}",
                bidder_ids=[(6, 0, self.agency.ids)],
                tender_amount=100000.01,
            )
            proc.with_user(self.officer).action_announce()
            proc.with_user(self.officer).write({"awarded_supplier_id": self.agency.id})
            proc.with_user(self.officer).action_record_tender_result()
            action = proc.with_user(self.officer).action_create_contract()
            contract = self.env["sgz.contract"].browse(action["res_id"])
            contract.with_user(self.officer).write(
                {"date_start": date(2026, 1, 1), "date_end": date(2026, 12, 31)}
            )
            project.with_user(self.officer).action_start()
            with freeze_time("2026-02-12 03:00:00"):
                contract.with_user(self.officer).action_sign()
            line = budget.line_ids.filtered(lambda li: li.name == "项目启动会")
            with freeze_time("2026-03-10"):
                self._with_evidence(
                    self._expense(
                        line=line, project_id=project.id, invoice_number=f"6{i:07d}"
                    )
                ).action_post()

    def test_query_count_does_not_grow_with_the_data(self):
        self._sign()
        self._spend()
        self.env["sgz.compliance.exception"]._cron_refresh()
        small = {
            "auditor": self._queries(self.auditor),
            "accountant": self._queries(self.accountant),
        }
        self._more_projects(9)
        self.env["sgz.compliance.exception"]._cron_refresh()
        self.assertEqual(
            self.env["sgz.disbursement"].search_count(
                [("agency_id", "=", self.agency.id)]
            ),
            30,
        )
        large = {
            "auditor": self._queries(self.auditor),
            "accountant": self._queries(self.accountant),
        }
        self.maxDiff = None
        self.assertEqual(small, large)


@tagged("post_install", "-at_install")
class TestReportPdf(ReportsCase, HttpCase):
    """A report printed by wkhtmltopdf: organisation, selection and figures."""

    def test_fund_use_pdf(self):
        self._spend()
        wizard = self._report(self.auditor, "fund_use", project_id=self.project.id)
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "sgz_finance.report_sgz_report")
        pdf = render_pdf(self, "sgz_finance.action_report_sgz_report", wizard)
        self.assertGreater(len(pdf), 1000)
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-layout", "-", "-"],
                input=pdf,
                capture_output=True,
                check=True,
            ).stdout.decode()
            text = unicodedata.normalize("NFKC", text)
            self.assertIn("项目启动会", text)
            self.assertIn("1,500.50", text)
            self.assertIn(self.project.name, text)
