"""期末结转 of an agency's books: income and expenses into net assets.

民间非营利组织会计制度: at the end of a period the 限定性收入 of each income account go
to 限定性净资产 (3102), the 非限定性收入 and every expense to 非限定性净资产 (3101); the
restricted net assets of a project are released (Dr 3102 / Cr 3101) by what was
actually spent on its purpose. Odoo posts no closing entries: this is one real journal
entry per period, with a per-project schedule; the period is then locked (Odoo's
``fiscalyear_lock_date``), closes once, and a closing is reversed by its reversal
entry, never deleted.
"""

from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import ACCOUNTANT, require_group

NET_UNRESTRICTED = "3101"
NET_RESTRICTED = "3102"
COST = "5101"


class SgzPeriodClose(models.Model):
    _name = "sgz.period.close"
    _inherit = ["sgz.workflow.mixin", "mail.thread"]
    _description = "Period-end Closing of an Agency"
    _order = "company_id, date_to desc"
    _sgz_workflow_fields = ("state", "move_id", "reversal_move_id", "closed_by")

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one(
        "res.company",
        string="Books",
        required=True,
        index=True,
        domain=[("sgz_agency_id", "!=", False)],
        ondelete="restrict",
    )
    agency_id = fields.Many2one(
        related="company_id.sgz_agency_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("closed", "Closed"), ("reversed", "Reversed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    move_id = fields.Many2one("account.move", string="Closing Entry", readonly=True)
    reversal_move_id = fields.Many2one(
        "account.move", string="Reversal Entry", readonly=True
    )
    closed_by = fields.Many2one("res.users", readonly=True)
    line_ids = fields.One2many(
        "sgz.period.close.line", "close_id", string="Release per Project"
    )

    @api.depends("company_id.name", "date_from", "date_to")
    def _compute_name(self):
        for rec in self:
            rec.name = _(
                "Closing %(company)s %(date_from)s–%(date_to)s",
                company=rec.company_id.name or "",
                date_from=rec.date_from or "",
                date_to=rec.date_to or "",
            )

    def write(self, vals):
        if not self._sgz_in_step() and any(r.state != "draft" for r in self):
            raise UserError(_("A closing that was taken is reversed, not changed."))
        return super().write(vals)

    def unlink(self):
        if any(r.state != "draft" for r in self):
            raise UserError(_("A closing that was taken is kept with the books."))
        return super().unlink()

    def _sgz_check_closer(self):
        require_group(self.env, ACCOUNTANT)
        for rec in self:
            if not self.env.su and rec.agency_id != self.env.user.sgz_agency_id:
                raise UserError(
                    _(
                        "The books of %(agency)s are closed by its own accountants.",
                        agency=rec.agency_id.name,
                    )
                )

    def _sgz_balances(self):
        """{(account, project): balance} of the period's income and expense items."""
        self.ensure_one()
        company = self.company_id
        groups = (
            self.env["account.move.line"]
            .sudo()
            .with_company(company)
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("date", ">=", self.date_from),
                    ("date", "<=", self.date_to),
                ],
                ["account_id", "sgz_project_id"],
                ["balance:sum"],
            )
        )
        result = {}
        for account, project, balance in groups:
            code = account.with_company(company).code or ""
            if code[:1] in ("4", "5") and not company.currency_id.is_zero(balance):
                result[(account, project)] = balance
        return result

    def _sgz_restricted_before(self, projects):
        """{project: 3102 balance} before the period (credit positive)."""
        company = self.company_id
        account = company._sgz_npo_account(NET_RESTRICTED)
        groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("parent_state", "=", "posted"),
                    ("account_id", "=", account.id),
                    ("date", "<", self.date_from),
                    ("sgz_project_id", "in", projects.ids),
                ],
                ["sgz_project_id"],
                ["balance:sum"],
            )
        )
        return {project: -balance for project, balance in groups}

    def action_close(self):
        self._sgz_check_closer()
        self._sgz_require_state("draft")
        for rec in self:
            rec._sgz_close()
        return True

    def _sgz_close(self):
        self.ensure_one()
        company = self.company_id.sudo()
        currency = company.currency_id
        if self.date_from > self.date_to:
            raise UserError(_("The period ends before it begins."))
        locked = company.fiscalyear_lock_date
        if locked and self.date_from <= locked:
            raise UserError(
                _(
                    "%(company)s is closed until %(locked)s: the period from "
                    "%(date_from)s is closed already (a period closes once).",
                    company=company.name,
                    locked=locked,
                    date_from=self.date_from,
                )
            )
        drafts = (
            self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "draft"),
                    ("date", "<=", self.date_to),
                ]
            )
        )
        if drafts:
            raise UserError(
                _(
                    "%(count)s draft entries are dated in the period: post or delete "
                    "them before closing.",
                    count=drafts,
                )
            )
        balances = self._sgz_balances()
        if not balances:
            raise UserError(
                _(
                    "%(company)s has no income or expense from %(date_from)s to "
                    "%(date_to)s: there is nothing to close.",
                    company=company.name,
                    date_from=self.date_from,
                    date_to=self.date_to,
                )
            )
        unrestricted = company._sgz_npo_account(NET_UNRESTRICTED)
        restricted = company._sgz_npo_account(NET_RESTRICTED)
        lines = []
        to_net = defaultdict(float)  # (net account, project): credit amount
        restricted_income = defaultdict(float)
        spent = defaultdict(float)
        label = self.name
        for (account, project), balance in balances.items():
            code = account.with_company(company).code
            # the income or expense account is brought to zero
            lines.append((account, max(-balance, 0.0), max(balance, 0.0), project))
            if code.startswith("4") and code.endswith("01"):
                to_net[(restricted, project)] += -balance
                if project:
                    restricted_income[project] += -balance
            else:
                to_net[(unrestricted, project)] += -balance
            if code == COST and project:
                spent[project] += balance
        for (net, project), amount in to_net.items():
            amount = currency.round(amount)
            lines.append((net, max(-amount, 0.0), max(amount, 0.0), project))
        projects = self.env["sgz.project"].browse(
            {p.id for p in restricted_income} | {p.id for p in spent}
        )
        before = self._sgz_restricted_before(projects)
        schedule = []
        for project in projects:
            available = currency.round(
                before.get(project, 0.0) + restricted_income.get(project, 0.0)
            )
            used = currency.round(spent.get(project, 0.0))
            release = min(used, max(available, 0.0))
            schedule.append(
                {
                    "project_id": project.id,
                    "opening_restricted": before.get(project, 0.0),
                    "restricted_income": restricted_income.get(project, 0.0),
                    "spent": used,
                    "released": release,
                    "closing_restricted": currency.round(available - release),
                }
            )
            if not currency.is_zero(release):
                lines.append((restricted, release, 0.0, project))
                lines.append((unrestricted, 0.0, release, project))
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company._sgz_npo_journal().id,
                    "date": self.date_to,
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": account.id,
                                "name": label,
                                "debit": currency.round(debit),
                                "credit": currency.round(credit),
                                "sgz_project_id": project.id if project else False,
                            }
                        )
                        for account, debit, credit, project in lines
                        if not (currency.is_zero(debit) and currency.is_zero(credit))
                    ],
                }
            )
        )
        move.action_post()
        company.write({"fiscalyear_lock_date": self.date_to})
        self._sgz_step_write(
            {
                "state": "closed",
                "move_id": move.id,
                "closed_by": self.env.uid,
                "line_ids": [Command.clear()]
                + [Command.create(vals) for vals in schedule],
            }
        )

    def action_reverse(self):
        """Reopen the period: the closing entry is reversed, the lock goes back."""
        self._sgz_check_closer()
        self._sgz_require_state("closed")
        for rec in self:
            company = rec.company_id.sudo()
            later = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "closed"),
                    ("date_to", ">", rec.date_to),
                ],
                limit=1,
            )
            if later:
                raise UserError(
                    _(
                        "%(later)s comes after this closing: reverse it first.",
                        later=later.name,
                    )
                )
            previous = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "closed"),
                    ("date_to", "<", rec.date_from),
                ],
                order="date_to desc",
                limit=1,
            )
            company.write({"fiscalyear_lock_date": previous.date_to or False})
            reversal = rec.move_id.sudo()._reverse_moves(
                default_values_list=[
                    {
                        "date": rec.date_to,
                        "ref": _("Reversal of %(closing)s", closing=rec.name),
                    }
                ]
            )
            reversal.action_post()
            rec._sgz_step_write({"state": "reversed", "reversal_move_id": reversal.id})
        return True


class SgzPeriodCloseLine(models.Model):
    _name = "sgz.period.close.line"
    _description = "Release of Restricted Net Assets per Project"
    _order = "close_id, project_id"

    close_id = fields.Many2one(
        "sgz.period.close", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="close_id.currency_id")
    project_id = fields.Many2one("sgz.project", required=True, ondelete="restrict")
    opening_restricted = fields.Monetary(string="Restricted at the Start")
    restricted_income = fields.Monetary()
    spent = fields.Monetary(string="Spent on the Project")
    released = fields.Monetary(string="Released to Unrestricted")
    closing_restricted = fields.Monetary(string="Restricted at the End")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not lines.close_id._sgz_in_step():
            raise UserError(_("The release schedule is written by the closing."))
        return lines

    def write(self, vals):
        if not self.close_id._sgz_in_step():
            raise UserError(_("The release schedule is written by the closing."))
        return super().write(vals)
