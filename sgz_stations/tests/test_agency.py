from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import CODE_C, SgzStationsCase


@tagged("post_install", "-at_install")
class TestAgency(SgzStationsCase):
    def _agency(self, **vals):
        return self.env["res.partner"].create(
            dict({"name": "新机构", "is_company": True, "is_sgz_agency": True}, **vals)
        )

    def test_valid_credit_code(self):
        agency = self._agency(sgz_credit_code=CODE_C)
        self.assertEqual(agency.sgz_credit_code, CODE_C)

    def test_invalid_credit_codes_refused(self):
        bad_codes = [
            "52530111MJ9900003J",  # wrong check character
            "52530111MJ990000",  # too short
            "52530111MJ9900003HX",  # too long
            "52530111MJ990I003H",  # I is not in the code's alphabet
        ]
        for code in bad_codes:
            with self.subTest(code=code):
                with self.assertRefused(ValidationError, "Unified Social Credit Code"):
                    self._agency(name=f"机构{code}", sgz_credit_code=code)
        self.assertFalse(
            self.env["res.partner"].search([("sgz_credit_code", "in", bad_codes)])
        )

    def test_credit_code_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._agency(sgz_credit_code=self.agency.sgz_credit_code)

    def test_onchange_compacts_code(self):
        with Form(self.env["res.partner"]) as form:
            form.company_type = "company"
            form.name = "表单机构"
            form.is_sgz_agency = True
            form.sgz_credit_code = "52530111 MJ9900003H"
        self.assertEqual(form.record.sgz_credit_code, CODE_C)

    def test_person_cannot_be_agency(self):
        with self.assertRefused(ValidationError, "only an organisation"):
            self.env["res.partner"].create({"name": "张三", "is_sgz_agency": True})

    def test_bar_needs_reason(self):
        with self.assertRefused(ValidationError, "Reason for Bar"):
            self.agency.sgz_barred_until = date(2027, 1, 1)
        self.agency.invalidate_recordset()
        self.assertFalse(self.agency.sgz_barred_until)

    @freeze_time("2026-05-01")
    def test_failing_grade_bars_for_two_years(self):
        self.env["sgz.agency.grade"].create(
            {
                "partner_id": self.agency.id,
                "date": date(2026, 4, 20),
                "grade": "fail",
                "score": 52,
                "source": "华山街道社工站项目中期评估",
            }
        )
        self.assertEqual(self.agency.sgz_last_grade, "fail")
        self.assertEqual(self.agency.sgz_barred_until, date(2028, 4, 20))
        self.assertIn("华山街道社工站项目中期评估", self.agency.sgz_barred_reason)
        self.assertTrue(self.agency.sgz_is_barred)
        Partner = self.env["res.partner"]
        self.assertIn(self.agency, Partner.search([("sgz_is_barred", "=", True)]))
        self.assertNotIn(self.agency2, Partner.search([("sgz_is_barred", "=", True)]))
        self.assertIn(self.agency2, Partner.search([("sgz_is_barred", "=", False)]))
        # a later pass grade does not lift the bar; an earlier fail does not shorten it
        self.env["sgz.agency.grade"].create(
            {"partner_id": self.agency.id, "date": date(2026, 1, 5), "grade": "fail"}
        )
        self.assertEqual(self.agency.sgz_barred_until, date(2028, 4, 20))

    def test_bar_expires(self):
        self.agency.write(
            {"sgz_barred_until": date(2026, 6, 30), "sgz_barred_reason": "评估不合格"}
        )
        with freeze_time("2026-06-30"):
            self.agency.invalidate_recordset(["sgz_is_barred"])
            self.assertTrue(self.agency.sgz_is_barred)
        with freeze_time("2026-07-01"):
            self.agency.invalidate_recordset(["sgz_is_barred"])
            self.assertFalse(self.agency.sgz_is_barred)

    def test_last_grade_is_the_latest(self):
        Grade = self.env["sgz.agency.grade"]
        Grade.create(
            {"partner_id": self.agency2.id, "date": date(2025, 6, 1), "grade": "pass"}
        )
        Grade.create(
            {"partner_id": self.agency2.id, "date": date(2025, 12, 1), "grade": "good"}
        )
        self.assertEqual(self.agency2.sgz_last_grade, "good")

    def test_grade_score_and_inspection_year_bounds(self):
        with self.assertRefused(ValidationError, "outside 0-100"):
            self.env["sgz.agency.grade"].create(
                {"partner_id": self.agency.id, "grade": "good", "score": 101}
            )
        with self.assertRefused(ValidationError, "Inspection Year"):
            self.env["sgz.agency.inspection"].create(
                {"partner_id": self.agency.id, "year": 26, "result": "qualified"}
            )
