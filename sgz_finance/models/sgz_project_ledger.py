"""收支明细表 of a project (第六部分 七（三）, L4312): every receipt and expense of the
project in the agency's books, with its budget line, funding source, evidence and
voucher. Read by the agency's accountants and the auditors, on screen (PDF) and XLSX."""

import base64
import io

import xlsxwriter

from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
    AUDITOR,
    reader_env,
    require_group,
)

from ..lib.report_xlsx import exact_sum


class SgzProjectLedgerMixin(models.AbstractModel):
    """The 收支明细表 of a project (joined by sgz.project in sgz_project.py)."""

    _name = "sgz.project.ledger.mixin"
    _description = "Income and Expenditure of a Project"

    def _sgz_check_ledger_reader(self):
        require_group(self.env, ACCOUNTANT, AUDITOR)
        if self.env.su or self.env.user.has_group(AUDITOR):
            return
        for project in self:
            if project.agency_id.commercial_partner_id != self.env.user.sgz_agency_id:
                raise UserError(
                    _(
                        "The books of %(agency)s are read by its own accountants and "
                        "by the auditors.",
                        agency=project.agency_id.name,
                    )
                )

    def _sgz_ledger_rows(self):
        """The posted receipts, expenses and labour payments of the project, by date."""
        self.ensure_one()
        env = reader_env(self.env)
        sources = dict(
            self.env["sgz.agency.receipt"]
            ._fields["funding_source"]
            ._description_selection(env)
        )
        rows = []
        domain = [("project_id", "=", self.id), ("state", "=", "posted")]
        for receipt in self.env["sgz.agency.receipt"].sudo().search(domain):
            rows.append(
                {
                    "date": receipt.date,
                    "kind": env._("Received"),
                    "voucher": receipt.move_id.name,
                    "name": receipt.disbursement_id.display_name or receipt.name,
                    "line": "",
                    "source": sources.get(receipt.funding_source, ""),
                    "income": receipt.amount,
                    "expense": 0.0,
                    "evidence": receipt.bank_reference or "",
                }
            )
        for expense in self.env["sgz.agency.expense"].sudo().search(domain):
            rows.append(
                {
                    "date": expense.date,
                    "kind": env._("Expense"),
                    "voucher": expense.move_id.name,
                    "name": f"{expense.name}（{expense.partner_id.name}）",
                    "line": expense.budget_line_id.name,
                    "source": sources.get(expense.funding_source, ""),
                    "income": 0.0,
                    "expense": expense.amount,
                    "evidence": "、".join(
                        filter(
                            None,
                            [f"{expense.invoice_number}"]
                            + expense.evidence_ids.filtered("attachment_ids").mapped(
                                "name"
                            ),
                        )
                    ),
                }
            )
        for pay in self.env["sgz.labor.payment"].sudo().search(domain):
            rows.append(
                {
                    "date": pay.date,
                    "kind": env._("Labour Fee"),
                    "voucher": pay.move_id.name,
                    "name": f"{pay.payee_name} {pay.work}",
                    "line": pay.budget_line_id.name,
                    "source": sources.get(pay.funding_source, ""),
                    "income": 0.0,
                    "expense": pay.gross,
                    "evidence": env._("signed pay sheet"),
                }
            )
        rows.sort(key=lambda r: (r["date"], r["voucher"] or ""))
        return rows

    def action_print_ledger(self):
        self._sgz_check_ledger_reader()
        return self.env.ref("sgz_finance.action_report_project_ledger").report_action(
            self
        )

    def action_export_ledger_xlsx(self):
        self.ensure_one()
        self._sgz_check_ledger_reader()
        rows = self._sgz_ledger_rows()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
        title = _("Income and Expenditure")
        sheet = book.add_worksheet(title)
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        money_bold = book.add_format({"num_format": "#,##0.00", "bold": True})
        sheet.write(0, 0, title, bold)
        sheet.write(
            1,
            0,
            _(
                "%(project)s — %(agency)s",
                project=self.display_name,
                agency=self.agency_id.name,
            ),
        )
        headers = [
            _("Date"),
            _("Kind"),
            _("Voucher"),
            _("Description"),
            _("Budget Line"),
            _("Funding Source"),
            _("Income"),
            _("Expenditure"),
            _("Invoice and Evidence"),
        ]
        for col, header in enumerate(headers):
            sheet.write(3, col, header, bold)
        sheet.freeze_panes(4, 0)
        sheet.set_column(0, 2, 14)
        sheet.set_column(3, 5, 30)
        sheet.set_column(6, 7, 16)
        sheet.set_column(8, 8, 40)
        row = 3
        for data in rows:
            row += 1
            sheet.write(row, 0, str(data["date"]))
            sheet.write(row, 1, data["kind"])
            sheet.write(row, 2, data["voucher"] or "")
            sheet.write(row, 3, data["name"])
            sheet.write(row, 4, data["line"])
            sheet.write(row, 5, data["source"])
            sheet.write_number(row, 6, data["income"], money)
            sheet.write_number(row, 7, data["expense"], money)
            sheet.write(row, 8, data["evidence"])
        row += 1
        sheet.write(row, 3, _("Total"), bold)
        for col, key in ((6, "income"), (7, "expense")):
            letter = xlsxwriter.utility.xl_col_to_name(col)
            total = exact_sum(r[key] for r in rows)
            formula = f"=SUM({letter}5:{letter}{row})" if rows else "=0"
            sheet.write_formula(row, col, formula, money_bold, total)
        book.close()
        # attached to nothing and created as the reader: Odoo lets only its creator
        # read an attachment without a record (not the project's other readers)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{title} {self.code}.xlsx",
                "datas": base64.b64encode(output.getvalue()),
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }


class ReportProjectLedger(models.AbstractModel):
    _name = "report.sgz_finance.report_sgz_project_ledger"
    _description = "Income and Expenditure of a Project"

    @api.model
    def _get_report_values(self, docids, data=None):
        projects = self.env["sgz.project"].browse(docids)
        projects._sgz_check_ledger_reader()
        return {
            "doc_ids": docids,
            "doc_model": "sgz.project",
            "docs": projects,
            "rows": {p.id: p._sgz_ledger_rows() for p in projects},
        }
