"""The province generator's tiny preset (tools/province.py): every record it makes is
valid under the addons' rules, and the money ties out to the fen."""

import importlib.util
import os

from odoo.exceptions import UserError
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
        self.assertEqual(len(stages), 7)
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

    def test_inquiries_ran_their_steps(self):
        """询价 projects: three sealed quotes opened after the deadline, the lowest
        (the station's agency's, at the project's amount) awarded and approved, the
        notice on time, the contract at the awarded amount."""
        procs = self.env["sgz.procurement"].search(
            [("project_ids", "in", self.generator.projects.ids)]
        )
        self.assertEqual(len(procs), len(self.generator.projects))
        inquiries = procs.filtered(lambda p: p.method == "inquiry")
        self.assertEqual(len(inquiries), self.made["procurements by inquiry"])
        self.assertTrue(inquiries)
        self.assertEqual(set((procs - inquiries).mapped("method")), {"public_tender"})
        for proc in inquiries:
            project = proc.project_ids
            currency = proc.currency_id
            self.assertEqual(proc.state, "awarded")
            quotes = proc.quote_ids
            self.assertEqual(len(quotes), 3)
            self.assertEqual(sorted(quotes.mapped("state")), ["lost", "lost", "won"])
            self.assertTrue(all(q.submitted_at < proc.quote_deadline for q in quotes))
            self.assertGreaterEqual(proc.opened_at, proc.opening_time)
            self.assertTrue(all(quotes.mapped("compliant")))
            won = quotes.filtered(lambda q: q.state == "won")
            self.assertEqual(won.supplier_id, project.agency_id)
            self.assertEqual(won.rank, 1)
            self.assertFalse(currency.compare_amounts(won.total_amount, project.amount))
            self.assertLessEqual(
                currency.compare_amounts(
                    max(quotes.mapped("total_amount")), proc.budget_ceiling
                ),
                0,
            )
            self.assertTrue(proc.notice_date)
            self.assertFalse(proc.notice_late)
            self.assertFalse(
                currency.compare_amounts(proc.contract_ids.amount, project.amount)
            )

    def test_briefs_follow_the_activities(self):
        """Each month's brief is submitted on time and reviewed, its figures those of
        the month's activities; the current month's is still a draft, and a reported
        month's activities are frozen."""
        gen = self.generator
        province = self.province
        projects = gen.projects
        activities = projects.activity_ids_sgz
        self.assertEqual(len(activities), self.made["activities"])
        activities._validate_fields(activities._fields)
        self.assertEqual(
            set(activities.mapped("activity_type")), {"case", "visit", "group"}
        )
        briefs = projects.monthly_report_ids
        reviewed = briefs.filtered(lambda b: b.state == "reviewed")
        self.assertEqual(len(reviewed), self.made["monthly briefs"])
        self.assertFalse(reviewed.filtered("is_late"))
        self.assertFalse(briefs.filtered(lambda b: b.state == "submitted"))
        # the drafts: the current year's months from November, not yet due
        drafts = briefs - reviewed
        self.assertEqual(
            {(b.month.year, b.month.month) for b in drafts},
            {(province.CURRENT_YEAR, m) for m in (province.LAST_MONTH, 12)},
        )
        for brief in reviewed:
            month = brief._month_activities()
            self.assertEqual(len(month), 3)
            self.assertEqual(sum(brief.line_ids.mapped("sessions")), 3)
            self.assertEqual(
                sum(brief.line_ids.mapped("beneficiaries")),
                sum(month.mapped("beneficiaries")),
            )
            self.assertEqual(
                sum(brief.line_ids.mapped("attendances")),
                sum(month.mapped("attendances")),
            )
            self.assertTrue(brief.work_summary)
            self.assertLessEqual(brief.submit_date, brief.due_date)
        reported = reviewed[0]._month_activities()[0]
        before = reported.beneficiaries
        with self.assertRaises(UserError):
            reported.write({"beneficiaries": before + 1})
        self.assertEqual(reported.beneficiaries, before)

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

    def test_bulk_expenses_are_the_orms(self):
        """The COPY rows read back through the ORM as posted expenses: on the
        project's materials line, within it, and the books number on after them."""
        gen = self.generator
        bulk = self.env["sgz.agency.expense"].browse(gen.bulk_expense_ids)
        self.assertEqual(len(bulk), self.made["bulk expenses"])
        self.assertEqual(set(bulk.mapped("state")), {"posted"})
        self.assertEqual(set(bulk.mapped("funding_source")), {"lottery", "provincial"})
        self.assertTrue(
            all(e.evidence_ids and e.evidence_ids.attachment_ids for e in bulk)
        )
        self.assertEqual(len(bulk.move_id), len(bulk))
        self.assertEqual(len(bulk.move_id.line_ids), 2 * len(bulk))
        # a voucher number once in its books
        numbers = [(m.journal_id.id, m.name) for m in bulk.move_id]
        self.assertEqual(len(set(numbers)), len(numbers))
        # the ORM posts after them: the next voucher of the month follows the bulk's
        expense = bulk.sorted("date")[-1]
        project, line = expense.project_id, expense.budget_line_id
        accountant = gen.accountants[project.agency_id.id]
        month = expense.move_id.sequence_prefix
        last = max(
            self.env["account.move"]
            .search(
                [
                    ("journal_id", "=", expense.move_id.journal_id.id),
                    ("sequence_prefix", "=", month),
                ]
            )
            .mapped("sequence_number")
        )
        new = (
            self.env["sgz.agency.expense"]
            .with_user(accountant)
            .create(
                {
                    "project_id": project.id,
                    "budget_line_id": line.id,
                    "spent_on_id": line.category_id.id,
                    "funding_source": "provincial",
                    "name": "社区活动物资",
                    "partner_id": expense.partner_id.id,
                    "amount": 10.0,
                    "date": expense.date,
                    "invoice_type": "vat_invoice",
                    "invoice_number": "NEW-1",
                }
            )
        )
        for item in new.evidence_ids:
            item.attachment_ids = gen._attachment("证明.pdf", accountant)
        new.action_post()
        self.assertEqual(new.move_id.sequence_prefix, month)
        self.assertEqual(new.move_id.sequence_number, last + 1)
        # the budget line's spending counts the bulk
        self.assertFalse(
            line.currency_id.compare_amounts(
                line.actual_amount,
                sum(
                    self.env["sgz.agency.expense"]
                    .search([("budget_line_id", "=", line.id)])
                    .mapped("amount")
                ),
            )
        )

    def test_check_pass_catches_a_broken_row(self):
        gen = self.generator
        expense = self.env["sgz.agency.expense"].browse(gen.bulk_expense_ids[7])
        # a voucher that no longer balances
        cost = expense.move_id.line_ids.filtered("debit")
        self.env.cr.execute(
            "UPDATE account_move_line SET debit = debit + 0.01, balance = balance "
            "+ 0.01 WHERE id = %s",
            [cost.id],
        )
        self.env.invalidate_all()
        # Odoo's own check on the voucher or the pass's (both through the ORM)
        with self.assertRaisesRegex((ValueError, UserError), "balanced|平衡"):
            gen.check_bulk_expenses()
        self.env.cr.execute(
            "UPDATE account_move_line SET debit = debit - 0.01, balance = balance "
            "- 0.01 WHERE id = %s",
            [cost.id],
        )
        # evidence without its paper
        self.env.cr.execute(
            "DELETE FROM ir_attachment_sgz_agency_expense_evidence_rel WHERE "
            "sgz_agency_expense_evidence_id = %s",
            [expense.evidence_ids[0].id],
        )
        self.env.invalidate_all()
        with self.assertRaisesRegex(
            ValueError, rf"\({expense.id}\).*(evidence missing|缺少凭据)"
        ):
            gen.check_bulk_expenses()

    def test_the_province_preset_is_refused_until_its_loader(self):
        with self.assertRaisesRegex(ValueError, "not written"):
            self.province.Generator(self.env, preset="100")
        with self.assertRaisesRegex(ValueError, "already holds generated data"):
            self.province.Generator(self.env, preset="tiny", commit=False).run()
