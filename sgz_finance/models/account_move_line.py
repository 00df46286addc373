"""The per-project detail (辅助核算) of an agency's journal items (ADR-21).

第六部分 五 asks for 提供服务收入—限定性收入—<项目> and 业务活动成本—<项目>—<子项目>:
instead of one sub-account per project and budget line (1,400 stations × projects ×
lines), each journal item carries the project, the budget line (子项目) and the
funding source as indexed columns; the trial balance prints them as detail lines.
Only the agency documents' posting writes them (those users have no write access to
journal items).
"""

from odoo import fields, models
from odoo.tools.sql import create_index

from odoo.addons.sgz_stations.models.sgz_project import FUNDING_SOURCES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    sgz_project_id = fields.Many2one(
        "sgz.project", string="Station Project", index="btree_not_null", readonly=True
    )
    sgz_budget_line_id = fields.Many2one(
        "sgz.budget.line",
        string="Budget Line (子项目)",
        index="btree_not_null",
        readonly=True,
    )
    sgz_funding_source = fields.Selection(
        FUNDING_SOURCES, string="Funding Source", index="btree_not_null", readonly=True
    )

    def init(self):
        # the trial balance and the agencies' ledgers read one company's items by
        # date (opening balance before, period between): Odoo indexes company and
        # date apart, a province's hundreds of books want them together
        create_index(
            self.env.cr,
            "account_move_line_sgz_company_date_idx",
            self._table,
            ["company_id", "date"],
        )
        return super().init()
