from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..wizard.sgz_decision_wizard import decision_action
from .sgz_checks import check_not_negative
from .sgz_handover import Handover, project_supervisor, role_users
from .sgz_project import ACTIVE_STATES, ACTIVITY_TYPES, TERMS_STEP
from .sgz_workflow import MANAGER, SUPERVISOR, require_group, workflow_step

SECTIONS = [
    ("beneficiaries", "Beneficiary Groups"),
    ("objectives", "Project Objectives"),
    ("plan", "Implementation Plan"),
    ("budget", "Budget"),
    ("period", "Service Period"),
    ("staff", "Staff"),
    ("other", "Other"),
]
CR_STATES = [
    ("draft", "Draft"),
    ("submitted", "Awaiting Supervisor"),
    ("supervisor_approved", "Awaiting Bureau"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class SgzChangeRequest(models.Model):
    """项目变更申请审批表 (L4140-4160): supervisor, then bureau; only then applied."""

    _name = "sgz.change.request"
    _description = "Project Change Request"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _order = "id desc"
    _sgz_workflow_fields = (
        "name",
        "state",
        "requested_by",
        "supervisor_opinion",
        "supervisor_user_id",
        "supervisor_date",
        "bureau_opinion",
        "bureau_user_id",
        "bureau_date",
        "applied_summary",
    )

    name = fields.Char(
        string="Number", readonly=True, copy=False, default=lambda self: _("New")
    )
    project_id = fields.Many2one(
        "sgz.project",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("state", "in", ACTIVE_STATES)],
    )
    company_id = fields.Many2one(
        related="project_id.company_id", store=True, index=True
    )
    agency_id = fields.Many2one(
        related="project_id.agency_id", store=True, index=True, string="Agency"
    )
    currency_id = fields.Many2one(related="project_id.currency_id")
    date = fields.Date(string="Filed on", default=fields.Date.context_today)
    requested_by = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    state = fields.Selection(
        CR_STATES,
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "sgz.change.request.line", "request_id", string="Changed Sections", copy=True
    )
    # Structured changes, applied to the project on approval.
    new_date_start = fields.Date(string="New Start Date")
    new_date_end = fields.Date(string="New End Date")
    new_target_beneficiaries = fields.Integer(string="New Expected Beneficiaries")
    new_target_beneficiaries_mid = fields.Integer(
        string="New Expected Beneficiaries by Mid-term"
    )
    add_worker_ids = fields.Many2many(
        "sgz.social.worker",
        "sgz_change_request_add_worker_rel",
        string="Team Members Joining",
    )
    remove_worker_ids = fields.Many2many(
        "sgz.social.worker",
        "sgz_change_request_remove_worker_rel",
        string="Team Members Leaving",
    )
    target_ids = fields.One2many(
        "sgz.change.request.target",
        "request_id",
        string="New Activity Targets",
        help="When filled, these replace all of the project's activity targets.",
    )
    supervisor_opinion = fields.Text(string="Supervisor's Opinion")
    supervisor_user_id = fields.Many2one(
        "res.users", string="Reviewed by (Supervisor)", readonly=True, copy=False
    )
    supervisor_date = fields.Date(
        string="Supervisor Review Date", readonly=True, copy=False
    )
    bureau_opinion = fields.Text(string="Bureau's Opinion")
    bureau_user_id = fields.Many2one(
        "res.users", string="Decided by (Bureau)", readonly=True, copy=False
    )
    bureau_date = fields.Date(string="Bureau Decision Date", readonly=True, copy=False)
    applied_summary = fields.Text(readonly=True, copy=False)

    @api.constrains("new_target_beneficiaries", "new_target_beneficiaries_mid")
    def _check_counts(self):
        check_not_negative(
            self, ["new_target_beneficiaries", "new_target_beneficiaries_mid"]
        )

    @api.constrains("new_date_start", "new_date_end")
    def _check_period(self):
        for request in self:
            start = request.new_date_start or request.project_id.date_start
            end = request.new_date_end or request.project_id.date_end
            if end < start:
                raise ValidationError(
                    _(
                        "New service period of %(request)s: the end %(end)s is before "
                        "the start %(start)s.",
                        request=request.name,
                        end=end,
                        start=start,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._sgz_check_workflow_vals(vals_list)
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "sgz.change.request"
                )
        with self._sgz_step():
            requests = super().create(vals_list)
        for request in requests:
            if request.project_id.state not in ACTIVE_STATES:
                raise UserError(
                    _(
                        "Change requests are for projects in progress; %(project)s is "
                        "not.",
                        project=request.project_id.display_name,
                    )
                )
        return requests

    def write(self, vals):
        if not self._sgz_in_step():
            content = set(vals) - {"message_main_attachment_id", "activity_ids"}
            if content:
                self._sgz_require_state(
                    "draft",
                    message=_(
                        "%(record)s is %(state)s; its content can no longer change."
                    ),
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for request in self:
            if request.state != "draft":
                raise UserError(
                    _(
                        "%(request)s has been submitted; it cannot be deleted.",
                        request=request.name,
                    )
                )

    # ------------------------------------------------------------- hand-overs
    def _sgz_handovers(self):
        return [
            Handover(
                "sgz_stations.activity_change_request_supervisor",
                waiting=lambda r: r.state == "submitted",
                users=lambda r: project_supervisor(r.project_id)
                or role_users(r, SUPERVISOR),
            ),
            Handover(
                "sgz_stations.activity_change_request_bureau",
                waiting=lambda r: r.state == "supervisor_approved",
                users=lambda r: role_users(r, MANAGER),
            ),
        ]

    # ----------------------------------------------------------------- workflow
    def action_submit(self):
        self._sgz_require_state(
            "draft",
            message=_("%(record)s has already been submitted (now: %(state)s)."),
        )
        for request in self:
            if not request.line_ids:
                raise UserError(
                    _(
                        "%(request)s: list at least one changed section with its "
                        "original text, the new text and the reason.",
                        request=request.name,
                    )
                )
            request._check_applicable()
        self._sgz_step_write({"state": "submitted"})
        return True

    def action_supervisor_approve(self, opinion=None):
        return self._decide("supervisor", True, opinion)

    def action_supervisor_reject(self, opinion=None):
        return self._decide("supervisor", False, opinion)

    def action_bureau_approve(self, opinion=None):
        return self._decide("bureau", True, opinion)

    def action_bureau_reject(self, opinion=None):
        return self._decide("bureau", False, opinion)

    def _decide(self, tier, approve, opinion):
        """One tier's decision: its role, its turn, its written opinion (L4150-4160).

        Rejection at either tier ends the request; the bureau's approval applies it.
        Without an opinion, the window that asks for it opens.
        """
        if tier == "supervisor":
            group, waiting, approved = SUPERVISOR, "submitted", "supervisor_approved"
            not_waiting = _(
                "%(record)s is not waiting for the supervisor's review (now: "
                "%(state)s)."
            )
        else:
            group, waiting, approved = MANAGER, "supervisor_approved", "approved"
            not_waiting = _(
                "%(record)s is not waiting for the bureau's decision (now: "
                "%(state)s); the supervisor reviews first."
            )
        require_group(self.env, group)
        self._sgz_require_state(waiting, message=not_waiting)
        method = f"action_{tier}_{'approve' if approve else 'reject'}"
        if opinion is None:
            title = {
                "action_supervisor_approve": _("Approve (Supervisor)"),
                "action_supervisor_reject": _("Reject (Supervisor)"),
                "action_bureau_approve": _("Approve (Bureau)"),
                "action_bureau_reject": _("Reject (Bureau)"),
            }[method]
            return decision_action(self, method, title)
        if not opinion.strip():
            # the label is read outside the translated call: the message extractor
            # evaluates its arguments and stops at an f-string
            label = self._fields[tier + "_opinion"]._description_string(self.env)
            raise UserError(
                _(
                    "%(request)s: write the %(field)s before deciding.",
                    request=", ".join(self.mapped("name")),
                    field=label,
                )
            )
        for request in self:
            vals = {
                "state": approved if approve else "rejected",
                f"{tier}_opinion": opinion.strip(),
                f"{tier}_user_id": self.env.uid,
                f"{tier}_date": fields.Date.context_today(self),
            }
            if approve and tier == "bureau":
                vals["applied_summary"] = request._apply()
            request._sgz_step_write(vals)
        return True

    # -------------------------------------------------------------- application
    def _project_vals(self):
        vals = {}
        if self.new_date_start:
            vals["date_start"] = self.new_date_start
        if self.new_date_end:
            vals["date_end"] = self.new_date_end
        if self.new_target_beneficiaries:
            vals["target_beneficiaries"] = self.new_target_beneficiaries
        if self.new_target_beneficiaries_mid:
            vals["target_beneficiaries_mid"] = self.new_target_beneficiaries_mid
        return vals

    def _check_applicable(self):
        """What can be said before the decision: the team changes make sense."""
        project = self.project_id
        on_team = project.member_ids.worker_id
        already = self.add_worker_ids & on_team
        absent = self.remove_worker_ids - on_team
        if already or absent:
            raise UserError(
                _(
                    "%(request)s: %(workers)s cannot join or leave the team of "
                    "%(project)s as requested (already on it, or not on it).",
                    request=self.name,
                    workers=", ".join((already | absent).mapped("name")),
                    project=project.display_name,
                )
            )
        if project.state not in ACTIVE_STATES:
            raise UserError(
                _(
                    "%(project)s is no longer in progress; the change cannot apply.",
                    project=project.display_name,
                )
            )

    def _apply(self):
        """Change the project in one step; any refusal leaves everything unchanged."""
        self.ensure_one()
        self._check_applicable()
        project = self.project_id.with_context(mail_notrack=False)
        before = {
            "period": f"{project.date_start} - {project.date_end}",
            "targets": f"{project.target_beneficiaries}/"
            f"{project.target_beneficiaries_mid}",
        }
        vals = self._project_vals()
        commands = [
            fields.Command.create({"worker_id": w.id}) for w in self.add_worker_ids
        ]
        commands += [
            fields.Command.unlink(m.id)
            for m in project.member_ids
            if m.worker_id in self.remove_worker_ids
        ]
        if commands:
            vals["member_ids"] = commands
        if self.target_ids:
            vals["target_ids"] = [fields.Command.clear()] + [
                fields.Command.create(
                    {
                        "domain_id": t.domain_id.id,
                        "activity_type": t.activity_type,
                        "sessions": t.sessions,
                        "beneficiaries": t.beneficiaries,
                        "attendances": t.attendances,
                    }
                )
                for t in self.target_ids
            ]
        if vals:
            with workflow_step(TERMS_STEP):
                project.write(vals)
        summary = _(
            "Applied %(request)s. Period %(old_period)s -> %(start)s - %(end)s; "
            "expected "
            "beneficiaries (total/mid-term) %(old_targets)s -> %(total)s/%(mid)s; "
            "joining: %(joining)s; leaving: %(leaving)s; activity targets replaced: "
            "%(targets)s.",
            request=self.name,
            old_period=before["period"],
            start=project.date_start,
            end=project.date_end,
            old_targets=before["targets"],
            total=project.target_beneficiaries,
            mid=project.target_beneficiaries_mid,
            joining=", ".join(self.add_worker_ids.mapped("name")) or "-",
            leaving=", ".join(self.remove_worker_ids.mapped("name")) or "-",
            targets=_("yes") if self.target_ids else _("no"),
        )
        project._message_log(body=summary)
        return summary


class SgzChangeRequestLine(models.Model):
    _name = "sgz.change.request.line"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Change Request Section"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "sgz.change.request", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    section = fields.Selection(SECTIONS, required=True)
    original_text = fields.Text(required=True)
    new_text = fields.Text(string="Changed To", required=True)
    reason = fields.Text(string="Reason for Change", required=True)

    def _check_request_draft(self):
        for request in self.request_id:
            if request.state != "draft":
                raise UserError(
                    _(
                        "%(request)s has been submitted; its sections can no longer "
                        "change.",
                        request=request.name,
                    )
                )

    def _sgz_check_editable(self):
        self._check_request_draft()


class SgzChangeRequestTarget(models.Model):
    _name = "sgz.change.request.target"
    _inherit = ["sgz.frozen.line.mixin"]
    _description = "Change Request Activity Target"

    request_id = fields.Many2one(
        "sgz.change.request", required=True, ondelete="cascade", index=True
    )
    domain_id = fields.Many2one(
        "sgz.service.domain", string="Service Domain", required=True
    )
    activity_type = fields.Selection(ACTIVITY_TYPES, required=True)
    sessions = fields.Integer(string="Planned Sessions")
    beneficiaries = fields.Integer(string="Planned Beneficiaries")
    attendances = fields.Integer(string="Planned Attendances")

    @api.constrains("sessions", "beneficiaries", "attendances")
    def _check_counts(self):
        check_not_negative(self, ["sessions", "beneficiaries", "attendances"])

    def _sgz_check_editable(self):
        SgzChangeRequestLine._check_request_draft(self)
