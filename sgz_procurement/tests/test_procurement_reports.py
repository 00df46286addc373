import io
import logging
import re
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import format_date
from odoo.tools.pdf import PdfFileReader
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.sgz_stations.tests.test_reports import (
    render_pdf,
)

from .common import AT_OPENING, BEFORE_DEADLINE, SgzProcurementCase

QUOTATION = "sgz_procurement.action_report_sgz_quote"
LETTER = "sgz_procurement.action_report_sgz_quote_letter"
AWARD_NOTICE = "sgz_procurement.action_report_sgz_award_notice"
CONTRACT = "sgz_procurement.action_report_sgz_contract"

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestProcurementReports(SgzProcurementCase, HttpCase):
    """The printed forms of the procurement: the quote file's 报价表,
    服务费用分项报价一览表 and 询价申请函 (seed L2938-3067), the award notice, and the
    service agreement (L3331-3380) with its payment plan.

    An HttpCase, as the station forms' tests: wkhtmltopdf fetches the report assets
    from the test server while the test waits.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agency.write({"street": "华山南路88号", "city": "昆明市"})
        # An announced inquiry and a quote the supplier prints before submitting it
        cls.inquiry = cls._procurement(budget_ceiling=2000000)
        with freeze_time("2026-09-25 02:00:00"):
            cls.inquiry.with_user(cls.officer).action_announce()
        with freeze_time(BEFORE_DEADLINE):
            Quote = cls.env["sgz.quote"]
            cls.quote = Quote.browse(
                Quote.with_user(cls.agency_user)
                .create(
                    {
                        "procurement_id": cls.inquiry.id,
                        "total_amount": 1004000.50,
                        "service_period": "2027年1月1日至2027年12月31日",
                        "service_plan": "按需求开展服务",
                        "line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "社工服务人员补贴",
                                    "quantity": 24,
                                    "unit_price": 25000,
                                    "note": "2名社工×12个月",
                                },
                            ),
                            (
                                0,
                                0,
                                {
                                    "name": "督导及培训费",
                                    "quantity": 10,
                                    "unit_price": 20000.05,
                                },
                            ),
                            (
                                0,
                                0,
                                {"name": "活动及管理费用", "unit_price": 204000},
                            ),
                        ],
                    }
                )
                .id
            )
            cls.quote2 = Quote.browse(
                Quote.with_user(cls.agency_user2)
                .create(
                    {
                        "procurement_id": cls.inquiry.id,
                        "total_amount": 998000,
                        "service_period": "2027年全年",
                        "line_ids": [
                            (0, 0, {"name": "驻站服务", "unit_price": 998000})
                        ],
                    }
                )
                .id
            )

        # An open tender recorded from the platform, its notice and its contract
        cls.tender = cls._procurement(
            method="public_tender",
            suppliers=[],
            platform_reference="YNZC-2026-0915",
            bidder_ids=[(6, 0, cls.agency.ids)],
            tender_amount=100000.01,
        )
        cls.tender.with_user(cls.officer).action_announce()
        cls.tender.with_user(cls.officer).write({"awarded_supplier_id": cls.agency.id})
        with freeze_time("2026-10-09 02:00:00"):
            cls.tender.with_user(cls.officer).action_record_tender_result()
        # the platform's notice, kept with the record (as the notice step does)
        cls.tender._sgz_step_write(
            {"notice_text": "成交结果已在云南省政府采购网公告。"}
        )
        action = cls.tender.with_user(cls.officer).action_create_contract()
        cls.contract = cls.env["sgz.contract"].browse(action["res_id"])
        cls.contract.with_user(cls.officer).write(
            {
                "staff_count": 2,
                "breach_terms": "乙方未按约定派驻社工的，每缺一人每月扣减5000元。",
                "sign_date": date(2026, 12, 15),
            }
        )
        cls.agency.bank_ids.unlink()
        bank = cls.env["res.bank"].create({"name": "中国工商银行昆明华山支行"})
        cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.agency.id,
                "bank_id": bank.id,
                "acc_number": "2502 0100 0900 1234 567",
                "acc_holder_name": cls.agency.name,
            }
        )
        cls.agency.write({"phone": "0871-65551234", "email": "qihang@example.com"})

    def _html(self, report_ref, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        html, report_type = Report._render_qweb_html(report_ref, records.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def assertFigure(self, html, css_class, value):
        self.assertRegex(html, rf'class="[^"]*{css_class}[^"]*"[^>]*>\s*{value}\s*<')

    # ------------------------------------------------------------------ quotes
    def test_quotation(self):
        html = self._html(QUOTATION, self.quote, user=self.agency_user)
        # 报价表
        self.assertIn("Quotation Form", html)
        self.assertIn(self.inquiry.title, html)
        self.assertIn(self.inquiry.name, html)
        self.assertFigure(html, "o_sgz_supplier", self.agency.name)
        self.assertFigure(html, "o_sgz_words", "人民币壹佰万零肆仟元伍角")
        self.assertFigure(html, "o_sgz_figures", "1,004,000.50")
        self.assertNotIn("¥", html)  # 小写 in plain figures, the unit is in the label
        self.assertIn("2027年1月1日至2027年12月31日", html)
        # 服务费用分项报价一览表: the lines in their order, then the totals
        self.assertIn("Itemised Quotation of Service Fees", html)
        positions = [
            html.index(text)
            for text in ("社工服务人员补贴", "督导及培训费", "活动及管理费用")
        ]
        self.assertEqual(positions, sorted(positions))
        self.assertIn(">24<", html)  # whole quantities without decimals
        self.assertFigure(html, "o_sgz_unit_price", "25,000.00")
        self.assertFigure(html, "o_sgz_subtotal", "600,000.00")
        self.assertFigure(html, "o_sgz_unit_price", "20,000.05")
        self.assertFigure(html, "o_sgz_subtotal", "200,000.50")
        self.assertFigure(html, "o_sgz_subtotal", "204,000.00")
        self.assertIn("2名社工×12个月", html)
        # "RMB in words:" is followed by the words without a second 人民币
        self.assertFigure(html, "o_sgz_words", "壹佰万零肆仟元伍角")
        self.assertEqual(html.count("o_sgz_figures"), 2)
        # the two forms on two pages of one article
        self.assertEqual(html.count('class="article o_sgz_form"'), 1)
        self.assertEqual(html.count("page-break-before: always"), 1)
        self.assertLess(
            html.index("Quotation Form"),
            html.index("Itemised Quotation of Service Fees"),
        )

    def test_application_letter(self):
        html = self._html(LETTER, self.quote, user=self.agency_user)
        self.assertIn("Inquiry Application Letter", html)
        self.assertIn("Annex 4", html)
        self.assertFigure(html, "o_sgz_purchaser", self.inquiry.purchaser_id.name)
        self.assertFigure(html, "o_sgz_supplier", self.agency.name)
        # item 1: the total in words and in figures
        self.assertFigure(html, "o_sgz_words", "人民币壹佰万零肆仟元伍角")
        self.assertFigure(html, "o_sgz_figures", "1,004,000.50")
        # item 5: valid until 60 days after the opening (30 Sep 2026 → 29 Nov 2026)
        self.assertEqual(self.quote.valid_until, date(2026, 11, 29))
        self.assertIn("until 60 days after the opening", html)
        self.assertFigure(
            html, "o_sgz_valid_until", format_date(self.env, date(2026, 11, 29))
        )
        for number in range(1, 8):
            self.assertIn(f"{number}. ", html)
        self.assertIn("not bound to award the contract to the applicant", html)
        self.assertIn("华山南路88号", html)

    def test_several_quotes_in_one_print(self):
        html = self._html(QUOTATION, self.quote | self.quote2)
        self.assertEqual(html.count('class="article o_sgz_form"'), 1)
        self.assertNotIn("data-oe-id=", html)
        # two pages per quote
        self.assertEqual(html.count("page-break-before: always"), 3)
        self.assertLess(html.index(self.agency.name), html.index(self.agency2.name))
        self.assertIn("人民币玖拾玖万捌仟元整", html)
        single = self._html(LETTER, self.quote2)
        self.assertIn(f'data-oe-id="{self.quote2.id}"', single)

    def test_sealed_quote_prints_for_its_supplier_only(self):
        """Printing reads with the user's rights: before the opening nobody but the
        supplier can print a quote, and the supplier never prints a competitor's."""
        for report_ref in (QUOTATION, LETTER):
            with self.subTest(report=report_ref):
                for user in (self.officer, self.agency_user2):
                    with self.assertRaises(Exception) as cm:
                        self._html(report_ref, self.quote, user=user)
                    # QWeb reports the AccessError of the record it could not read
                    self.assertIsInstance(
                        cm.exception.__cause__ or cm.exception, AccessError
                    )
                html = self._html(report_ref, self.quote2, user=self.agency_user2)
                self.assertIn(self.agency2.name, html)

    # ------------------------------------------------------------ award notice
    def test_award_notice_of_recorded_tender(self):
        html = self._html(AWARD_NOTICE, self.tender, user=self.officer)
        self.assertIn("Notice of Winning Bid", html)
        self.assertNotIn("has not been awarded", html)
        self.assertFigure(html, "o_sgz_supplier", self.agency.name)
        self.assertFigure(html, "o_sgz_purchaser", self.tender.purchaser_id.name)
        self.assertFigure(html, "o_sgz_project_title", self.tender.title)
        self.assertIn(self.tender.name, html)
        self.assertFigure(html, "o_sgz_method", "Open Tender")
        self.assertFigure(html, "o_sgz_figures", "100,000.01")
        self.assertFigure(html, "o_sgz_words", "人民币壹拾万元零壹分")
        self.assertFigure(
            html, "o_sgz_date_start", format_date(self.env, date(2027, 1, 1))
        )
        self.assertFigure(
            html, "o_sgz_date_end", format_date(self.env, date(2027, 12, 31))
        )
        self.assertFigure(
            html, "o_sgz_notice_date", format_date(self.env, date(2026, 10, 9))
        )
        self.assertIn("成交结果已在云南省政府采购网公告。", html)

    def test_award_notice_of_inquiry(self):
        proc = self._procurement()
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, (280000, 275000.5, 290000), strict=True):
            self._quote(proc, agency, amount)
        with freeze_time(AT_OPENING):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        proc.with_user(self.officer).action_finish_review()
        proc.with_user(self.officer).action_propose_award()
        # not awarded yet: a statement instead of a notice, no amount
        html = self._html(AWARD_NOTICE, proc, user=self.officer)
        self.assertIn("has not been awarded", html)
        self.assertNotIn("Notice of Award", html)
        self.assertNotIn("275,000.50", html)
        with freeze_time("2026-09-30 06:00:00"):
            proc.with_user(self.manager).action_approve_award()
        with freeze_time("2026-10-08 03:00:00"):
            proc.with_user(self.officer).action_publish_notice()
        html = self._html(AWARD_NOTICE, proc, user=self.officer)
        self.assertIn("Notice of Award", html)
        self.assertNotIn("Notice of Winning Bid", html)
        self.assertFigure(html, "o_sgz_supplier", self.agency2.name)
        self.assertFigure(html, "o_sgz_method", "Price Inquiry")
        self.assertFigure(html, "o_sgz_figures", "275,000.50")
        self.assertFigure(html, "o_sgz_words", "人民币贰拾柒万伍仟元伍角")
        self.assertFigure(
            html, "o_sgz_notice_date", format_date(self.env, date(2026, 10, 8))
        )
        self.assertIn(proc.notice_text, html)
        # the winner reads its notice too (it was invited)
        html = self._html(AWARD_NOTICE, proc, user=self.agency_user2)
        self.assertIn("Notice of Award", html)

    def test_award_notice_not_awarded(self):
        html = self._html(AWARD_NOTICE, self.inquiry | self.tender)
        self.assertIn("has not been awarded", html)
        self.assertIn(self.inquiry.display_name, html)
        self.assertIn("Notice of Winning Bid", html)
        self.assertEqual(html.count("page-break-before: always"), 1)

    # ---------------------------------------------------------------- contract
    def test_contract(self):
        for user in (self.officer, self.agency_user):
            with self.subTest(user=user.login):
                html = self._html(CONTRACT, self.contract, user=user)
                self.assertIn(
                    "Kunming Social Work Service Station Service Project Agreement",
                    html,
                )
                self.assertIn(self.contract.name, html)
                self.assertFigure(html, "o_sgz_party_a", self.tender.purchaser_id.name)
                self.assertFigure(html, "o_sgz_party_b", self.agency.name)
                # I. term
                self.assertFigure(
                    html, "o_sgz_date_start", format_date(self.env, date(2027, 1, 1))
                )
                self.assertFigure(
                    html, "o_sgz_date_end", format_date(self.env, date(2027, 12, 31))
                )
                # II. (I) 1. the funds in figures and words, then the payment plan
                self.assertFigure(html, "o_sgz_figures", "100,000.01")
                self.assertFigure(html, "o_sgz_words", "人民币壹拾万元零壹分")
                self.assertLess(
                    html.index("o_sgz_funding"), html.index("o_sgz_payment_plan")
                )
                self.assertEqual(
                    re.findall(r'class="o_sgz_percentage">([^<]*)<', html),
                    ["60", "20", "20"],
                )
                self.assertFigure(html, "o_sgz_percent_total", "100")
                self.assertEqual(html.count('o_sgz_due_days">10<'), 3)
                self.assertIn("Contract Takes Effect", html)
                self.assertIn("Mid-term Evaluation Passed", html)
                self.assertIn("Final Evaluation Passed", html)
                self.assertFigure(html, "o_sgz_stage_amount", "60,000.01")
                self.assertFigure(html, "o_sgz_plan_total", "100,000.01")
                # II. (I) 3. the monthly brief's due day, from the project's setting
                self.assertFigure(
                    html,
                    "o_sgz_brief_due_day",
                    str(self.contract.project_id.report_due_day),
                )
                # II. (II) 1. staff sent
                self.assertFigure(html, "o_sgz_staff_count", "2")
                # III. this contract's content, targets and staff
                self.assertIn("III. Service Content, Targets and Staff", html)
                self.assertIn("驻站社工2名，开展个案、小组、社区活动", html)
                self.assertIn("服务人数不少于400人", html)
                self.assertIn("至少1名持证社工", html)
                # IV. the seed's four clauses, then the contract's breach terms; each
                # heading numbered once
                self.assertIn("IV. Handling of Breach of Contract", html)
                self.assertEqual(html.count("III. "), 1)
                self.assertLess(
                    html.index("4. Disputes arising"),
                    html.index("乙方未按约定派驻社工的"),
                )
                # signature blocks with Party B's bank details and the signing date
                self.assertFigure(html, "o_sgz_acc_number", "2502 0100 0900 1234 567")
                self.assertIn("中国工商银行昆明华山支行", html)
                self.assertIn("0871-65551234", html)
                self.assertIn("qihang@example.com", html)
                self.assertIn(format_date(self.env, date(2026, 12, 15)), html)
                self.assertNotIn("o_sgz_blank", html.split("o_sgz_sign_table")[-1])

    def test_contract_without_bank_account(self):
        """A printed form never shows a technical value: without the agency's bank
        account its three lines print as blanks to fill in; and such a contract
        cannot be signed."""
        self.agency.bank_ids.unlink()
        self.agency.write({"phone": False, "email": False})
        html = self._html(CONTRACT, self.contract)
        self.assertNotIn("res.partner.bank", html)
        self.assertNotIn("False", html.split("o_sgz_sign_table")[-1])
        self.assertNotIn("o_sgz_acc_number", html)
        signatures = html.split("o_sgz_sign_table")[-1]
        self.assertEqual(signatures.count('class="o_sgz_blank"'), 5)
        with self.assertRaisesRegex(UserError, "bank account|银行账户"):
            self.contract.with_user(self.officer).action_sign()
        self.assertEqual(self.contract.state, "draft")

    def test_contract_plan_adds_up_to_the_fen(self):
        """Stages of 33.33 / 33.33 / 33.34 % of 100,000.01: the last stage prints the
        remainder, so the printed plan adds up to the contract amount."""
        lines = self.contract.payment_line_ids.sorted("sequence")
        for line, pct in zip(lines, (33.33, 33.33, 33.34), strict=True):
            line.with_user(self.officer).percentage = pct
        html = self._html(CONTRACT, self.contract)
        self.assertEqual(
            re.findall(r'class="o_sgz_stage_amount"[^>]*>([^<]*)<', html),
            ["33,330.00", "33,330.00", "33,340.01"],
        )
        self.assertFigure(html, "o_sgz_plan_total", "100,000.01")
        self.assertFigure(html, "o_sgz_percent_total", "100")

    def test_contract_without_optional_terms(self):
        self.contract.with_user(self.officer).write(
            {
                "staff_count": 0,
                "breach_terms": False,
                "content": False,
                "targets": False,
                "staff_requirements": False,
                "sign_date": False,
            }
        )
        html = self._html(CONTRACT, self.contract)
        self.assertNotIn("o_sgz_staff_count", html)
        self.assertNotIn("o_sgz_breach_terms", html)
        self.assertNotIn("Service Content, Targets", html)
        self.assertIn("III. Handling of Breach of Contract", html)
        self.assertNotIn("IV. ", html)

    # ------------------------------------------------------------- print menu
    def test_print_menu_and_file_names(self):
        for report_ref, record, expected in (
            (QUOTATION, self.quote, f"{self.quote.display_name} Quotation"),
            (
                LETTER,
                self.quote,
                f"{self.quote.display_name} Inquiry Application Letter",
            ),
            (AWARD_NOTICE, self.tender, f"{self.tender.name} Award Notice"),
            (
                CONTRACT,
                self.contract,
                f"{self.contract.name} Service Project Agreement",
            ),
        ):
            with self.subTest(report=report_ref):
                report = self.env.ref(report_ref)
                self.assertEqual(report.binding_model_id.model, record._name)
                self.assertEqual(report.binding_type, "report")
                self.assertEqual(
                    report.paperformat_id,
                    self.env.ref("sgz_stations.paperformat_sgz_form"),
                )
                name = safe_eval(
                    report.print_report_name, {"object": record, "time": time}
                )
                self.assertEqual(name, expected)

    # --------------------------------------------------------------------- PDF
    def _render_pdf(self, report_ref, records):
        """The PDF of ``records`` (shared rendering checks), drawn with a CJK font."""
        pdf = render_pdf(self, report_ref, records)
        # the Chinese text is drawn with a CJK font (fonts-noto-cjk), not boxes
        self.assertRegex(
            pdf,
            rb"/(?:BaseFont|FontName)\s*/(?:[A-Z]{6}\+)?\S*CJK",
            "no CJK font is embedded in the PDF: install fonts-noto-cjk",
        )
        return pdf

    def test_pdf(self):
        for report_ref, records, pages in (
            (QUOTATION, self.quote, 2),
            (QUOTATION, self.quote | self.quote2, 4),
            (LETTER, self.quote, 1),
            (AWARD_NOTICE, self.tender, 1),
            (AWARD_NOTICE, self.inquiry, 1),
            (CONTRACT, self.contract, None),
        ):
            with self.subTest(report=report_ref, records=records.ids):
                pdf = self._render_pdf(report_ref, records)
                count = PdfFileReader(io.BytesIO(pdf)).numPages
                if pages:
                    self.assertEqual(count, pages)
                else:
                    self.assertGreaterEqual(count, 2)
