"""The chart of accounts of 民间非营利组织会计制度, for the agencies' companies.

Odoo 18 lists a chart template only for modules of the category "Accounting /
Localizations / Account Charts" (``ir.module.module._compute_account_templates``);
sgz_finance is not one, so it adds its template to the mapping here (ADR-21). The
accounts are data (``data/template/account.account-sgz_npo.csv``): first-level
codes of four digits as the system gives them, the income accounts each split into
限定性收入 (``…01``) and 非限定性收入 (``…02``). docs/books.md says which codes are
checked against which source.
"""

from odoo import _, models

from odoo.addons.account.models.chart_template import template

NPO_TEMPLATE = "sgz_npo"


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _get_chart_template_mapping(self, get_all=False):
        mapping = super()._get_chart_template_mapping(get_all=get_all)
        mapping[NPO_TEMPLATE] = {
            "name": _("Non-profit Organisations (民间非营利组织会计制度)"),
            "country_id": False,
            "country_code": False,
            "module": "sgz_finance",
            "parent": None,
            "sequence": 100,
            "visible": True,
            "installed": True,
        }
        return mapping

    @template(NPO_TEMPLATE)
    def _get_sgz_npo_template_data(self):
        return {
            "name": _("Non-profit Organisations"),
            "code_digits": 4,
            "property_account_receivable_id": "sgz_npo_1121",
            "property_account_payable_id": "sgz_npo_2202",
            "property_account_expense_categ_id": "sgz_npo_5101",
            "property_account_income_categ_id": "sgz_npo_430102",
        }

    @template(NPO_TEMPLATE, "res.company")
    def _get_sgz_npo_res_company(self):
        return {
            self.env.company.id: {
                "account_fiscal_country_id": "base.cn",
                "bank_account_code_prefix": "1002",
                "cash_account_code_prefix": "1001",
                "transfer_account_code_prefix": "1009",
                "income_currency_exchange_account_id": "sgz_npo_490102",
                "expense_currency_exchange_account_id": "sgz_npo_5401",
                "account_journal_early_pay_discount_loss_account_id": "sgz_npo_5401",
                "account_journal_early_pay_discount_gain_account_id": "sgz_npo_490102",
                "default_cash_difference_expense_account_id": "sgz_npo_5401",
                "default_cash_difference_income_account_id": "sgz_npo_490102",
            },
        }

    @template(NPO_TEMPLATE, "account.journal")
    def _get_sgz_npo_account_journal(self):
        return {
            "bank": {"name": _("Bank Deposits"), "default_account_id": "sgz_npo_1002"},
            "cash": {"name": _("Cash"), "default_account_id": "sgz_npo_1001"},
            "general": {"name": _("Vouchers"), "code": "JZ"},
        }
