from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .sgz_project import ACTIVE_STATES


class SgzProjectReport(models.Model):
    """项目中期报告 (L3464) and 项目结项报告书 (L3615).

    Figures come from the project (team, targets, activities, changes); the agency
    writes the narrative parts. The printed form follows the seed's layout.
    """

    _name = "sgz.project.report"
    _description = "Mid-term or Final Project Report"
    _inherit = ["sgz.workflow.mixin", "mail.thread"]
    _order = "project_id, report_type"
    _sgz_workflow_fields = ("state", "submit_date")

    project_id = fields.Many2one(
        "sgz.project", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    report_type = fields.Selection(
        [("midterm", "Mid-term Report"), ("final", "Final Report")],
        required=True,
        default="midterm",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
    )
    date = fields.Date(
        string="Reporting Date", default=fields.Date.context_today, required=True
    )
    submit_date = fields.Date(readonly=True, copy=False)
    contact_id = fields.Many2one("res.partner", string="Project Contact")
    implementation = fields.Text()
    results = fields.Text(string="Results and Lessons")
    difficulties = fields.Text(string="Difficulties and Problems")
    next_steps = fields.Text()
    funds_note = fields.Text(
        string="Use of Funds",
        help="Until the finance addon reports spending per budget line, describe it "
        "here.",
    )
    objectives_achieved = fields.Text(string="Objectives and What Was Achieved")
    participation = fields.Text(string="Participation in the Project")
    delayed = fields.Boolean(string="Project Delayed")
    delay_reason = fields.Char()

    _sql_constraints = [
        (
            "type_unique",
            "unique(project_id, report_type)",
            "A project has one mid-term and one final report.",
        ),
    ]

    @api.depends("project_id.code", "report_type")
    def _compute_display_name(self):
        labels = dict(self._fields["report_type"]._description_selection(self.env))
        for report in self:
            report.display_name = (
                f"{report.project_id.code or report.project_id.name} "
                f"{labels.get(report.report_type, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        for report in reports:
            if report.project_id.state not in ACTIVE_STATES:
                raise UserError(
                    _(
                        "Reports are written while %(project)s is in progress.",
                        project=report.project_id.display_name,
                    )
                )
        return reports

    def write(self, vals):
        if not self._sgz_in_step():
            self._sgz_require_state(
                "draft",
                message=_("%(record)s has been submitted; it can no longer change."),
            )
        return super().write(vals)

    def action_submit(self):
        self._sgz_require_state(
            "draft", message=_("%(record)s has already been submitted.")
        )
        for report in self:
            missing = [
                report._fields[f]._description_string(self.env)
                for f in ("implementation", "results", "difficulties", "next_steps")
                if not (report[f] or "").strip()
            ]
            if missing:
                raise UserError(
                    _(
                        "%(report)s: fill in %(fields)s before submitting.",
                        report=report.display_name,
                        fields=", ".join(missing),
                    )
                )
        self._sgz_step_write(
            {"state": "submitted", "submit_date": fields.Date.context_today(self)}
        )
        return True

    def _print_data(self):
        """Figures of the printed report, read in a few batched queries."""
        self.ensure_one()
        project = self.project_id
        labels = dict(
            self.env["sgz.activity"]
            ._fields["activity_type"]
            ._description_selection(self.env)
        )
        groups = self.env["sgz.activity"]._read_group(
            [("project_id", "=", project.id), ("date", "<=", self.date)],
            ["domain_id", "activity_type"],
            ["__count", "beneficiaries:sum", "attendances:sum"],
        )
        activities = [
            {
                "name": f"{domain.name} · {labels[atype]}",
                "count": count,
                "beneficiaries": benef,
                "attendances": attend,
            }
            for domain, atype, count, benef, attend in groups
        ]
        changes = project.change_request_ids.filtered(lambda r: r.state == "approved")
        return {
            "activities": activities,
            "changes": changes,
            "members": project.member_ids,
        }
