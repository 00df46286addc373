from odoo import Command, _, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
    AUDITOR,
    MANAGER,
    require_group,
)

from .account_chart_template import NPO_TEMPLATE


class ResPartner(models.Model):
    _inherit = "res.partner"

    sgz_book_company_id = fields.Many2one(
        "res.company",
        string="Books",
        compute="_compute_sgz_book_company",
        help="The company in which this agency keeps its own books "
        "(民间非营利组织会计制度).",
    )

    def _compute_sgz_book_company(self):
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("sgz_agency_id", "in", self.commercial_partner_id.ids)])
        )
        by_agency = {c.sgz_agency_id: c for c in companies}
        for partner in self:
            partner.sgz_book_company_id = by_agency.get(
                partner.commercial_partner_id, False
            )

    def _sgz_book_company(self):
        """The agency's books, or a refusal that says how to set them up."""
        self.ensure_one()
        company = self.sgz_book_company_id
        if not company:
            raise UserError(
                _(
                    "%(agency)s keeps no books here yet. A bureau manager sets them "
                    "up on the agency: Set Up Books.",
                    agency=self.commercial_partner_id.name,
                )
            )
        return company

    def action_sgz_setup_books(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sgz.books.setup",
            "view_mode": "form",
            "target": "new",
            "context": {"default_agency_id": self.commercial_partner_id.id},
        }

    def _sgz_setup_books(self, company=None, accountants=None):
        """Make (or take) the agency's company, load the non-profit chart, give the
        agency's accountants and the auditors access. Refuses what would overwrite
        other books."""
        require_group(self.env, MANAGER)
        agency = self.commercial_partner_id
        agency.ensure_one()
        if not agency.is_sgz_agency:
            raise UserError(
                _("%(partner)s is not a contracted agency.", partner=agency.name)
            )
        existing = agency.sgz_book_company_id
        if existing:
            raise UserError(
                _(
                    "%(agency)s already keeps its books in %(company)s.",
                    agency=agency.name,
                    company=existing.name,
                )
            )
        accountants = accountants or self.env["res.users"]
        strangers = accountants.filtered(
            lambda u: u.sgz_agency_id != agency or not u.has_group(ACCOUNTANT)
        )
        if strangers:
            raise UserError(
                _(
                    "%(users)s: not an accountant of %(agency)s.",
                    users=", ".join(strangers.mapped("name")),
                    agency=agency.name,
                )
            )
        Company = self.env["res.company"].sudo()
        if company:
            company = company.sudo()
            if company.chart_template and company.chart_template != NPO_TEMPLATE:
                raise UserError(
                    _(
                        "%(company)s already has another chart of accounts "
                        "(%(chart)s); its books are not overwritten. Choose a company "
                        "without a chart, or let a new one be made.",
                        company=company.name,
                        chart=company.chart_template,
                    )
                )
            if company.sgz_agency_id:
                raise UserError(
                    _(
                        "%(company)s keeps the books of %(agency)s.",
                        company=company.name,
                        agency=company.sgz_agency_id.name,
                    )
                )
            if company == self.env.company or company.sgz_expense_account_id:
                raise UserError(
                    _(
                        "%(company)s keeps the bureau's books; an agency's books are "
                        "kept in a company of their own.",
                        company=company.name,
                    )
                )
            company.sgz_agency_id = agency
        else:
            # a company in China would make Odoo install l10n_cn and load the
            # Chinese enterprise chart on commit (res.company.install_l10n_modules),
            # over the non-profit chart loaded below: not for an agency's books
            company = Company.with_context(chart_template_load=True).create(
                {
                    "name": _("%(agency)s (books)", agency=agency.name),
                    "currency_id": self.env.ref("base.CNY").id,
                    "country_id": self.env.ref("base.cn").id,
                    "sgz_agency_id": agency.id,
                }
            )
        if not company.chart_template:
            # _load, not try_loading: the latter warns when called while modules
            # load (the demo sets up its agency's books at install)
            self.env["account.chart.template"].sudo()._load(
                NPO_TEMPLATE, company, install_demo=False
            )
        people = accountants | self.env.ref(AUDITOR).sudo().users
        people.sudo().write({"company_ids": [Command.link(company.id)]})
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.company",
            "res_id": company.id,
            "view_mode": "form",
            "target": "current",
        }
