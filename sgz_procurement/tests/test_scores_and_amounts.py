from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import AT_OPENING, BEFORE_DEADLINE, SgzProcurementCase

FEN = r"%s of %s: %s has more than two decimals; amounts are kept to the fen \(分\)\."


@tagged("post_install", "-at_install")
class TestScoresAndAmounts(SgzProcurementCase):
    def _opened(self, proc, amounts, when="2026-10-06 03:00:00"):
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        for agency, amount in zip(self.users, amounts, strict=True):
            self._quote(proc, agency, amount)
        with freeze_time(when):
            proc.with_user(self.officer).action_open()
        self._pass_review(proc)
        return proc

    # ------------------------------------------------------------ scores (exact)
    def test_consultation_scores_are_exact(self):
        # price weight 10.10 %: 0.101 exactly, not the float 0.10099999999999999
        proc = self._procurement(
            method="consultation", price_weight=10.10, budget_ceiling=310000
        )
        self._opened(proc, (303000, 90300, 258000))
        quotes = proc.with_user(self.officer).quote_ids
        a, b, c = (
            quotes.filtered(lambda q, s=s: q.supplier_id == s)
            for s in (self.agency, self.agency2, self.agency3)
        )
        a.write({"other_score": 70.20, "review_note": "方案完整"})
        b.write({"other_score": 63.11, "review_note": "方案较完整"})
        c.write({"other_score": 50, "review_note": "方案一般"})
        proc.with_user(self.officer).action_finish_review()
        self.assertEqual(proc.state, "reviewed")
        # 90,300 / 303,000 x 10.10 = 3.01; the lowest price takes the 10.10 points;
        # 90,300 / 258,000 x 10.10 is exactly 3.535: half up, 3.54 (3.53 in floats)
        self.assertEqual(
            (a.price_score, b.price_score, c.price_score), (3.01, 10.1, 3.54)
        )
        # 3.01 + 70.20 ties with 10.10 + 63.11 (73.21000000000001 against 73.21 in
        # floats): the tie falls to the lower price
        self.assertEqual((a.total_score, b.total_score), (73.21, 73.21))
        self.assertEqual((b.rank, a.rank, c.rank), (1, 2, 3))
        note = proc.result_note
        self.assertIn("Ranked by comprehensive score (price weight 10.1 %).", note)
        self.assertIn("price score 10.10 + other criteria 63.11 = 73.21", note)
        self.assertIn("price score 3.01 + other criteria 70.20 = 73.21", note)
        self.assertIn("price score 3.54 + other criteria 50.00 = 53.54", note)
        proc.with_user(self.officer).action_propose_award()
        self.assertEqual(proc.awarded_quote_id, b)

    def test_other_criteria_cap_is_exact(self):
        proc = self._procurement(
            method="consultation", price_weight=10.10, budget_ceiling=310000
        )
        self._opened(proc, (303000, 90300, 258000))
        quotes = proc.with_user(self.officer).quote_ids
        quotes.write({"other_score": 50})
        quotes[0].write({"other_score": 89.91})
        with self.assertRefused(UserError, r"89.91 is outside 0-89.9\."):
            proc.with_user(self.officer).action_finish_review()
        quotes[0].write({"other_score": 89.90})  # 100 - 10.10, at the cap
        proc.with_user(self.officer).action_finish_review()
        self.assertEqual(proc.state, "reviewed")

    # ----------------------------------------------------------------- refusals
    def test_review_panel_odd_and_at_least_three(self):
        proc = self._opened(
            self._procurement(), (280000, 275000, 290000), when=AT_OPENING
        )
        Panel = self.env["sgz.procurement.panel"].with_user(self.officer)
        proc.with_user(self.officer).panel_ids[-1].unlink()
        with self.assertRefused(
            UserError,
            r"The review panel of .+ has 2 members; it needs an odd number, at least "
            r"3\.",
        ):
            proc.with_user(self.officer).action_finish_review()
        Panel.create(
            [
                {"procurement_id": proc.id, "name": "王评审", "title": "评审专家"},
                {"procurement_id": proc.id, "name": "赵评审", "is_purchaser_rep": True},
            ]
        )
        with self.assertRefused(
            UserError,
            r"The review panel of .+ has 4 members; it needs an odd number, at least "
            r"3\.",
        ):
            proc.with_user(self.officer).action_finish_review()
        self.assertEqual(proc.state, "opened")
        proc.with_user(self.officer).panel_ids[0].unlink()
        proc.with_user(self.officer).action_finish_review()
        self.assertEqual(len(proc.panel_ids), 3)
        self.assertEqual(proc.state, "reviewed")

    def test_consultation_response_period_of_ten_days(self):
        # announced Fri 25 Sep 2026: the first responses are due 10 days later, on
        # 5 October at the earliest (calendar days, the National Day week included)
        for deadline in (datetime(2026, 10, 4, 1, 0), datetime(2026, 10, 4, 15, 59)):
            proc = self._procurement(
                method="consultation",
                quote_deadline=deadline,
                opening_time=datetime(2026, 10, 6, 2, 0),
            )
            with (
                freeze_time("2026-09-25 02:00:00"),
                self.assertRefused(
                    UserError,
                    r"a consultation gives suppliers at least 10 days: the deadline "
                    r"can be 2026-10-05 at the earliest",
                ),
            ):
                proc.with_user(self.officer).action_announce()
            self.assertEqual(proc.state, "draft")
        proc = self._procurement(
            method="consultation",
            quote_deadline=datetime(2026, 10, 5, 1, 0),  # 5 Oct 09:00 in Kunming
            opening_time=datetime(2026, 10, 5, 2, 0),
        )
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        self.assertEqual(proc.state, "announced")

    # ------------------------------------------------------ amounts to the fen
    def test_amounts_kept_to_the_fen(self):
        title = "华山街道社工站2027年度服务采购"
        with self.assertRefused(
            ValidationError, FEN % ("Budget Ceiling", title, "300000.001")
        ):
            self._procurement(budget_ceiling=300000.001)
        proc = self._procurement()
        with self.assertRefused(ValidationError, FEN % ("Budget Ceiling", ".+", 0.005)):
            proc.with_user(self.officer).write({"budget_ceiling": 0.005})
        self.assertEqual(proc.budget_ceiling, 300000)
        with self.assertRefused(
            ValidationError, FEN % ("Winning Bid", title, "100000.015")
        ):
            self._procurement(
                method="public_tender",
                suppliers=[],
                platform_reference="YNZC-2026-0101",
                bidder_ids=[(6, 0, self.agency.ids)],
                tender_amount=100000.015,
            )
        # quotes, typed by the agency
        with freeze_time("2026-09-25 02:00:00"):
            proc.with_user(self.officer).action_announce()
        Quote = self.env["sgz.quote"].with_user(self.agency_user)
        with (
            freeze_time(BEFORE_DEADLINE),
            self.assertRefused(
                ValidationError,
                FEN % ("Total Quote", f"{proc.name} {self.agency.name}", "280000.005"),
            ),
        ):
            Quote.create({"procurement_id": proc.id, "total_amount": 280000.005})
        with (
            freeze_time(BEFORE_DEADLINE),
            self.assertRefused(
                ValidationError, FEN % ("Unit Price", "社工服务人员补贴", "0.001")
            ),
        ):
            Quote.create(
                {
                    "procurement_id": proc.id,
                    "total_amount": 280000,
                    "line_ids": [
                        (0, 0, {"name": "社工服务人员补贴", "unit_price": 0.001})
                    ],
                }
            )
        quote = self._quote(proc, self.agency, 280000, submit=False)
        with freeze_time(BEFORE_DEADLINE):
            with self.assertRefused(
                ValidationError, FEN % ("Unit Price", "社工服务人员补贴", "140000.005")
            ):
                quote.line_ids[0].write({"unit_price": 140000.005})
            with self.assertRefused(
                ValidationError, FEN % ("Total Quote", ".+", 0.001)
            ):
                quote.write({"total_amount": 0.001})
            self.assertEqual(quote.lines_total, 280000)
            quote.action_submit()

    def test_contract_amount_kept_to_the_fen(self):
        proc = self._procurement(
            method="public_tender",
            suppliers=[],
            platform_reference="YNZC-2026-0101",
            bidder_ids=[(6, 0, self.agency.ids)],
            tender_amount=100000.01,
        )
        proc.with_user(self.officer).action_announce()
        proc.with_user(self.officer).write({"awarded_supplier_id": self.agency.id})
        proc.with_user(self.officer).action_record_tender_result()
        action = proc.with_user(self.officer).action_create_contract()
        contract = self.env["sgz.contract"].browse(action["res_id"])
        with self.assertRefused(
            ValidationError,
            FEN % ("Contract Amount", contract.display_name, "100000.011"),
        ):
            contract.with_user(self.officer).write({"amount": 100000.011})
        self.assertEqual(contract.amount, 100000.01)
        # the stages, exact: 60 % of 100,000.01 is 60,000.006 -> 60,000.01; the last
        # takes the remainder, so they add up to the contract to the fen
        amounts = contract._stage_amounts()
        self.assertEqual(
            [amounts[li.id] for li in contract.payment_line_ids.sorted("sequence")],
            [60000.01, 20000.0, 20000.0],
        )
