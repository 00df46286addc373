"""The bureau's dashboard (the landing screen of managers and auditors), and the
budget-versus-actual view behind the budget pictures.

Each figure of the dashboard is one grouped query over what the user may read (record
rules apply), and opens its list filtered the same way (``_sgz_figures`` holds both
the domain and the figure, so that the count and the list cannot disagree).
"""

from odoo import api, fields, models, tools

from odoo.addons.sgz_stations.models.sgz_workflow import reader_env

DUE_STATES = ("payable", "requested", "approved")


class SgzDashboard(models.TransientModel):
    _name = "sgz.dashboard"
    _description = "Bureau Dashboard"

    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    payments_due_count = fields.Integer(
        string="Payments Due", compute="_compute_figures"
    )
    payments_due_amount = fields.Monetary(
        string="Amount Due", compute="_compute_figures"
    )
    payments_late_count = fields.Integer(
        string="Payments Overdue", compute="_compute_figures"
    )
    payments_late_amount = fields.Monetary(
        string="Amount Overdue", compute="_compute_figures"
    )
    briefs_late_count = fields.Integer(
        string="Monthly Briefs Overdue", compute="_compute_figures"
    )
    notices_due_count = fields.Integer(
        string="Result Notices to Publish", compute="_compute_figures"
    )
    exceptions_open_count = fields.Integer(
        string="Exceptions Not Reviewed", compute="_compute_figures"
    )
    stations_noncompliant_count = fields.Integer(
        string="Stations Out of Compliance", compute="_compute_figures"
    )
    paid_this_year_amount = fields.Monetary(
        string="Paid This Year", compute="_compute_figures"
    )

    @api.model
    def _sgz_figures(self):
        """{figure: (model, domain, amount field or None)}."""
        today = fields.Date.context_today(self)
        company = [("company_id", "=", self.env.company.id)]
        return {
            "payments_due": (
                "sgz.disbursement",
                company + [("state", "in", DUE_STATES)],
                "amount_due",
            ),
            "payments_late": (
                "sgz.disbursement",
                company + [("state", "in", DUE_STATES), ("due_date", "<", today)],
                "amount_due",
            ),
            "briefs_late": (
                "sgz.monthly.report",
                company + [("submit_date", "=", False), ("due_date", "<", today)],
                None,
            ),
            "notices_due": (
                "sgz.procurement",
                company + [("state", "=", "awarded"), ("notice_date", "=", False)],
                None,
            ),
            "exceptions_open": (
                "sgz.compliance.exception",
                company + [("state", "=", "open"), ("reviewed", "=", False)],
                None,
            ),
            "stations_noncompliant": (
                "sgz.station",
                company + [("is_compliant", "=", False)],
                None,
            ),
            "paid_this_year": (
                "sgz.disbursement",
                company
                + [
                    ("state", "=", "paid"),
                    ("paid_date", ">=", today.replace(month=1, day=1)),
                ],
                "amount_due",
            ),
        }

    @api.readonly
    def sgz_figures(self):
        """The figures as {name: (count, amount)} (one grouped query each)."""
        result = {}
        for name, (model, domain, amount) in self._sgz_figures().items():
            Model = self.env[model]
            if not Model.has_access("read"):
                result[name] = (0, 0.0)
                continue
            aggregates = ["__count"] + ([f"{amount}:sum"] if amount else [])
            [row] = Model._read_group(domain, [], aggregates)
            result[name] = (row[0], row[1] if amount else 0.0)
        return result

    def _compute_figures(self):
        figures = self.sgz_figures()
        for board in self:
            for name, (count, amount) in figures.items():
                if f"{name}_count" in board._fields:
                    board[f"{name}_count"] = count
                if f"{name}_amount" in board._fields:
                    board[f"{name}_amount"] = amount

    def action_open(self):
        """Open the list behind a figure (``figure`` in the context)."""
        name = self.env.context.get("sgz_figure")
        figures = self._sgz_figures()
        if name not in figures:
            return False
        model, domain, _amount = figures[name]
        env = reader_env(self.env)
        return {
            "type": "ir.actions.act_window",
            "name": self._fields[
                f"{name}_count" if f"{name}_count" in self._fields else f"{name}_amount"
            ]._description_string(env),
            "res_model": model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": domain,
            "context": {"create": False},
        }


class SgzBudgetUsage(models.Model):
    """Per line of each approved budget: the budget and what was spent on it in the
    agency's books (posted expenses and labour fees), for the pivot and graph views
    (budget versus actual by category, county, agency)."""

    _name = "sgz.budget.usage"
    _description = "Budget and Spending per Budget Line"
    _auto = False
    _order = "project_id, category_id"

    budget_line_id = fields.Many2one("sgz.budget.line", readonly=True)
    project_id = fields.Many2one("sgz.project", readonly=True)
    agency_id = fields.Many2one("res.partner", readonly=True)
    county_id = fields.Many2one("sgz.region", string="County / District", readonly=True)
    company_id = fields.Many2one("res.company", string="Bureau", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    category_id = fields.Many2one("sgz.budget.category", readonly=True)
    group_id = fields.Many2one(
        "sgz.budget.category", string="Category Group", readonly=True
    )
    budget_amount = fields.Monetary(string="Budget", readonly=True)
    spent_amount = fields.Monetary(string="Spent", readonly=True)
    left_amount = fields.Monetary(string="Left", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # spending is matched to the lines of the budget in force by category and
        # item, as sgz.budget.line._sgz_usage does (a line keeps its spending across
        # versions of the budget); spending on a line the budget in force no longer
        # has is a row of its own (budget 0, the id of its first line), never dropped
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                WITH spent AS (
                    SELECT b.project_id, l.category_id, btrim(l.name) AS name,
                           SUM(s.amount) AS amount, MIN(l.id) AS first_line_id
                      FROM (SELECT budget_line_id, amount FROM sgz_agency_expense
                             WHERE state = 'posted'
                            UNION ALL
                            SELECT budget_line_id, gross FROM sgz_labor_payment
                             WHERE state = 'posted') s
                      JOIN sgz_budget_line l ON l.id = s.budget_line_id
                      JOIN sgz_budget b ON b.id = l.budget_id
                  GROUP BY b.project_id, l.category_id, btrim(l.name)
                ),
                in_force AS (
                    SELECT l.id, b.project_id, l.category_id, btrim(l.name) AS name,
                           l.amount
                      FROM sgz_budget_line l
                      JOIN sgz_budget b ON b.id = l.budget_id AND b.state = 'approved'
                )
                SELECT COALESCE(f.id, s.first_line_id) AS id,
                       COALESCE(f.id, s.first_line_id) AS budget_line_id,
                       p.id AS project_id, p.agency_id, p.county_id, p.company_id,
                       c.currency_id, cat.id AS category_id,
                       COALESCE(cat.parent_id, cat.id) AS group_id,
                       COALESCE(f.amount, 0) AS budget_amount,
                       COALESCE(s.amount, 0) AS spent_amount,
                       COALESCE(f.amount, 0) - COALESCE(s.amount, 0) AS left_amount
                  FROM in_force f
             FULL JOIN spent s ON s.project_id = f.project_id
                      AND s.category_id = f.category_id AND s.name = f.name
                  JOIN sgz_project p ON p.id = COALESCE(f.project_id, s.project_id)
                  JOIN res_company c ON c.id = p.company_id
                  JOIN sgz_budget_category cat
                    ON cat.id = COALESCE(f.category_id, s.category_id)
            )
            """
        )
