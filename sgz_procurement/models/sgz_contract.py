from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib import rmb
from .sgz_procurement_common import MANAGER, OFFICER, require_group

CYCLE_YEARS = 3  # 3-year cycles, signed yearly (L122, L319)
GATES = [
    ("effective", "Contract Takes Effect"),
    ("midterm", "Mid-term Evaluation Passed"),
    ("final", "Final Evaluation Passed"),
    ("date", "Fixed Date"),
]
# L165: 60-70 % within 10 working days of the contract taking effect, 20 % after the
# mid-term evaluation, the rest after the final evaluation.
DEFAULT_PLAN = [
    ("effective", Decimal("60")),
    ("midterm", Decimal("20")),
    ("final", Decimal("20")),
]
DEFAULT_DUE_WORKING_DAYS = 10
TERMINATION_GROUNDS = [
    ("agreement", "By Agreement of Both Parties"),
    ("evaluation_fail", "Failed Evaluation"),
    ("non_payment", "Purchaser Did Not Pay"),
    ("breach", "Agency Breached the Contract"),
]


class SgzContract(models.Model):
    """服务项目协议书 (L3331-3380): created from an award, with its payment plan."""

    _name = "sgz.contract"
    _description = "Station Service Contract"
    _inherit = [
        "sgz.workflow.mixin",
        "sgz.money.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _sgz_money_fields = ("amount",)
    _order = "id desc"
    _check_company_auto = True
    _sgz_workflow_fields = (
        "name",
        "state",
        "cycle_year",
        "previous_id",
        "termination_ground",
        "termination_reason",
        "termination_date",
    )

    name = fields.Char(
        string="Contract Number",
        readonly=True,
        copy=False,
        default=lambda self: _("New"),
    )
    procurement_id = fields.Many2one(
        "sgz.procurement",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("state", "=", "awarded")],
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    project_id = fields.Many2one(
        "sgz.project", string="Service Project", index=True, check_company=True
    )
    party_a_id = fields.Many2one("res.partner", required=True)
    party_b_id = fields.Many2one(
        "res.partner",
        required=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("performing", "In Performance"),
            ("done", "Completed"),
            ("terminated", "Terminated"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    cycle_year = fields.Integer(
        string="Year of the Cycle",
        default=1,
        readonly=True,
        help="Contracts run one year; a 3-year cycle is signed year by year.",
    )
    previous_id = fields.Many2one(
        "sgz.contract", string="Previous Year", readonly=True, copy=False
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    sign_date = fields.Date(string="Signed on", copy=False, tracking=True)
    amount = fields.Monetary(string="Contract Amount", tracking=True)
    amount_in_words = fields.Char(
        string="Amount in Words", compute="_compute_amount_in_words"
    )
    staff_count = fields.Integer(string="Staff Sent")
    staff_requirements = fields.Text(string="Staff Qualifications")
    content = fields.Text(string="Service Content")
    targets = fields.Text(string="Targets and Quality Standards")
    breach_terms = fields.Text(string="Breach of Contract")
    payment_line_ids = fields.One2many(
        "sgz.contract.payment.line", "contract_id", string="Payment Plan", copy=True
    )
    percent_total = fields.Float(
        string="Plan Total (%)", compute="_compute_percent_total", digits=(6, 2)
    )
    termination_ground = fields.Selection(
        TERMINATION_GROUNDS, readonly=True, copy=False
    )
    termination_reason = fields.Text(readonly=True, copy=False)
    termination_date = fields.Date(readonly=True, copy=False)

    _sql_constraints = [
        (
            "cycle_unique",
            "unique(procurement_id, cycle_year)",
            "A procurement has one contract per year of its cycle.",
        ),
    ]

    @api.depends("amount", "currency_id")
    def _compute_amount_in_words(self):
        for contract in self:
            contract.amount_in_words = (
                rmb.upper_or_none(
                    contract.currency_id.round(contract.amount),
                    contract.currency_id.name,
                )
                or False
            )

    @api.depends("payment_line_ids.percentage")
    def _compute_percent_total(self):
        for contract in self:
            contract.percent_total = float(contract._percent_sum())

    def _stage_amounts(self):
        """{payment line id: amount}, each stage rounded to the fen; in a plan that is
        complete (100 %) the last stage takes the remainder, so the stages add up to
        the contract amount exactly. The one rule for printing and for paying."""
        self.ensure_one()
        lines = self.payment_line_ids.sorted(lambda li: (li.sequence, li.id))
        complete = self._percent_sum() == Decimal(100)
        # exact (Decimal): each stage rounded once, half up, to the currency's unit
        places = self.currency_id.decimal_places if self.currency_id else 2
        unit = Decimal(1).scaleb(-places)
        total = Decimal(str(self.amount))
        amounts, paid = {}, Decimal(0)
        for index, line in enumerate(lines):
            if complete and index == len(lines) - 1:
                amount = total - paid
            else:
                amount = (total * Decimal(str(line.percentage)) / 100).quantize(
                    unit, rounding=ROUND_HALF_UP
                )
            amounts[line.id] = float(amount)
            paid += amount
        return amounts

    def _percent_sum(self):
        return sum(
            (Decimal(str(p)) for p in self.payment_line_ids.mapped("percentage")),
            Decimal(0),
        )

    @api.depends("name", "party_b_id.name")
    def _compute_display_name(self):
        for contract in self:
            contract.display_name = f"{contract.name} {contract.party_b_id.name or ''}"

    # --------------------------------------------------------------- constraints
    @api.constrains("amount", "procurement_id")
    def _check_amount(self):
        for contract in self:
            awarded = contract.procurement_id.awarded_amount
            if contract.currency_id.compare_amounts(contract.amount, awarded):
                raise ValidationError(
                    _(
                        "Contract Amount of %(contract)s: %(amount)s differs from the "
                        "awarded price %(awarded)s; the contract amount is the award.",
                        contract=contract.name,
                        amount=contract.amount,
                        awarded=awarded,
                    )
                )

    @api.constrains("party_b_id", "procurement_id", "project_id")
    def _check_parties(self):
        for contract in self:
            proc = contract.procurement_id
            if proc.state != "awarded":
                raise ValidationError(
                    _(
                        "%(proc)s has not been awarded; no contract can be made yet.",
                        proc=proc.display_name,
                    )
                )
            if contract.party_b_id != proc.awarded_supplier_id:
                raise ValidationError(
                    _(
                        "Party B of %(contract)s must be the awarded supplier "
                        "%(supplier)s.",
                        contract=contract.name,
                        supplier=proc.awarded_supplier_id.name,
                    )
                )
            project = contract.project_id
            if project and project.agency_id != contract.party_b_id:
                raise ValidationError(
                    _(
                        "Service project %(project)s is run by %(agency)s, not by "
                        "Party B.",
                        project=project.display_name,
                        agency=project.agency_id.name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_term(self):
        for contract in self:
            one_year = contract.date_start + relativedelta(years=1, days=-1)
            if not contract.date_start <= contract.date_end <= one_year:
                raise ValidationError(
                    _(
                        "Term of %(contract)s: %(start)s - %(end)s; a contract runs "
                        "at most one year (until %(limit)s).",
                        contract=contract.name,
                        start=contract.date_start,
                        end=contract.date_end,
                        limit=one_year,
                    )
                )

    @api.constrains("staff_count")
    def _check_staff_count(self):
        for contract in self:
            if contract.staff_count < 0:
                raise ValidationError(_("Staff Sent cannot be negative."))

    def _check_plan(self):
        """Percentages add up to exactly 100 % (contract terms, L165)."""
        for contract in self:
            total = contract._percent_sum()
            if total != Decimal(100):
                raise ValidationError(
                    _(
                        "Payment plan of %(contract)s: the stages add up to %(total)s "
                        "%%, not 100 %%.",
                        contract=contract.name,
                        total=total,
                    )
                )

    # --------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_workflow_vals(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sgz.contract", sequence_date=vals.get("date_start")
                )
            if "payment_line_ids" not in vals:
                vals["payment_line_ids"] = [
                    fields.Command.create(
                        {
                            "sequence": i * 10,
                            "gate": gate,
                            "percentage": float(pct),
                            "due_working_days": DEFAULT_DUE_WORKING_DAYS,
                        }
                    )
                    for i, (gate, pct) in enumerate(DEFAULT_PLAN, 1)
                ]
        with self._sgz_step():
            return super().create(vals_list)

    def write(self, vals):
        terms = set(vals) - {"message_main_attachment_id", "activity_ids"}
        if terms and not self._sgz_in_step():
            self._sgz_require_state(
                "draft",
                message=_("%(record)s has been signed; its terms cannot change."),
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _(
                        "%(contract)s has been signed; it cannot be deleted.",
                        contract=contract.name,
                    )
                )

    # ----------------------------------------------------------------- workflow
    def action_sign(self):
        require_group(self.env, OFFICER)
        for contract in self:
            if contract.state != "draft":
                raise UserError(
                    _("%(contract)s is already signed.", contract=contract.name)
                )
            if not rmb.is_rmb(contract.currency_id.name):
                raise UserError(
                    _(
                        "%(contract)s is in %(currency)s: a government procurement "
                        "contract is signed in RMB (CNY), with its amount in Chinese "
                        "uppercase. Buy the service through a company whose currency "
                        "is CNY.",
                        contract=contract.name,
                        currency=contract.currency_id.name,
                    )
                )
            contract._check_plan()
            contract._check_amount()
            if not contract.project_id:
                raise UserError(
                    _(
                        "Link %(contract)s to its service project before signing.",
                        contract=contract.name,
                    )
                )
            if not contract.party_b_id.commercial_partner_id.bank_ids:
                raise UserError(
                    _(
                        "%(contract)s cannot be signed: %(agency)s has no bank account "
                        "on record, and the agreement names the account the funds are "
                        "paid into. Enter the agency's bank account first.",
                        contract=contract.name,
                        agency=contract.party_b_id.display_name,
                    )
                )
            contract._sgz_step_write(
                {
                    "state": "signed",
                    "sign_date": contract.sign_date or fields.Date.context_today(self),
                }
            )
        return True

    def action_perform(self):
        require_group(self.env, OFFICER)
        for contract in self.filtered(lambda c: c.state != "signed"):
            raise UserError(
                _("%(contract)s must be signed first.", contract=contract.name)
            )
        self._sgz_step_write({"state": "performing"})
        return True

    def action_done(self):
        require_group(self.env, OFFICER)
        for contract in self.filtered(lambda c: c.state != "performing"):
            raise UserError(
                _("%(contract)s is not in performance.", contract=contract.name)
            )
        self._sgz_step_write({"state": "done"})
        return True

    def action_open_terminate(self):
        require_group(self.env, MANAGER)
        from ..wizard.sgz_reason_wizard import reason_action

        return reason_action(self, "_terminate", _("Terminate Contract"))

    def _terminate(self, ground, reason):
        """No unilateral termination but on the contract's grounds (L3351-3355)."""
        require_group(self.env, MANAGER)
        if ground not in dict(TERMINATION_GROUNDS):
            raise UserError(_("Choose the ground of the termination."))
        if not (reason or "").strip():
            raise UserError(_("A contract is terminated with the facts of the case."))
        for contract in self:
            if contract.state not in ("signed", "performing"):
                raise UserError(
                    _(
                        "%(contract)s is not in force; it cannot be terminated.",
                        contract=contract.name,
                    )
                )
            if ground == "evaluation_fail" and not (
                contract.project_id.needs_rectification
            ):
                raise UserError(
                    _(
                        "%(contract)s: the project's last confirmed evaluation did "
                        "not fail.",
                        contract=contract.name,
                    )
                )
        self._sgz_step_write(
            {
                "state": "terminated",
                "termination_ground": ground,
                "termination_reason": reason,
                "termination_date": fields.Date.context_today(self),
            }
        )
        return True

    def _year_evaluation_passed(self):
        """The annual evaluation of the year this contract covers passed (L122).

        The latest confirmed annual evaluation dated within or after this contract's
        year decides; an earlier year's result renews nothing.
        """
        self.ensure_one()
        evaluations = self.project_id.evaluation_ids.filtered(
            lambda e: e.state == "confirmed"
            and e.eval_type == "annual"
            and e.date >= self.date_start
        )
        last = evaluations.sorted(lambda e: (e.date, e.id))[-1:]
        return bool(last and last.passed)

    def action_renew(self):
        """Next year of a 3-year cycle, only after a passed annual evaluation (L122)."""
        require_group(self.env, OFFICER)
        self.ensure_one()
        if self.state not in ("performing", "done"):
            raise UserError(
                _(
                    "%(contract)s is not in performance or completed; it cannot be "
                    "renewed.",
                    contract=self.name,
                )
            )
        if self.cycle_year >= CYCLE_YEARS:
            raise UserError(
                _(
                    "%(contract)s is the last year of its %(years)s-year cycle; buy "
                    "the service again.",
                    contract=self.name,
                    years=CYCLE_YEARS,
                )
            )
        if not self._year_evaluation_passed():
            raise UserError(
                _(
                    "%(contract)s can be renewed only after the year's evaluation of "
                    "%(project)s is confirmed at 合格 or better.",
                    contract=self.name,
                    project=self.project_id.display_name,
                )
            )
        if self.search_count([("previous_id", "=", self.id)]):
            raise UserError(
                _("%(contract)s has already been renewed.", contract=self.name)
            )
        with self._sgz_step():
            new = self.copy(
                {
                    "previous_id": self.id,
                    "cycle_year": self.cycle_year + 1,
                    "date_start": self.date_end + relativedelta(days=1),
                    "date_end": self.date_end + relativedelta(years=1),
                    "project_id": False,
                }
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }


class SgzContractPaymentLine(models.Model):
    _name = "sgz.contract.payment.line"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Contract Payment Stage"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one(
        "sgz.contract", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Stage",
        help="Optional: the stage's name; without one it is named after its gate.",
    )
    percentage = fields.Float(string="Share (%)", required=True, digits=(5, 2))
    gate = fields.Selection(GATES, required=True, default="effective")
    gate_date = fields.Date(help="For a fixed-date stage.")
    due_working_days = fields.Integer(
        string="Due within (working days)", default=DEFAULT_DUE_WORKING_DAYS
    )
    currency_id = fields.Many2one(related="contract_id.currency_id")
    amount = fields.Monetary(
        compute="_compute_amount",
        help="Percentage x contract amount to the fen; in a complete plan the last "
        "stage takes the remainder so that the stages add up exactly.",
    )

    @api.depends("name", "gate")
    def _compute_display_name(self):
        # named after the gate in the reader's language unless the plan names it
        labels = dict(self._fields["gate"]._description_selection(self.env))
        for line in self:
            line.display_name = line.name or labels.get(line.gate, "")

    @api.depends(
        "percentage",
        "sequence",
        "contract_id.amount",
        "contract_id.payment_line_ids.percentage",
    )
    def _compute_amount(self):
        for contract in self.contract_id:
            amounts = contract._stage_amounts()
            for line in self.filtered(lambda li, c=contract: li.contract_id == c):
                line.amount = amounts.get(line.id, 0.0)
        for line in self.filtered(lambda li: not li.contract_id):
            line.amount = 0.0

    @api.constrains("percentage", "due_working_days", "gate", "gate_date")
    def _check_line(self):
        for line in self:
            if not 0 < line.percentage <= 100:
                raise ValidationError(
                    _(
                        "Payment stage %(stage)s: %(pct)s %% is not a share between 0 "
                        "and 100 %%.",
                        stage=line.display_name,
                        pct=line.percentage,
                    )
                )
            if line.due_working_days < 0:
                raise ValidationError(
                    _(
                        "Payment stage %(stage)s: the number of working days cannot "
                        "be negative.",
                        stage=line.display_name,
                    )
                )
            if line.gate == "date" and not line.gate_date:
                raise ValidationError(
                    _(
                        "Payment stage %(stage)s: a fixed-date stage needs its date.",
                        stage=line.display_name,
                    )
                )

    def _check_contract_draft(self):
        for contract in self.contract_id:
            if contract.state != "draft":
                raise UserError(
                    _(
                        "%(contract)s has been signed; its payment plan cannot change.",
                        contract=contract.name,
                    )
                )

    def _sgz_check_editable(self):
        self._check_contract_draft()
