from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ANNOUNCE, BEFORE_DEADLINE, DEADLINE, OPENING, SgzProcurementCase

QUOTATION = "sgz_procurement.action_report_sgz_quote"
LETTER = "sgz_procurement.action_report_sgz_quote_letter"
AWARD_NOTICE = "sgz_procurement.action_report_sgz_award_notice"
CONTRACT = "sgz_procurement.action_report_sgz_contract"


@tagged("post_install", "-at_install")
class TestNotRmb(SgzProcurementCase):
    """人民币 uppercase is for RMB amounts only: a bureau whose books are in another
    currency gets no amount in words, printed forms give the figures with the
    currency, and no contract is signed (government procurement is in RMB)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        usd = cls.env.ref("base.USD")
        usd.active = True
        cls.company_usd = cls.env["res.company"].create(
            {"name": "Foreign Bureau", "currency_id": usd.id}
        )
        Procurement = cls.env["sgz.procurement"].with_company(cls.company_usd)
        base = {
            "company_id": cls.company_usd.id,
            "purchaser_id": cls.company_usd.partner_id.id,
            "announce_date": ANNOUNCE,
            "date_start": date(2027, 1, 1),
            "date_end": date(2027, 12, 31),
        }
        cls.tender = Procurement.create(
            dict(
                base,
                title="Tender in dollars",
                method="public_tender",
                platform_reference="YNZC-2026-USD",
                bidder_ids=[(6, 0, cls.agency.ids)],
                tender_amount=100000.01,
            )
        )
        cls.tender.action_announce()
        cls.tender.write({"awarded_supplier_id": cls.agency.id})
        cls.tender.action_record_tender_result()
        action = cls.tender.action_create_contract()
        cls.contract = cls.env["sgz.contract"].browse(action["res_id"])
        cls.inquiry = Procurement.create(
            dict(
                base,
                title="Inquiry in dollars",
                method="inquiry",
                budget_ceiling=2000000,
                quote_deadline=DEADLINE,
                opening_time=OPENING,
                invitation_ids=[(0, 0, {"supplier_id": a.id}) for a in cls.users],
            )
        )
        with freeze_time("2026-09-25 02:00:00"):
            cls.inquiry.action_announce()
        with freeze_time(BEFORE_DEADLINE):
            cls.quote = cls.env["sgz.quote"].create(
                {
                    "procurement_id": cls.inquiry.id,
                    "supplier_id": cls.agency.id,
                    "total_amount": 1004000.50,
                    "service_period": "2027",
                    "service_plan": "plan",
                    "line_ids": [
                        (0, 0, {"name": "staff", "unit_price": 1004000.50}),
                    ],
                }
            )

    def _html(self, report, records):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            report, records.ids
        )
        return html.decode()

    def test_no_amount_in_words_outside_rmb(self):
        self.assertEqual(self.tender.currency_id.name, "USD")
        self.assertFalse(self.tender.amount_in_words)
        self.assertFalse(self.contract.amount_in_words)
        self.assertFalse(self.quote.amount_in_words)
        draft = self.env["sgz.quote"].new(
            {"procurement_id": self.inquiry.id, "total_amount": 16}
        )
        self.assertFalse(draft.amount_in_words)
        # the same amounts in RMB are written out
        rmb = self.env["sgz.quote"].new(
            {"procurement_id": self._procurement().id, "total_amount": 16}
        )
        self.assertEqual(rmb.amount_in_words, "人民币壹拾陆元整")

    def test_contract_in_another_currency_is_not_signed(self):
        with self.assertRefused(UserError, "RMB|人民币"):
            self.contract.action_sign()
        self.assertEqual(self.contract.state, "draft")

    def test_printed_forms_give_figures_and_currency(self):
        for report, records, figures in (
            (QUOTATION, self.quote, "1,004,000.50"),
            (LETTER, self.quote, "1,004,000.50"),
            (AWARD_NOTICE, self.tender, "100,000.01"),
            (CONTRACT, self.contract, "100,000.01"),
        ):
            with self.subTest(report=report):
                html = self._html(report, records)
                self.assertNotIn("人民币", html)
                self.assertNotIn("RMB", html)
                self.assertNotIn("yuan", html)
                self.assertIn("o_sgz_foreign_amount", html)
                self.assertRegex(html, rf"USD</span>\s*<span[^>]*>{figures}")
