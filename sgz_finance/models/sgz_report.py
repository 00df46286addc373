"""The reports of the auditors and the bureau, in XLSX and PDF (docs/reports.md).

One wizard (``sgz.report``) holds the selection (period, county, agency, project,
year) and the report chosen; each report is a method ``_sgz_parts_<report>`` that
returns its parts (a title, columns and rows, see ``lib/report_xlsx.py``). The XLSX is
written by ``report_xlsx.write_workbook``, the PDF by one QWeb template over the same
parts: the two files always show the same figures.

Every figure comes from grouped reads (``_read_group``) or one search per model, run
as the user who asks: record rules decide which rows a report holds (an agency's
users see their agency only), and the number of queries does not grow with the
number of rows (``tests/test_reports.py`` counts them on 1x and 10x the data).
"""

import base64
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import format_amount, format_date, get_lang

from odoo.addons.sgz_procurement.lib import working_days
from odoo.addons.sgz_procurement.models.sgz_procurement_common import (
    CONSULTATION_MIN_DAYS,
    INQUIRY_MIN_WORKING_DAYS,
    SINGLE_SOURCE_NOTICE_WORKING_DAYS,
)
from odoo.addons.sgz_stations.models.sgz_handover import role_users
from odoo.addons.sgz_stations.models.sgz_workflow import (
    ACCOUNTANT,
    AGENCY,
    AUDITOR,
    MANAGER,
    OFFICER,
    SUPERVISOR,
    list_separator,
    reader_env,
    require_group,
)

from ..lib import report_xlsx

REPORTS = [
    ("fund_use", "Use of Project Funds"),
    ("disbursement", "Disbursement Register"),
    ("procurement", "Procurement Register"),
    ("evaluation", "Evaluation Summary"),
    ("exception", "Compliance Exceptions"),
    ("lottery", "Annual Report on the Use of Lottery Funds"),
]
READERS = (OFFICER, MANAGER, SUPERVISOR, AUDITOR, AGENCY, ACCOUNTANT)
# A PDF is for filing: beyond this many rows in a part, the XLSX is the format.
PDF_MAX_ROWS = 5000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The fields the reports read of every project, stage and budget line: fetched with
# the search in one query, however many rows (reading them one by one would fetch in
# batches of 1,000 and the number of queries would grow with the data).
PROJECT_FIELDS = [
    "code",
    "name",
    "agency_id",
    "county_id",
    "amount",
    "currency_id",
    "company_id",
]
STAGE_FIELDS = [
    "contract_number",
    "project_id",
    "agency_id",
    "payment_line_id",
    "gate",
    "gate_date",
    "due_date",
    "paid_date",
    "state",
    "amount_due",
]
BUDGET_LINE_FIELDS = ["budget_id", "category_id", "name", "amount", "sequence"]
PAID = ("paid",)
OPEN_DISBURSEMENT = ("pending", "payable", "requested", "approved", "suspended")
COMPLIANT_QUOTES = ("qualified", "won", "lost")
RESPONDED_QUOTES = ("submitted", "in_review", "qualified", "rejected", "won", "lost")


def _percent(part, whole, currency):
    """``part`` as a percentage of ``whole``, rounded half up to two decimals in
    decimal arithmetic (0 when whole is 0)."""
    if currency.is_zero(whole):
        return 0.0
    ratio = Decimal(str(part)) * 100 / Decimal(str(whole))
    return float(ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money_formatter(env):
    """``format(amount, currency)``: the text of Odoo's ``format_amount`` in the
    reader's language, with the language's separators read once (a report formats
    thousands of amounts; ``format_amount`` looks the language up for each)."""
    lang = get_lang(env)
    grouping, point, sep = lang.grouping, lang.decimal_point, lang.thousands_sep

    def fmt(amount, currency):
        if grouping != "[3,0]":
            return format_amount(env, amount, currency)
        text = f"{currency.round(amount):,.{currency.decimal_places}f}"
        text = text.replace(",", "\x00").replace(".", point).replace("\x00", sep)
        text = text.replace(" ", "\N{NO-BREAK SPACE}").replace(
            "-", "-\N{ZERO WIDTH NO-BREAK SPACE}"
        )
        symbol = currency.symbol or ""
        if currency.position == "before":
            return f"{symbol}\N{NO-BREAK SPACE}{text}"
        return f"{text}\N{NO-BREAK SPACE}{symbol}"

    return fmt


class SgzReport(models.TransientModel):
    _name = "sgz.report"
    _description = "Report for the Auditors and the Bureau"

    report = fields.Selection(REPORTS, required=True, default="fund_use")
    company_id = fields.Many2one(
        "res.company",
        string="Bureau",
        required=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    year = fields.Integer(
        default=lambda self: fields.Date.context_today(self).year - 1,
        help="The year the lottery-fund report covers (due by 31 January after it).",
    )
    county_id = fields.Many2one(
        "sgz.region", string="County / District", domain=[("level", "=", "county")]
    )
    agency_id = fields.Many2one("res.partner", domain=[("is_sgz_agency", "=", True)])
    project_id = fields.Many2one("sgz.project")
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char()

    # ------------------------------------------------------------ selection
    def _sgz_check(self):
        self.ensure_one()
        require_group(self.env, *READERS)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(_("The period ends before it begins."))
        if self.report == "lottery" and not 2000 <= self.year <= 2100:
            raise UserError(_("Enter the year the lottery-fund report covers."))

    def _sgz_project_domain(self):
        domain = [("company_id", "=", self.company_id.id)]
        if self.county_id:
            domain.append(("county_id", "=", self.county_id.id))
        if self.agency_id:
            domain.append(("agency_id", "=", self.agency_id.id))
        if self.project_id:
            domain.append(("id", "=", self.project_id.id))
        return domain

    def _sgz_projects(self):
        """The projects of the selection that the user may read."""
        domain = self._sgz_project_domain()
        if self.date_from:
            domain.append(("date_end", ">=", self.date_from))
        if self.date_to:
            domain.append(("date_start", "<=", self.date_to))
        return self.env["sgz.project"].search_fetch(
            domain, PROJECT_FIELDS, order="code, id"
        )

    def _sgz_date_domain(self, field):
        domain = []
        if self.date_from:
            domain.append((field, ">=", self.date_from))
        if self.date_to:
            domain.append((field, "<=", self.date_to))
        return domain

    def _sgz_filters(self):
        """The lines printed above each part: organisation, selection, date."""
        env = reader_env(self.env)
        lines = [
            env._("Organisation: %(company)s", company=self.company_id.name),
        ]
        if self.report == "lottery":
            lines.append(env._("Year: %(year)s", year=self.year))
        else:
            lines.append(
                env._(
                    "Period: %(date_from)s to %(date_to)s",
                    date_from=self.date_from
                    and format_date(env, self.date_from)
                    or env._("the beginning"),
                    date_to=self.date_to
                    and format_date(env, self.date_to)
                    or env._("today"),
                )
            )
        chosen = [
            (env._("County / District"), self.county_id.complete_name),
            (env._("Agency"), self.agency_id.name),
            (env._("Project"), self.project_id.display_name),
        ]
        chosen = [f"{label}：{value}" for label, value in chosen if value]
        lines.append(
            env._(
                "Selection: %(selection)s",
                selection=list_separator(env).join(chosen) or env._("all"),
            )
        )
        lines.append(
            env._(
                "Printed on %(date)s by %(user)s",
                date=format_date(env, fields.Date.context_today(self)),
                user=self.env.user.name,
            )
        )
        return lines

    def _sgz_title(self):
        env = reader_env(self.env)
        return dict(self._fields["report"]._description_selection(env))[self.report]

    @api.readonly
    def sgz_parts(self):
        """The parts of the report chosen, as the user may see them."""
        self._sgz_check()
        parts = getattr(self, f"_sgz_parts_{self.report}")()
        empty = reader_env(self.env)._("Nothing in this selection.")
        for part in parts:
            part.setdefault("empty_label", empty)
        return parts

    # ------------------------------------------------------------ actions
    def action_export_xlsx(self):
        parts = self.sgz_parts()
        content = report_xlsx.write_workbook(parts, self._sgz_filters())
        stamp = fields.Date.to_string(fields.Date.context_today(self))
        self.write(
            {
                "xlsx_file": base64.b64encode(content),
                "xlsx_name": f"{self._sgz_title()} {stamp}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/"
            f"{self.xlsx_name}?download=true",
            "target": "self",
        }

    def action_print_pdf(self):
        """The PDF; its size is checked where it is rendered (``_sgz_pdf_parts``),
        so a report printed through any route is held to it."""
        self._sgz_check()
        return self.env.ref("sgz_finance.action_report_sgz_report").report_action(self)

    def _sgz_pdf_parts(self):
        parts = self.sgz_parts()
        for part in parts:
            if len(part["rows"]) > PDF_MAX_ROWS:
                raise UserError(
                    _(
                        "%(part)s has %(count)s rows, more than a printed report "
                        "holds (%(max)s): narrow the selection or export it to XLSX.",
                        part=part["title"],
                        count=len(part["rows"]),
                        max=PDF_MAX_ROWS,
                    )
                )
        return parts

    # ------------------------------------------------------ 资金使用报告
    @api.model
    def _sgz_budgets_in_force(self, projects, as_of=False):
        """{project id: the budget in force} today, or on ``as_of`` (the last version
        approved by then; the current one when none was approved by then)."""
        Budget = self.env["sgz.budget"].sudo()
        current = {}
        for budget in Budget.search(
            [("project_id", "in", projects.ids), ("state", "=", "approved")]
        ):
            current[budget.project_id.id] = budget
        if not as_of:
            return current
        in_force = {}
        for budget in Budget.search(
            [
                ("project_id", "in", projects.ids),
                ("state", "in", ("approved", "superseded")),
                ("approved_on", "<=", as_of),
            ],
            order="project_id, version desc, id desc",
        ):
            in_force.setdefault(budget.project_id.id, budget)
        return {**current, **in_force}

    @api.model
    def _sgz_fund_use_rows(self, projects, date_from=False, date_to=False):
        """Per project, the rows of its 资金使用报告 (mid-term report 六, final report
        项目资金支出情况): the lines of the budget in force on ``date_to`` grouped by
        category (A, A1, A2, B, ...), budget, spent, difference, explanation and
        progress, and the project's totals. Spending on a line that the budget in
        force no longer has is shown in a group of its own, never dropped. Shared by
        this report and the mid-term and final reports."""
        env = reader_env(self.env)
        current = self._sgz_budgets_in_force(projects, as_of=date_to)
        usage = self.env["sgz.budget.line"]._sgz_usage(
            projects, date_from=date_from, date_to=date_to
        )
        by_project = {}
        for key, figures in usage.items():
            by_project.setdefault(key[0], {})[key] = figures
        Category = self.env["sgz.budget.category"].sudo()
        lines_of = {}
        for line in (
            self.env["sgz.budget.line"]
            .sudo()
            .search_fetch(
                [("budget_id", "in", [b.id for b in current.values()])],
                BUDGET_LINE_FIELDS,
                order="budget_id, sequence, id",
            )
        ):
            lines_of.setdefault(line.budget_id.id, []).append(line)
        money = money_formatter(env)
        result = {}
        for project in projects:
            currency = project.currency_id
            budget = current.get(project.id)
            spending = by_project.get(project.id, {})
            groups = {}
            for line in lines_of.get(budget.id, []) if budget else []:
                group = line.category_id.parent_id or line.category_id
                key = line._sgz_key()
                groups.setdefault(group, []).append(
                    (f"{line.category_id.name}：{line.name}", line.amount, key)
                )
            ordered = sorted(groups, key=lambda g: (g.sequence, g.id))
            kept = {key for lines in groups.values() for _n, _a, key in lines}
            gone = [
                (f"{Category.browse(key[1]).name}：{key[2]}", 0.0, key)
                for key in sorted(spending, key=lambda k: (k[1], k[2]))
                if key not in kept
            ]
            if gone:
                label = env._("Spending on Lines No Longer in the Budget")
                ordered.append(label)
                groups[label] = gone
            rows = []
            total_budget = total_spent = 0.0
            for index, group in enumerate(ordered):
                letter = chr(ord("A") + index) if index < 26 else f"Z{index - 25}"
                group_row = {
                    "level": "group",
                    "serial": letter,
                    "name": group if isinstance(group, str) else group.name,
                    "budget": 0.0,
                    "spent": 0.0,
                    "committed": 0.0,
                }
                rows.append(group_row)
                for number, (name, amount, key) in enumerate(groups[group], start=1):
                    committed, spent = spending.get(key, (0.0, 0.0))
                    row = {
                        "level": "line",
                        "serial": f"{letter}{number}",
                        "name": name,
                        "budget": amount,
                        "spent": currency.round(spent),
                        "committed": currency.round(committed),
                    }
                    rows.append(row)
                    for field in ("budget", "spent", "committed"):
                        group_row[field] = currency.round(group_row[field] + row[field])
                total_budget = currency.round(total_budget + group_row["budget"])
                total_spent = currency.round(total_spent + group_row["spent"])
            for row in rows:
                row["difference"] = currency.round(row["budget"] - row["spent"])
                row["progress"] = _percent(row["spent"], row["budget"], currency)
                row["explanation"] = self._sgz_difference_note(
                    env, row, currency, money
                )
            result[project.id] = {
                "budget": budget,
                "rows": rows,
                "budget_total": total_budget,
                "spent_total": total_spent,
                "difference_total": currency.round(total_budget - total_spent),
                "share": _percent(total_spent, project.amount, currency),
                "progress": _percent(total_spent, total_budget, currency),
            }
        return result

    @api.model
    def _sgz_difference_note(self, env, row, currency, money=None):
        """差异说明 as the books show it (the agency explains it further in the
        report's own text)."""
        money_text = money or money_formatter(env)
        notes = []
        if currency.is_zero(row["difference"]):
            notes.append(env._("spent as budgeted"))
        elif row["difference"] > 0:
            notes.append(
                env._(
                    "%(amount)s not yet spent",
                    amount=money_text(row["difference"], currency),
                )
            )
        else:
            notes.append(env._("over budget"))
        if not currency.is_zero(row["committed"]):
            notes.append(
                env._(
                    "%(amount)s entered, not yet posted",
                    amount=money_text(row["committed"], currency),
                )
            )
        return list_separator(env).join(notes)

    def _sgz_parts_fund_use(self):
        env = reader_env(self.env)
        projects = self._sgz_projects()
        data = self._sgz_fund_use_rows(projects, self.date_from, self.date_to)
        summary, lines = [], []
        for project in projects:
            figures = data[project.id]
            summary.append(
                [
                    project.code,
                    project.name,
                    project.agency_id.name,
                    project.county_id.name,
                    project.amount,
                    figures["budget_total"],
                    figures["spent_total"],
                    figures["difference_total"],
                    figures["share"],
                    figures["progress"],
                ]
            )
            for row in figures["rows"]:
                if row["level"] != "line":
                    continue
                lines.append(
                    [
                        project.code,
                        row["serial"],
                        row["name"],
                        row["budget"],
                        row["spent"],
                        row["difference"],
                        row["explanation"],
                        row["progress"],
                    ]
                )
        return [
            {
                "sheet": env._("Fund Use by Project"),
                "title": env._("Use of Project Funds: by Project"),
                "columns": [
                    (env._("Project Code"), "text", 14),
                    (env._("Project"), "text", 36),
                    (env._("Agency"), "text", 28),
                    (env._("County / District"), "text", 14),
                    (env._("Project Amount"), "money", 16),
                    (env._("Budget Amount"), "money", 16),
                    (env._("Actual Spending"), "money", 16),
                    (env._("Variance"), "money", 16),
                    (env._("Share of the Project Amount (%)"), "percent", 12),
                    (env._("Spending Progress (%)"), "percent", 12),
                ],
                "rows": summary,
                "totals": True,
                "total_label": env._("Total"),
            },
            {
                "sheet": env._("Fund Use by Budget Line"),
                "title": env._("Use of Project Funds: by Budget Line"),
                "columns": [
                    (env._("Project Code"), "text", 14),
                    (env._("No."), "text", 6),
                    (env._("Expenditure Item"), "text", 40),
                    (env._("Budget Amount"), "money", 16),
                    (env._("Actual Spending"), "money", 16),
                    (env._("Variance"), "money", 16),
                    (env._("Explanation of the Difference"), "text", 30),
                    (env._("Spending Progress (%)"), "percent", 12),
                ],
                "rows": lines,
                "totals": True,
                "total_label": env._("Total"),
            },
        ]

    # ------------------------------------------------------ 拨付登记
    def _sgz_parts_disbursement(self):
        env = reader_env(self.env)
        projects = self._sgz_projects()
        Disbursement = self.env["sgz.disbursement"]
        domain = [("project_id", "in", projects.ids), ("state", "!=", "cancelled")]
        if self.date_from or self.date_to:
            # a stage belongs to the period it fell due or was paid in
            domain += expression.OR(
                [self._sgz_date_domain("due_date"), self._sgz_date_domain("paid_date")]
            )
        stages = Disbursement.search_fetch(
            domain, STAGE_FIELDS, order="contract_number, sequence, id"
        )
        # a stage's name is its plan line's: those lines in one query too
        self.env["sgz.contract.payment.line"].search_fetch(
            [("id", "in", stages.payment_line_id.ids)], ["name", "gate"]
        )
        gates = dict(Disbursement._fields["gate"]._description_selection(env))
        states = dict(Disbursement._fields["state"]._description_selection(env))
        calendar = self.env["sgz.holiday"]._calendar()
        today = fields.Date.context_today(self)
        rows = []
        by_county, by_agency = {}, {}
        unknown_years = set()
        for stage in stages:
            late = None
            if stage.state != "suspended":  # held back on purpose, not late
                try:
                    late = self._sgz_working_days_late(
                        stage.due_date, stage.paid_date, today, calendar
                    )
                except working_days.UnknownYear as error:
                    unknown_years.add(error.year)
            paid = stage.amount_due if stage.state in PAID else 0.0
            rows.append(
                [
                    stage.contract_number,
                    stage.project_id.code,
                    stage.agency_id.name,
                    stage.project_id.county_id.name,
                    stage.name,
                    gates.get(stage.gate, ""),
                    stage.gate_date,
                    stage.due_date,
                    stage.paid_date,
                    late,
                    states.get(stage.state, ""),
                    stage.amount_due,
                    paid,
                ]
            )
            currency = stage.project_id.currency_id
            for key, bucket in (
                (stage.project_id.county_id.name or "", by_county),
                (stage.agency_id.name or "", by_agency),
            ):
                due, done, count = bucket.get(key, (0.0, 0.0, 0))
                bucket[key] = (
                    currency.round(due + stage.amount_due),
                    currency.round(done + paid),
                    count + 1,
                )
        total_columns = [
            (env._("Stages"), "int", 8),
            (env._("Amount to Pay"), "money", 16),
            (env._("Paid"), "money", 16),
            (env._("Not Yet Paid"), "money", 16),
        ]

        def totals(bucket):
            return [
                [key, count, due, done, self.currency_id.round(due - done)]
                for key, (due, done, count) in sorted(bucket.items())
            ]

        return [
            {
                "sheet": env._("Disbursements"),
                "title": env._("Disbursement Register"),
                "columns": [
                    (env._("Contract Number"), "text", 18),
                    (env._("Project Code"), "text", 14),
                    (env._("Agency"), "text", 28),
                    (env._("County / District"), "text", 14),
                    (env._("Stage"), "text", 14),
                    (env._("Payment Condition"), "text", 22),
                    (env._("Condition Met on"), "date", 12),
                    (env._("Payment Due Date"), "date", 12),
                    (env._("Paid on"), "date", 12),
                    (env._("Working Days Late"), "days", 10),
                    (env._("Status"), "text", 12),
                    (env._("Amount to Pay"), "money", 16),
                    (env._("Paid"), "money", 16),
                ],
                "rows": rows,
                "totals": True,
                "total_label": env._("Total"),
                "notes": [
                    env._(
                        "Working days late are left blank for suspended stages, and "
                        "where the holiday table does not cover %(years)s yet "
                        "(Social Work Stations > Configuration > Holidays and "
                        "Make-up Working Days).",
                        years=list_separator(env).join(
                            str(y) for y in sorted(unknown_years)
                        ),
                    )
                ]
                if unknown_years
                else [],
            },
            {
                "sheet": env._("By County"),
                "title": env._("Disbursements by County / District"),
                "columns": [(env._("County / District"), "text", 20), *total_columns],
                "rows": totals(by_county),
                "totals": True,
                "total_label": env._("Total"),
            },
            {
                "sheet": env._("By Agency"),
                "title": env._("Disbursements by Agency"),
                "columns": [(env._("Agency"), "text", 30), *total_columns],
                "rows": totals(by_agency),
                "totals": True,
                "total_label": env._("Total"),
            },
        ]

    @api.model
    def _sgz_working_days_late(self, due, done, today, calendar):
        """Working days from the due date to the payment (or today while unpaid);
        None when not due. Raises ``working_days.UnknownYear`` when the holiday
        table does not cover the years between."""
        if not due:
            return None
        end = done or today
        if end <= due:
            return 0
        return working_days.working_days_between(due, end, calendar=calendar)

    # ------------------------------------------------------ 采购登记
    def _sgz_parts_procurement(self):
        env = reader_env(self.env)
        Procurement = self.env["sgz.procurement"]
        domain = [("company_id", "=", self.company_id.id)]
        if self.project_id or self.county_id or self.agency_id:
            domain.append(("project_ids", "in", self._sgz_projects().ids))
        if self.date_from or self.date_to:
            # a procurement not yet announced belongs to the period it was made in
            domain += expression.OR(
                [
                    self._sgz_date_domain("announce_date"),
                    [("announce_date", "=", False)]
                    + self._sgz_date_domain("create_date"),
                ]
            )
        procurements = Procurement.search_fetch(
            domain,
            [
                "name",
                "title",
                "method",
                "state",
                "company_id",
                "bidder_ids",
                "budget_ceiling",
                "awarded_amount",
                "tender_amount",
                "announce_date",
                "quote_deadline",
                "award_date",
                "notice_due",
                "notice_date",
                "notice_late",
                "notice_start",
                "notice_end",
                "opened",
            ],
            order="announce_date, name, id",
        )
        # invitations and quotes are counted as the bureau sees them, and only where
        # the user may count them (a supplier not before the opening)
        countable = procurements._sgz_quotes_countable()
        invited = dict(
            self.env["sgz.procurement.invitation"]
            .sudo()
            ._read_group(
                [("procurement_id", "in", countable.ids)],
                ["procurement_id"],
                ["__count"],
            )
        )
        quotes = {}
        for proc, state, count in (
            self.env["sgz.quote"]
            .sudo()
            ._read_group(
                [("procurement_id", "in", countable.ids)],
                ["procurement_id", "state"],
                ["__count"],
            )
        ):
            entry = quotes.setdefault(proc.id, [0, 0])
            if state in RESPONDED_QUOTES:
                entry[0] += count
            if state in COMPLIANT_QUOTES:
                entry[1] += count
        methods = dict(Procurement._fields["method"]._description_selection(env))
        states = dict(Procurement._fields["state"]._description_selection(env))
        calendar = self.env["sgz.holiday"]._calendar()
        rows = []
        for proc in procurements:
            responded, compliant = quotes.get(proc.id, (0, 0))
            invited_count = invited.get(proc, 0) if proc in countable else None
            if proc.method in ("public_tender", "invited_tender"):
                # a recorded tender: its bidders are those of the published result
                responded = len(proc.bidder_ids)
                compliant = None
            elif proc not in countable:
                responded = compliant = None
            award = proc.awarded_amount or proc.tender_amount
            saving = (
                proc.currency_id.round(proc.budget_ceiling - award)
                if award and proc.budget_ceiling
                else None
            )
            rows.append(
                [
                    proc.name,
                    proc.title,
                    methods.get(proc.method, ""),
                    states.get(proc.state, ""),
                    invited_count,
                    responded,
                    compliant,
                    proc.budget_ceiling,
                    award or None,
                    saving,
                    proc.announce_date,
                    self._sgz_earliest_deadline(proc, calendar),
                    proc.quote_deadline
                    and fields.Datetime.context_timestamp(
                        proc, proc.quote_deadline
                    ).date(),
                    proc.award_date,
                    proc.notice_due,
                    proc.notice_date,
                    proc.notice_late and env._("late") or "",
                    proc.notice_start,
                    proc.notice_end,
                ]
            )
        return [
            {
                "sheet": env._("Procurements"),
                "title": env._("Procurement Register"),
                "columns": [
                    (env._("Number"), "text", 16),
                    (env._("Project Name"), "text", 32),
                    (env._("Method"), "text", 14),
                    (env._("Status"), "text", 12),
                    (env._("Suppliers Invited"), "int", 10),
                    (env._("Responses"), "int", 10),
                    (env._("Compliant"), "int", 10),
                    (env._("Budget Ceiling"), "money", 16),
                    (env._("Award Price"), "money", 16),
                    (env._("Saving"), "money", 16),
                    (env._("Announced on"), "date", 12),
                    (env._("Earliest Lawful Deadline"), "date", 12),
                    (env._("Response Deadline"), "date", 12),
                    (env._("Decision Date"), "date", 12),
                    (env._("Result Notice Due"), "date", 12),
                    (env._("Result Notice Published"), "date", 12),
                    (env._("Notice Late"), "text", 8),
                    (env._("Single-source Notice from"), "date", 12),
                    (env._("Single-source Notice until"), "date", 12),
                ],
                "rows": rows,
                "totals": True,
                "total_label": env._("Total"),
            }
        ]

    @api.model
    def _sgz_earliest_deadline(self, proc, calendar):
        """The earliest response deadline the law allows after the announcement:
        3 working days for 询价, 10 days for 竞争性磋商, the 5-working-day notice for
        单一来源 (第三部分 L2965, L2907, L2950)."""
        if not proc.announce_date:
            return None
        days = {
            "inquiry": INQUIRY_MIN_WORKING_DAYS,
            "single_source": SINGLE_SOURCE_NOTICE_WORKING_DAYS,
        }
        if proc.method == "consultation":
            return fields.Date.add(proc.announce_date, days=CONSULTATION_MIN_DAYS)
        if proc.method not in days:
            return None
        start = proc.announce_date
        if proc.method == "single_source":
            start = proc.notice_start or start
        try:
            return working_days.add_working_days(start, days[proc.method], calendar)
        except working_days.UnknownYear:
            return None

    # ------------------------------------------------------ 评估汇总
    def _sgz_parts_evaluation(self):
        env = reader_env(self.env)
        projects = self._sgz_projects()
        Evaluation = self.env["sgz.evaluation"]
        domain = [("project_id", "in", projects.ids), ("state", "=", "confirmed")]
        domain += self._sgz_date_domain("date")
        evaluations = Evaluation.search_fetch(
            domain,
            [
                "date",
                "project_id",
                "agency_id",
                "eval_type",
                "total_score",
                "grade",
                "passed",
            ],
            order="date, id",
        )
        types = dict(Evaluation._fields["eval_type"]._description_selection(env))
        grades = dict(Evaluation._fields["grade"]._description_selection(env))
        rows = [
            [
                ev.date.year,
                ev.project_id.code,
                ev.project_id.name,
                ev.agency_id.name,
                types.get(ev.eval_type, ""),
                ev.date,
                ev.total_score,
                grades.get(ev.grade, ""),
                ev.passed and env._("yes") or env._("no"),
            ]
            for ev in evaluations
        ]
        group_rows = []
        for evaluation, group, score, max_score in self.env[
            "sgz.evaluation.line"
        ]._read_group(
            [("evaluation_id", "in", evaluations.ids)],
            ["evaluation_id", "group_id"],
            ["score:sum", "max_score:sum"],
            order="evaluation_id, group_id",
        ):
            group_rows.append(
                [
                    evaluation.date.year,
                    evaluation.project_id.code,
                    types.get(evaluation.eval_type, ""),
                    group.name,
                    round(score, 2),
                    round(max_score, 2),
                ]
            )
        distribution = {}
        for year_date, grade, count in Evaluation._read_group(
            [("id", "in", evaluations.ids)], ["date:year", "grade"], ["__count"]
        ):
            distribution.setdefault(year_date.year, {})[grade] = count
        grade_keys = [key for key, _label in Evaluation._fields["grade"].selection]
        distribution_rows = [
            [str(year)]
            + [distribution[year].get(key, 0) for key in grade_keys]
            + [sum(distribution[year].values())]
            for year in sorted(distribution)
        ]
        today = fields.Date.context_today(self)
        barred = self.env["res.partner"].search(
            [("is_sgz_agency", "=", True), ("sgz_barred_until", ">=", today)],
            order="sgz_barred_until, name",
        )
        return [
            {
                "sheet": env._("Evaluations"),
                "title": env._("Evaluation Summary"),
                "columns": [
                    (env._("Year"), "int", 8),
                    (env._("Project Code"), "text", 14),
                    (env._("Project"), "text", 32),
                    (env._("Agency"), "text", 28),
                    (env._("Evaluation"), "text", 12),
                    (env._("Evaluation Date"), "date", 12),
                    (env._("Score"), "percent", 10),
                    (env._("Grade"), "text", 10),
                    (env._("Passed"), "text", 8),
                ],
                "rows": rows,
            },
            {
                "sheet": env._("Scores by Group"),
                "title": env._("Scores by Group of Indicators"),
                "columns": [
                    (env._("Year"), "int", 8),
                    (env._("Project Code"), "text", 14),
                    (env._("Evaluation"), "text", 12),
                    (env._("Group of Indicators"), "text", 30),
                    (env._("Score"), "percent", 10),
                    (env._("Full Marks"), "percent", 10),
                ],
                "rows": group_rows,
            },
            {
                "sheet": env._("Grades by Year"),
                "title": env._("Grades by Year"),
                "columns": [(env._("Year"), "text", 8)]
                + [(grades[key], "int", 10) for key in grade_keys]
                + [(env._("Evaluations"), "int", 10)],
                "rows": distribution_rows,
                "totals": True,
                "total_label": env._("Total"),
            },
            {
                "sheet": env._("Barred Agencies"),
                "title": env._("Agencies Barred from Station Projects"),
                "columns": [
                    (env._("Agency"), "text", 36),
                    (env._("Barred Until"), "date", 12),
                ],
                "rows": [[p.name, p.sgz_barred_until] for p in barred],
            },
        ]

    # ------------------------------------------------------ 合规异常
    def _sgz_parts_exception(self):
        env = reader_env(self.env)
        Exception_ = self.env["sgz.compliance.exception"]
        domain = [("company_id", "=", self.company_id.id)]
        if self.project_id:
            domain.append(("project_id", "=", self.project_id.id))
        if self.county_id:
            # a station's exception has a county and no project
            domain.append(("county_id", "=", self.county_id.id))
        if self.agency_id:
            domain.append(("agency_id", "=", self.agency_id.id))
        domain += self._sgz_date_domain("date")
        exceptions = Exception_.search(domain, order="date, rule, id")
        rules = dict(Exception_._fields["rule"]._description_selection(env))
        rows = [
            [
                ex.date,
                rules.get(ex.rule, ""),
                ex.guide_ref,
                ex.agency_id.name,
                ex.project_id.code,
                ex.source_name,
                ex.amount if ex.amount else None,
                ex.detail,
                ex.reviewed and env._("yes") or env._("no"),
                ex.review_comment or "",
            ]
            for ex in exceptions
        ]
        return [
            {
                "sheet": env._("Exceptions"),
                "title": env._("Compliance Exceptions"),
                "columns": [
                    (env._("Date"), "date", 12),
                    (env._("Rule"), "text", 30),
                    (env._("Guide"), "text", 30),
                    (env._("Agency"), "text", 28),
                    (env._("Project Code"), "text", 14),
                    (env._("Record"), "text", 30),
                    (env._("Amount"), "money", 16),
                    (env._("What the Data Shows"), "text", 50),
                    (env._("Reviewed"), "text", 8),
                    (env._("Auditor's Comment"), "text", 40),
                ],
                "rows": rows,
                "totals": True,
                "total_label": env._("Total"),
            }
        ]

    # ------------------------------------------------------ 彩票公益金年度报告
    def _sgz_parts_lottery(self):
        env = reader_env(self.env)
        rows = self._sgz_lottery_rows(self.year)
        return [
            {
                "sheet": env._("Lottery Funds"),
                "title": env._(
                    "Annual Report on the Use of Welfare Lottery Public-welfare "
                    "Funds, %(year)s",
                    year=self.year,
                ),
                "columns": [
                    (env._("Project Code"), "text", 14),
                    (env._("Project"), "text", 32),
                    (env._("Agency"), "text", 28),
                    (env._("Lottery Funds Arranged for the Project"), "money", 16),
                    (env._("Received in the Year"), "money", 16),
                    (env._("Spent in the Year"), "money", 16),
                    (env._("Left at the Year End"), "money", 16),
                    (env._("People Served"), "int", 10),
                    (env._("Activities"), "int", 10),
                ],
                "rows": rows,
                "totals": True,
                "total_label": env._("Total"),
            }
        ]

    def _sgz_lottery_rows(self, year):
        """Per project funded by the welfare lottery: what was arranged, received
        and spent in ``year`` from the agency's books, what is left at the year end
        (all years received less spent), and the outputs of the year
        (《昆明市彩票公益金使用管理办法》第二十三条)."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        fundings = self.env["sgz.project.funding"]._read_group(
            [
                ("source", "=", "lottery"),
                ("project_id", "in", self._sgz_projects_of_year(start, end).ids),
            ],
            ["project_id"],
            ["amount:sum"],
        )
        projects = self.env["sgz.project"].concat(*(p for p, _a in fundings))
        arranged = {p.id: amount for p, amount in fundings}
        book = [("project_id", "in", projects.ids), ("state", "=", "posted")]
        book.append(("funding_source", "=", "lottery"))

        def sums(model, amount, domain):
            return {
                project.id: total
                for project, total in self.env[model]
                .sudo()
                ._read_group(book + domain, ["project_id"], [f"{amount}:sum"])
            }

        year_domain = [("date", ">=", start), ("date", "<=", end)]
        to_end = [("date", "<=", end)]
        received = sums("sgz.agency.receipt", "amount", year_domain)
        received_all = sums("sgz.agency.receipt", "amount", to_end)
        spent = {}
        spent_all = {}
        for model, amount in (
            ("sgz.agency.expense", "amount"),
            ("sgz.labor.payment", "gross"),
        ):
            for target, domain in ((spent, year_domain), (spent_all, to_end)):
                for pid, total in sums(model, amount, domain).items():
                    target[pid] = target.get(pid, 0.0) + total
        activities = {
            project.id: (beneficiaries, count)
            for project, beneficiaries, count in self.env["sgz.activity"]._read_group(
                [("project_id", "in", projects.ids), *year_domain],
                ["project_id"],
                ["beneficiaries:sum", "__count"],
            )
        }
        rows = []
        for project in projects.sorted(lambda p: (p.code or "", p.id)):
            currency = project.currency_id
            people, count = activities.get(project.id, (0, 0))
            rows.append(
                [
                    project.code,
                    project.name,
                    project.agency_id.name,
                    currency.round(arranged[project.id]),
                    currency.round(received.get(project.id, 0.0)),
                    currency.round(spent.get(project.id, 0.0)),
                    currency.round(
                        received_all.get(project.id, 0.0)
                        - spent_all.get(project.id, 0.0)
                    ),
                    people,
                    count,
                ]
            )
        return rows

    def _sgz_projects_of_year(self, start, end):
        domain = self._sgz_project_domain()
        domain += [("date_end", ">=", start), ("date_start", "<=", end)]
        return self.env["sgz.project"].search_fetch(domain, PROJECT_FIELDS)


class ReportSgzReport(models.AbstractModel):
    _name = "report.sgz_finance.report_sgz_report"
    _description = "Report for the Auditors and the Bureau (PDF)"

    @api.model
    def _get_report_values(self, docids, data=None):
        reports = self.env["sgz.report"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "sgz.report",
            "docs": reports,
            "parts": {r.id: r._sgz_pdf_parts() for r in reports},
            "filters": {r.id: r._sgz_filters() for r in reports},
            "titles": {r.id: r._sgz_title() for r in reports},
            "exact_sum": report_xlsx.exact_sum,
        }


class SgzLotteryReminder(models.AbstractModel):
    _name = "sgz.lottery.reminder"
    _description = "Reminder of the Lottery-fund Annual Report"

    @api.model
    def _cron_remind(self):
        """In January, the bureau's managers are asked for the 彩票公益金年度使用情况
        报告 of the year before, due on 31 January (彩票公益金办法 第二十三条), once
        per manager, where the bureau funded a project from the lottery that year."""
        today = fields.Date.context_today(self)
        if today.month != 1:
            return
        year = today.year - 1
        deadline = date(today.year, 1, 31)
        activity_type = self.env.ref("sgz_finance.activity_lottery_report")
        Activity = self.env["mail.activity"].sudo()
        Funding = self.env["sgz.project.funding"].sudo()
        for company in (
            self.env["res.company"].sudo().search([("sgz_agency_id", "=", False)])
        ):
            funded = Funding.search_count(
                [
                    ("source", "=", "lottery"),
                    ("project_id.company_id", "=", company.id),
                    ("project_id.date_start", "<=", date(year, 12, 31)),
                    ("project_id.date_end", ">=", date(year, 1, 1)),
                ],
                limit=1,
            )
            if not funded:
                continue
            partner = company.partner_id
            done = Activity.with_context(active_test=False).search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", partner.id),
                    ("activity_type_id", "=", activity_type.id),
                    ("date_deadline", "=", deadline),
                ]
            )
            for user in role_users(partner, MANAGER, company=company) - done.user_id:
                env = reader_env(self.with_user(user).env)
                Activity.create(
                    {
                        "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                        "res_id": partner.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": deadline,
                        "summary": env._(
                            "Annual report on the use of lottery funds, %(year)s",
                            year=year,
                        ),
                        "note": env._(
                            "Due by %(deadline)s (彩票公益金办法 第二十三条): "
                            "Reports > Reports (XLSX and PDF), Annual Report on the "
                            "Use of Lottery Funds, year %(year)s.",
                            deadline=format_date(env, deadline),
                            year=year,
                        ),
                    }
                )
