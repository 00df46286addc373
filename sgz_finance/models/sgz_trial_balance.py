"""科目余额表 of an agency's books, and the reconciliation of project money in.

The trial balance is computed by two grouped reads of the journal items (before the
period, and in it), grouped by account, project and budget line: the cost does not
grow with the number of entries. Each account row is followed by its 明细 lines,
提供服务收入—限定性收入—<项目> and 业务活动成本—<项目>—<子项目>.
"""

import base64
import io

import xlsxwriter

from odoo import Command, _, api, fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
    AUDITOR,
    reader_env,
    require_group,
)

from ..lib.report_xlsx import exact_sum

DASH = "—"


class SgzTrialBalance(models.TransientModel):
    _name = "sgz.trial.balance"
    _description = "Trial Balance of an Agency"

    company_id = fields.Many2one(
        "res.company",
        string="Books",
        required=True,
        domain=[("sgz_agency_id", "!=", False)],
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many("sgz.trial.balance.line", "report_id", readonly=True)
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char()

    def _sgz_check_reader(self):
        """The agency's own accountant, or an auditor, reads its books."""
        self.ensure_one()
        require_group(self.env, ACCOUNTANT, AUDITOR)
        agency = self.company_id.sudo().sgz_agency_id
        if not agency:
            raise UserError(_("The trial balance is of an agency's books."))
        if (
            not self.env.su
            and not self.env.user.has_group(AUDITOR)
            and self.env.user.sgz_agency_id != agency
        ):
            raise UserError(
                _(
                    "The books of %(agency)s are read by its own accountants and by "
                    "the auditors.",
                    agency=agency.name,
                )
            )
        if self.date_from > self.date_to:
            raise UserError(_("The period ends before it begins."))

    @api.model
    def _sgz_rows(self, company, date_from, date_to):
        """The rows of the trial balance, as dicts, accounts by code then details."""
        Line = self.env["account.move.line"].sudo().with_company(company)
        base = [("company_id", "=", company.id), ("parent_state", "=", "posted")]
        groupby = ["account_id", "sgz_project_id", "sgz_budget_line_id"]
        sums = ["debit:sum", "credit:sum"]
        figures = {}
        for key, domain in (
            ("opening", [("date", "<", date_from)]),
            ("period", [("date", ">=", date_from), ("date", "<=", date_to)]),
        ):
            for account, project, line, debit, credit in Line._read_group(
                base + domain, groupby, sums
            ):
                entry = figures.setdefault((account, project, line), {})
                entry[key] = (debit, credit)
        currency = company.currency_id
        accounts = {}
        for (account, project, line), entry in figures.items():
            accounts.setdefault(account, []).append((project, line, entry))
        rows = []
        env = reader_env(self.env)

        def amounts(entries):
            od = exact_sum(e.get("opening", (0, 0))[0] for e in entries)
            oc = exact_sum(e.get("opening", (0, 0))[1] for e in entries)
            pd = exact_sum(e.get("period", (0, 0))[0] for e in entries)
            pc = exact_sum(e.get("period", (0, 0))[1] for e in entries)
            opening = currency.round(od - oc)
            closing = currency.round(opening + pd - pc)
            return {
                "opening_debit": max(opening, 0.0),
                "opening_credit": max(-opening, 0.0),
                "debit": currency.round(pd),
                "credit": currency.round(pc),
                "closing_debit": max(closing, 0.0),
                "closing_credit": max(-closing, 0.0),
            }

        for account in sorted(accounts, key=lambda a: a.with_company(company).code):
            account = account.with_env(env(su=True)).with_company(company)
            entries = accounts[account]
            rows.append(
                {
                    "level": "account",
                    "code": account.code,
                    "name": account.name,
                    "account_id": account.id,
                    **amounts([e for _p, _l, e in entries]),
                }
            )
            details = {}
            for project, line, entry in entries:
                if project:
                    details.setdefault((project, line), []).append(entry)
            for project, line in sorted(
                details, key=lambda k: (k[0].code or "", k[1].sequence, k[1].id)
            ):
                parts = [account.name, project.display_name]
                if line:
                    parts.append(line.name)
                rows.append(
                    {
                        "level": "detail",
                        "code": account.code,
                        "name": DASH.join(parts),
                        "account_id": account.id,
                        "project_id": project.id,
                        "budget_line_id": line.id,
                        **amounts(details[(project, line)]),
                    }
                )
        return rows

    def action_compute(self):
        self._sgz_check_reader()
        rows = self._sgz_rows(self.company_id, self.date_from, self.date_to)
        self.line_ids = [Command.clear()] + [
            Command.create({"sequence": i, **row}) for i, row in enumerate(rows)
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_export_xlsx(self):
        self._sgz_check_reader()
        rows = self._sgz_rows(self.company_id, self.date_from, self.date_to)
        content = self._sgz_xlsx(rows)
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_name": f"{_('Trial Balance')} {self.company_id.name} "
                f"{self.date_from}-{self.date_to}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/"
            f"{self.xlsx_name}?download=true",
            "target": "self",
        }

    def action_print(self):
        self._sgz_check_reader()
        self.action_compute()
        return self.env.ref("sgz_finance.action_report_trial_balance").report_action(
            self
        )

    def _sgz_headers(self):
        return [
            _("Code"),
            _("Account"),
            _("Opening Debit"),
            _("Opening Credit"),
            _("Period Debit"),
            _("Period Credit"),
            _("Closing Debit"),
            _("Closing Credit"),
        ]

    def _sgz_xlsx(self, rows):
        """The workbook: title and period on top, frozen header, two decimals, and
        a total row of formulas over the account rows."""
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
        sheet = book.add_worksheet(_("Trial Balance"))
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
        sheet.write(0, 0, _("Trial Balance"), bold)
        sheet.write(
            1,
            0,
            _(
                "%(company)s, %(date_from)s to %(date_to)s",
                company=self.company_id.name,
                date_from=self.date_from,
                date_to=self.date_to,
            ),
        )
        header_row = 3
        for col, title in enumerate(self._sgz_headers()):
            sheet.write(header_row, col, title, bold)
        sheet.freeze_panes(header_row + 1, 2)
        sheet.set_column(0, 0, 10)
        sheet.set_column(1, 1, 48)
        sheet.set_column(2, 7, 16)
        keys = (
            "opening_debit",
            "opening_credit",
            "debit",
            "credit",
            "closing_debit",
            "closing_credit",
        )
        account_rows = []
        row_index = header_row
        for row in rows:
            row_index += 1
            fmt = money_bold if row["level"] == "account" else money
            sheet.write(row_index, 0, row["code"])
            sheet.write(
                row_index,
                1,
                row["name"] if row["level"] == "account" else "    " + row["name"],
            )
            for col, key in enumerate(keys, start=2):
                sheet.write_number(row_index, col, row[key], fmt)
            if row["level"] == "account":
                account_rows.append(row_index)
        row_index += 1
        sheet.write(row_index, 1, _("Total"), bold)
        for col, key in enumerate(keys, start=2):
            letter = xlsxwriter.utility.xl_col_to_name(col)
            cells = ",".join(f"{letter}{r + 1}" for r in account_rows) or "0"
            total = exact_sum(r[key] for r in rows if r["level"] == "account")
            sheet.write_formula(
                row_index,
                col,
                f"=SUM({cells})",
                money_bold,
                self.currency_id.round(total),
            )
        book.close()
        return output.getvalue()


class SgzTrialBalanceLine(models.TransientModel):
    _name = "sgz.trial.balance.line"
    _description = "Trial Balance Line"
    _order = "sequence"

    report_id = fields.Many2one("sgz.trial.balance", required=True, ondelete="cascade")
    sequence = fields.Integer()
    level = fields.Selection([("account", "Account"), ("detail", "Detail")])
    code = fields.Char()
    name = fields.Char(string="Account")
    account_id = fields.Many2one("account.account", string="Ledger Account")
    project_id = fields.Many2one("sgz.project")
    budget_line_id = fields.Many2one("sgz.budget.line")
    currency_id = fields.Many2one(related="report_id.currency_id")
    opening_debit = fields.Monetary()
    opening_credit = fields.Monetary()
    debit = fields.Monetary(string="Period Debit")
    credit = fields.Monetary(string="Period Credit")
    closing_debit = fields.Monetary()
    closing_credit = fields.Monetary()


class SgzReceiptReconciliation(models.Model):
    """Per project: what the bureau paid, what the agency received, the difference."""

    _name = "sgz.receipt.reconciliation"
    _description = "Project Money: Paid and Received"
    _auto = False
    _order = "agency_id, project_id"

    project_id = fields.Many2one("sgz.project", readonly=True)
    agency_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", string="Bureau", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    paid_amount = fields.Monetary(string="Paid by the Bureau", readonly=True)
    received_amount = fields.Monetary(string="Received by the Agency", readonly=True)
    difference = fields.Monetary(readonly=True)
    unmatched_count = fields.Integer(string="Receipts Not Matched", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT p.id AS id, p.id AS project_id, p.agency_id, p.company_id,
                       c.currency_id,
                       COALESCE(d.paid, 0) AS paid_amount,
                       COALESCE(r.received, 0) AS received_amount,
                       COALESCE(d.paid, 0) - COALESCE(r.received, 0) AS difference,
                       COALESCE(r.unmatched, 0) AS unmatched_count
                  FROM sgz_project p
                  JOIN res_company c ON c.id = p.company_id
             LEFT JOIN (SELECT project_id, SUM(amount_due) AS paid
                          FROM sgz_disbursement WHERE state = 'paid'
                      GROUP BY project_id) d ON d.project_id = p.id
             LEFT JOIN (SELECT project_id,
                               SUM(amount) FILTER (WHERE state = 'posted') AS received,
                               COUNT(*) FILTER (WHERE state = 'draft'
                                   AND match_issue IS NOT NULL) AS unmatched
                          FROM sgz_agency_receipt
                      GROUP BY project_id) r ON r.project_id = p.id
                 WHERE d.paid IS NOT NULL OR r.project_id IS NOT NULL
            )
            """
        )
