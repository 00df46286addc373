"""The province generator's tiny preset (tools/province.py): every record it makes is
valid under the addons' rules, and the money ties out to the fen."""

import importlib.util
import os

from odoo.tests import TransactionCase, tagged

# the repository: sgz_finance/tests/ is two levels below it
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "sgz_province", os.path.join(ROOT, "tools", "province.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestProvinceGenerator(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.province = load_generator()
        cls.lines = []
        cls.generator = cls.province.Generator(
            cls.env, preset="tiny", seed=2026, out=cls.lines.append, commit=False
        )
        cls.made = cls.generator.run()

    def test_counts_of_the_preset(self):
        expected = self.province.expected_counts("tiny")
        for key, count in expected.items():
            self.assertEqual(self.made[key], count, key)
        self.assertEqual(len(self.generator.projects), expected["projects"])
        # a line per stage, with counts and rates, and within the projects' stage a
        # line every tenth of the projects (every project when fewer than ten)
        stages = [line for line in self.lines if not line.startswith("  ")]
        self.assertEqual(len(stages), 5)
        self.assertIn("/s", stages[-1])
        within = [line for line in self.lines if line.startswith("  projects ")]
        self.assertEqual(len(within), expected["projects"] - 1)
        self.assertIn(f"1/{expected['projects']}", within[0])

    def test_records_hold_the_rules(self):
        projects = self.generator.projects
        stations = self.generator.stations
        agencies = self.generator.agencies
        # the Python constraints of every record hold when checked again
        for records in (
            projects,
            projects.funding_ids,
            projects.budget_ids,
            projects.budget_ids.line_ids,
            stations,
            agencies,
        ):
            records._validate_fields(records._fields)
        for station in stations:
            self.assertEqual(station.county_id, station.region_id.parent_id)
        for agency in agencies:
            books = agency.sgz_book_company_id
            self.assertEqual(books.chart_template, "sgz_npo")
        for project in projects:
            currency = project.currency_id
            self.assertEqual(currency.name, "CNY")
            self.assertFalse(
                currency.compare_amounts(project.funding_total, project.amount)
            )
            budget = project._sgz_current_budget()
            self.assertEqual(budget.state, "approved")
            self.assertFalse(currency.compare_amounts(budget.total, project.amount))
            contract = budget.contract_id
            self.assertIn(contract.state, ("signed", "performing", "done"))
            stages = contract.disbursement_ids
            self.assertFalse(
                currency.compare_amounts(sum(stages.mapped("amount")), contract.amount)
            )
            for stage in stages.filtered(lambda s: s.state == "paid"):
                self.assertEqual(stage.receipt_ids.state, "posted")
                self.assertFalse(
                    currency.compare_amounts(stage.receipt_ids.amount, stage.amount_due)
                )
            for line in budget.line_ids:
                self.assertLessEqual(
                    currency.compare_amounts(line.actual_amount, line.amount), 0
                )

    def test_agency_books_balance(self):
        Line = self.env["account.move.line"].sudo()
        for agency in self.generator.agencies:
            books = agency.sgz_book_company_id
            [(debit, credit)] = Line._read_group(
                [("company_id", "=", books.id), ("parent_state", "=", "posted")],
                [],
                ["debit:sum", "credit:sum"],
            )
            self.assertFalse(books.currency_id.compare_amounts(debit, credit))
            self.assertGreater(debit, 0)

    def test_the_province_preset_is_refused_until_the_bulk_loader(self):
        with self.assertRaisesRegex(ValueError, "bulk loader"):
            self.province.Generator(self.env, preset="100")
        with self.assertRaisesRegex(ValueError, "already holds generated data"):
            self.province.Generator(self.env, preset="tiny", commit=False).run()
