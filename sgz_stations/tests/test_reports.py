import io
import logging
import re
import shutil
from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader
from odoo.tools.safe_eval import safe_eval, time

from .common import SgzStationsCase

PROJECT_REPORT = "sgz_stations.action_report_sgz_project_report"
CHANGE_REQUEST = "sgz_stations.action_report_sgz_change_request"
MONTHLY_REPORT = "sgz_stations.action_report_sgz_monthly_report"

_logger = logging.getLogger(__name__)
REPORT_LOGGER = "odoo.addons.base.models.ir_actions_report"
# What wkhtmltopdf itself prints on stderr on some builds, whatever the report: the
# distributions' "unpatched Qt" build ignores header/footer HTML (here: page numbers),
# and Qt notes a missing XDG_RUNTIME_DIR. Odoo logs that stderr as a warning.
WKHTMLTOPDF_BUILD_NOTICES = re.compile(
    r"The switch --(header|footer)-html, is not support using unpatched qt, and will "
    r"be ignored\.|QStandardPaths: XDG_RUNTIME_DIR not set, defaulting to '[^']*'"
)


@contextmanager
def report_engine_warnings():
    """Collect the warnings of the report engine instead of letting them through."""
    records = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger(REPORT_LOGGER)
    handler = Collect(level=logging.WARNING)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def render_pdf(case, report_ref, records):
    """The PDF of ``records``, rendered by wkhtmltopdf in an HttpCase ``case``.

    Fails on any warning of the report engine (assets or fonts that could not be
    loaded, errors in the page) except the notices some wkhtmltopdf builds print
    whatever the report. Shared by the addons' report tests.
    """
    if shutil.which("wkhtmltopdf") is None:
        case.skipTest(
            "wkhtmltopdf is not installed: the PDF rendering cannot be checked "
            "(the HTML of the same reports is checked by the other tests)"
        )
    # wkhtmltopdf loads the report assets from the HTTP server of this test run
    case.env["ir.config_parameter"].sudo().set_param("report.url", case.base_url())
    Report = case.env["ir.actions.report"].with_context(force_report_rendering=True)
    with report_engine_warnings() as warnings:
        pdf, report_type = Report._render_qweb_pdf(report_ref, records.ids)
    unexpected = []
    for record in warnings:
        message = record.getMessage()
        if WKHTMLTOPDF_BUILD_NOTICES.sub(
            "", message.removeprefix("wkhtmltopdf:")
        ).strip():
            unexpected.append(message)
        else:
            _logger.info("wkhtmltopdf build notice: %s", message.strip())
    case.assertFalse(unexpected, "the PDF rendering logged warnings")
    case.assertEqual(report_type, "pdf")
    case.assertTrue(pdf.startswith(b"%PDF"), pdf[:20])
    return pdf


@tagged("post_install", "-at_install")
class TestProjectReports(SgzStationsCase, HttpCase):
    """The printed forms of the seed: mid-term and final reports (L3464-4120), the
    change request and approval form (L4140-4160) and the monthly brief (L2798-2810).

    An HttpCase (a TransactionCase whose HTTP server shares the test transaction):
    wkhtmltopdf fetches the report's CSS from the server while the test waits, which a
    plain TransactionCase would block (the tests run under the registry lock).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "sgz_reports_manager", groups="sgz_stations.group_manager"
        )
        cls.domain = cls.env.ref("sgz_stations.service_domain_elderly")
        cls.worker = cls.env["sgz.social.worker"].create(
            {
                "name": "张持证",
                "employer_type": "agency",
                "agency_id": cls.agency.id,
                "role": "professional",
                "certificate_level": "social_worker",
                "birth_date": date(1990, 1, 1),
                "education": "bachelor",
                "region_id": cls.township.id,
                "phone": "0871-65550001",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "王联系", "phone": "0871-65550002", "email": "wang@example.com"}
        )
        cls.project = cls.env["sgz.project"].create(
            {
                "name": "华山街道社工站服务项目（打印测试）",
                "agency_id": cls.agency.id,
                "station_ids": [Command.set(cls.station.ids)],
                "user_id": cls.agency_user.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "amount": 123456.78,
                "funding_ids": [
                    Command.create(
                        {"source": "fiscal", "amount": 123456.78, "note": "区级财政"}
                    )
                ],
                "member_ids": [
                    Command.create(
                        {
                            "worker_id": cls.worker.id,
                            "role": "lead",
                            "employment": "full",
                        }
                    )
                ],
                "target_beneficiaries": 400,
                "target_beneficiaries_mid": 200,
            }
        )
        cls.project.with_user(cls.officer).action_start()

        # 81 beneficiaries before the mid-term cut-off (2026-07-02): 81 / 200 = 40.5 %
        Activity = cls.env["sgz.activity"]
        common = {
            "project_id": cls.project.id,
            "station_id": cls.station.id,
            "domain_id": cls.domain.id,
            "worker_ids": [Command.set(cls.worker.ids)],
        }
        Activity.create(
            [
                dict(
                    common,
                    name="长者健康讲座",
                    activity_type="group",
                    date=date(2026, 3, 10),
                    beneficiaries=30,
                    attendances=90,
                ),
                dict(
                    common,
                    name="邻里春季游园会",
                    activity_type="community",
                    date=date(2026, 3, 20),
                    beneficiaries=50,
                    attendances=50,
                ),
                dict(
                    common,
                    name="独居老人个案",
                    activity_type="case",
                    case_code="HS-2026-001",
                    date=date(2026, 6, 5),
                    beneficiaries=1,
                    attendances=4,
                ),
            ]
        )

        # Monthly brief of March 2026, submitted by the agency and reviewed
        cls.brief = cls.project.monthly_report_ids.filtered(
            lambda r: r.month == date(2026, 3, 1)
        )
        brief = cls.brief.with_user(cls.agency_user)
        brief.action_prefill()
        brief.write(
            {
                "work_summary": "本月走访独居老人12户。\n接待来访居民8人次。",
                "highlights": "春季游园会吸引50位居民参加。",
                "next_month_plan": "四月开展防诈骗宣传小组。",
            }
        )
        brief.action_submit()
        reviewed = cls.brief.with_user(cls.supervisor)
        reviewed.action_review(opinion="简报内容完整，数据与活动记录一致。")

        # An approved change request
        cls.change = cls.env["sgz.change.request"].create(
            {
                "project_id": cls.project.id,
                "date": date(2026, 5, 6),
                "line_ids": [
                    Command.create(
                        {
                            "section": "plan",
                            "original_text": "每月开展长者小组活动2次",
                            "new_text": "每月开展长者小组活动1次并增加入户探访",
                            "reason": "雨季长者出行不便",
                        }
                    )
                ],
            }
        )
        cls.change.with_user(cls.agency_user).action_submit()
        supervised = cls.change.with_user(cls.supervisor)
        supervised.action_supervisor_approve(opinion="同意调整，入户探访更符合需求。")
        decided = cls.change.with_user(cls.manager)
        decided.action_bureau_approve(opinion="同意变更。")

        Report = cls.env["sgz.project.report"]
        cls.midterm = Report.create(
            {
                "project_id": cls.project.id,
                "report_type": "midterm",
                "date": date(2026, 7, 10),
                "contact_id": cls.contact.id,
                "implementation": "上半年开展小组和社区活动。",
                "results": "长者参与度提升。",
                "difficulties": "雨季活动受影响。",
                "next_steps": "下半年增加入户探访。",
                "funds_note": "资金按预算使用。",
            }
        )
        cls.final = Report.create(
            {
                "project_id": cls.project.id,
                "report_type": "final",
                "date": date(2026, 12, 20),
                "contact_id": cls.contact.id,
                "implementation": "全年完成计划活动。",
                "results": "建立长者互助小组一个。",
                "difficulties": "志愿者流动性大。",
                "next_steps": "培育社区志愿者骨干。",
                "objectives_achieved": "计划服务400人，实际服务81人。",
                "participation": "社区居委会全程参与。",
                "delayed": True,
                "delay_reason": "雨季活动顺延",
            }
        )

    def _html(self, report_ref, records, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        html, report_type = Report._render_qweb_html(report_ref, records.ids)
        self.assertEqual(report_type, "html")
        return html.decode()

    def assertFigure(self, html, css_class, value):
        self.assertRegex(html, rf'class="[^"]*{css_class}[^"]*"[^>]*>\s*{value}\s*<')

    # ------------------------------------------------------------------ HTML
    def test_midterm_report(self):
        html = self._html(PROJECT_REPORT, self.midterm)
        self.assertIn("Mid-term Project Report", html)
        self.assertNotIn("Final Project Report", html)
        self.assertIn(self.project.name, html)
        self.assertIn(self.agency.name, html)
        self.assertIn(self.station.name, html)
        # the amount in yuan with its two decimals, never rounded to 万元
        self.assertIn("123,456.78", html)
        self.assertIn("12</span> months", html)
        # (3) / (2) = 81 / 200
        self.assertFigure(html, "o_sgz_completion_mid", r"40\.5")
        self.assertIn(f"{self.domain.name} · Group Work", html)
        self.assertIn(f"{self.domain.name} · Casework", html)
        self.assertIn(self.agency_user.name, html)  # project lead
        self.assertIn("王联系", html)
        self.assertIn("0871-65550002", html)
        for text in (
            "上半年开展小组和社区活动。",
            "雨季活动受影响。",
            "资金按预算使用。",
        ):
            self.assertIn(text, html)

    def test_final_report(self):
        html = self._html(PROJECT_REPORT, self.final)
        self.assertIn("Final Project Report", html)
        self.assertNotIn("Mid-term Project Report", html)
        self.assertIn(self.project.name, html)
        self.assertIn(self.agency.sgz_credit_code, html)
        self.assertIn("123,456.78", html)
        # funding source and team
        self.assertIn("Fiscal Funds", html)
        self.assertIn("区级财政", html)
        self.assertIn("张持证", html)
        self.assertIn("Social Worker (Intermediate)", html)
        self.assertIn("Full-time", html)
        # expected / expected by mid-term / actual by mid-term / ratio
        self.assertFigure(html, "o_sgz_completion_mid", r"40\.5")
        self.assertIn(">400<", html)
        self.assertIn(">200<", html)
        self.assertIn(">81<", html)
        # activities up to the report date: 3 sessions, 81 beneficiaries, 144 attended
        self.assertIn(f"{self.domain.name} · Community Activity", html)
        self.assertIn(">144<", html)
        # the approved change request
        self.assertIn("每月开展长者小组活动1次并增加入户探访", html)
        self.assertIn("雨季长者出行不便", html)
        self.assertIn(self.change.name, html)
        self.assertIn("雨季活动顺延", html)
        for text in (
            "计划服务400人，实际服务81人。",
            "社区居委会全程参与。",
            "志愿者流动性大。",
        ):
            self.assertIn(text, html)

    def test_midterm_and_final_in_one_print(self):
        """Several records print in one article, a page break between them (the
        distributions' wkhtmltopdf cannot take one page per record)."""
        html = self._html(PROJECT_REPORT, self.midterm | self.final)
        self.assertEqual(html.count('class="article o_sgz_form"'), 1)
        self.assertNotIn("data-oe-id=", html)
        self.assertEqual(html.count("page-break-before: always"), 1)
        self.assertLess(
            html.index("Mid-term Project Report"), html.index("Final Project Report")
        )
        single = self._html(PROJECT_REPORT, self.final)
        self.assertIn(f'data-oe-id="{self.final.id}"', single)

    def test_change_request_form(self):
        html = self._html(CHANGE_REQUEST, self.change)
        self.assertIn("Project Change Request and Approval Form", html)
        self.assertIn(self.project.name, html)
        self.assertIn(self.agency.name, html)
        self.assertIn("Implementation Plan", html)  # the changed section
        self.assertIn("每月开展长者小组活动2次", html)
        self.assertIn("每月开展长者小组活动1次并增加入户探访", html)
        self.assertIn("雨季长者出行不便", html)
        self.assertIn("同意调整，入户探访更符合需求。", html)
        self.assertIn("同意变更。", html)
        self.assertIn(self.supervisor.name, html)
        self.assertIn(self.manager.name, html)
        # the applicant's content comes before the two reviews, supervisor first
        positions = [
            html.index(text)
            for text in (
                "每月开展长者小组活动2次",
                "每月开展长者小组活动1次并增加入户探访",
                "雨季长者出行不便",
                "同意调整",
                "同意变更",
            )
        ]
        self.assertEqual(positions, sorted(positions))

    def test_monthly_brief(self):
        html = self._html(MONTHLY_REPORT, self.brief)
        # 五华区 + 华山街道 社工站, 第 3 月度工作简报
        self.assertRegex(
            html, r"五华区</span><span>华山街道</span><span>Social Work Station"
        )
        # the brief's number in the project (started in January) and its month
        self.assertFigure(
            html, "o_sgz_brief_title", r"Monthly Work Brief No\. 3 \(2026-03\)"
        )
        self.assertIn("2026-03", html)
        self.assertIn("本月走访独居老人12户。", html)
        self.assertIn("春季游园会吸引50位居民参加。", html)
        self.assertIn("四月开展防诈骗宣传小组。", html)
        self.assertIn("简报内容完整，数据与活动记录一致。", html)
        self.assertIn("Group Work", html)
        self.assertIn(">140<", html)  # attendances of March: 90 + 50
        self.assertIn(self.agency_user.name, html)  # filled in by

    def test_agency_user_prints_own_records(self):
        for report_ref, records in (
            (PROJECT_REPORT, self.midterm),
            (PROJECT_REPORT, self.final),
            (PROJECT_REPORT, self.midterm | self.final),
            (CHANGE_REQUEST, self.change),
            (MONTHLY_REPORT, self.brief),
        ):
            with self.subTest(report=report_ref):
                html = self._html(report_ref, records, user=self.agency_user)
                self.assertIn(self.project.name, html)

    def test_print_menu_and_file_names(self):
        for report_ref, record, expected in (
            (PROJECT_REPORT, self.midterm, f"{self.project.code} Mid-term Report"),
            (PROJECT_REPORT, self.final, f"{self.project.code} Final Report"),
            (
                CHANGE_REQUEST,
                self.change,
                f"{self.change.name} Change Request Approval Form",
            ),
            (MONTHLY_REPORT, self.brief, f"{self.project.code} 2026-03 Monthly Brief"),
        ):
            with self.subTest(report=report_ref, record=record.display_name):
                report = self.env.ref(report_ref)
                self.assertEqual(report.binding_model_id.model, record._name)
                self.assertEqual(report.binding_type, "report")
                name = safe_eval(
                    report.print_report_name, {"object": record, "time": time}
                )
                self.assertEqual(name, expected)

    def test_pdf(self):
        for report_ref, records in (
            (PROJECT_REPORT, self.midterm),
            (PROJECT_REPORT, self.final),
            (CHANGE_REQUEST, self.change),
            (MONTHLY_REPORT, self.brief),
        ):
            with self.subTest(report=report_ref, record=records.display_name):
                pdf = render_pdf(self, report_ref, records)
                # the Chinese text is drawn with a CJK font (fonts-noto-cjk), not boxes
                self.assertRegex(
                    pdf,
                    rb"/(?:BaseFont|FontName)\s*/(?:[A-Z]{6}\+)?\S*CJK",
                    "no CJK font is embedded in the PDF: install fonts-noto-cjk",
                )

    def test_pdf_several_records(self):
        """Selecting several records and printing them gives one PDF of all their pages
        (also with the distributions' wkhtmltopdf, built without patched Qt)."""
        pages = [
            PdfFileReader(io.BytesIO(render_pdf(self, PROJECT_REPORT, r))).numPages
            for r in (self.midterm, self.final)
        ]
        pdf = render_pdf(self, PROJECT_REPORT, self.midterm | self.final)
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).numPages, sum(pages))
        briefs = self.project.monthly_report_ids.sorted("month")[:3]
        pdf = render_pdf(self, MONTHLY_REPORT, briefs)
        self.assertEqual(PdfFileReader(io.BytesIO(pdf)).numPages, 3)
