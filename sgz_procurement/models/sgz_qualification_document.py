from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_stations.models.sgz_handover import (
    Handover,
    agency_users,
    role_users,
)

from ..wizard.sgz_reason_wizard import reason_action
from .sgz_procurement_common import OFFICER, require_group

# an agency is told this many days before one of its documents expires
EXPIRY_NOTICE_DAYS = 30

# The quote file's documents (询价模板 附件二, 三, 五 items 1-6, 六; L2922-3120).
DOC_TYPES = [
    ("credit_code", "Unified Social Credit Code Certificate"),  # 附件五 1
    ("qualification", "Qualification for the Service"),  # 附件五 2
    ("credit_query", "Credit Check Screenshots"),  # 附件五 3
    ("tax_proof", "Tax Payment Proof"),  # 附件五 4
    ("social_security_proof", "Social Insurance Payment Proof"),  # 附件五 4
    ("no_violation", "Statement of No Major Violation"),  # 附件五 5
    ("other_conditions", "Statement on Other Legal Conditions"),  # 附件五 6
    ("legal_rep", "Legal Representative Certificate"),  # 附件二
    ("power_of_attorney", "Power of Attorney"),  # 附件三
    ("integrity", "Integrity Pledge"),  # 附件六
]
# Documents every quote needs; the power of attorney only when an agent signs.
REQUIRED_TYPES = [t for t, _label in DOC_TYPES if t != "power_of_attorney"]
# Proof of tax and of social insurance: any three months of the year (附件五 item 4).
MONTHLY_PROOFS = ("tax_proof", "social_security_proof")
PROOF_MONTHS = 3


class SgzQualificationDocument(models.Model):
    _name = "sgz.qualification.document"
    _description = "Supplier Qualification Document"
    _inherit = ["sgz.workflow.mixin", "sgz.handover.mixin", "mail.thread"]
    _order = "partner_id, doc_type, issue_date desc, id desc"
    _sgz_handover_fields = ("state", "expiry_date", "partner_id", "doc_type")
    _sgz_workflow_fields = ("state", "verifier_id", "verified_on", "rejection_reason")

    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_sgz_agency", "=", True)],
        default=lambda self: self.env.user.sgz_agency_id,
    )
    doc_type = fields.Selection(
        DOC_TYPES, string="Document Type", required=True, tracking=True
    )
    name = fields.Char(string="Title", required=True)
    number = fields.Char(string="Document Number")
    issue_date = fields.Date(
        string="Issued / Queried on",
        required=True,
        help="For credit checks, the date of the query; it must not be before the "
        "procurement's announcement.",
    )
    expiry_date = fields.Date(string="Valid Until")
    period_month = fields.Date(
        string="Month Paid",
        help="Tax and social insurance proofs: the month the payment covers.",
    )
    agent_name = fields.Char(string="Agent")
    agent_id_number = fields.Char(string="Agent's ID Number")
    agent_term_from = fields.Date(string="Authorised from")
    agent_term_to = fields.Date(string="Authorised until")
    no_subdelegation = fields.Boolean(
        string="No Sub-delegation",
        default=True,
        help="代理人无转委托权 (附件三).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    state = fields.Selection(
        [
            ("pending", "To Verify"),
            ("verified", "Verified"),
            ("rejected", "Rejected"),
        ],
        default="pending",
        required=True,
        copy=False,
        readonly=True,
        tracking=True,
    )
    verifier_id = fields.Many2one("res.users", readonly=True, copy=False)
    verified_on = fields.Date(readonly=True, copy=False)
    rejection_reason = fields.Char(readonly=True, copy=False)

    @api.constrains("issue_date", "expiry_date", "agent_term_from", "agent_term_to")
    def _check_dates(self):
        for doc in self:
            if doc.expiry_date and doc.expiry_date < doc.issue_date:
                raise ValidationError(
                    _(
                        "Valid Until of %(doc)s: %(expiry)s is before the issue date "
                        "%(issue)s.",
                        doc=doc.name,
                        expiry=doc.expiry_date,
                        issue=doc.issue_date,
                    )
                )
            if (
                doc.agent_term_from
                and doc.agent_term_to
                and doc.agent_term_to < doc.agent_term_from
            ):
                raise ValidationError(
                    _(
                        "Authorisation term of %(doc)s: it ends before it begins.",
                        doc=doc.name,
                    )
                )

    @api.constrains("doc_type", "agent_name", "agent_term_to", "no_subdelegation")
    def _check_power_of_attorney(self):
        for doc in self.filtered(lambda d: d.doc_type == "power_of_attorney"):
            if not (doc.agent_name and doc.agent_term_to):
                raise ValidationError(
                    _(
                        "Power of attorney %(doc)s: name the agent and the term of the "
                        "authorisation (附件三).",
                        doc=doc.name,
                    )
                )
            if not doc.no_subdelegation:
                raise ValidationError(
                    _(
                        "Power of attorney %(doc)s: the agent may not delegate further "
                        "(代理人无转委托权, 附件三).",
                        doc=doc.name,
                    )
                )

    @api.constrains("doc_type", "period_month")
    def _check_period_month(self):
        for doc in self.filtered(lambda d: d.doc_type in MONTHLY_PROOFS):
            if not doc.period_month:
                raise ValidationError(
                    _(
                        "Month Paid of %(doc)s: tax and social insurance proofs name "
                        "the month they cover.",
                        doc=doc.name,
                    )
                )

    def write(self, vals):
        content = set(vals) - set(self._sgz_workflow_fields)
        content -= {"message_main_attachment_id", "activity_ids"}
        if content and not self._sgz_in_step():
            self._sgz_require_state(
                "pending",
                "rejected",
                message=_(
                    "%(record)s has been verified; upload a new document instead of "
                    "changing it."
                ),
            )
            result = super().write(vals)
            # a corrected document is checked again
            rejected = self.filtered(lambda d: d.state == "rejected")
            rejected._sgz_step_write({"state": "pending", "verifier_id": False})
            return result
        return super().write(vals)

    # ------------------------------------------------------------- hand-overs
    def _sgz_expiring(self):
        """Valid for 30 days or less and not yet replaced by a later document."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.state == "rejected" or not self.expiry_date:
            return False
        if (
            not today
            <= self.expiry_date
            <= today + relativedelta(days=EXPIRY_NOTICE_DAYS)
        ):
            return False
        return not self.sudo().search_count(
            [
                ("partner_id", "=", self.partner_id.id),
                ("doc_type", "=", self.doc_type),
                ("state", "!=", "rejected"),
                ("expiry_date", ">", self.expiry_date),
            ],
            limit=1,
        )

    def _sgz_handover_domain(self):
        today = fields.Date.context_today(self)
        return [
            ("state", "!=", "rejected"),
            ("expiry_date", ">=", today),
            ("expiry_date", "<=", today + relativedelta(days=EXPIRY_NOTICE_DAYS)),
        ]

    def _sgz_handovers(self):
        return [
            Handover(
                "sgz_procurement.activity_document_expiring",
                waiting=lambda r: r._sgz_expiring(),
                users=lambda r: agency_users(r, r.partner_id) or role_users(r, OFFICER),
                deadline=lambda r: r.expiry_date,
                note=lambda r: r.env._(
                    "%(doc)s of %(supplier)s is valid until %(date)s: upload the "
                    "renewed document.",
                    doc=r.name,
                    supplier=r.partner_id.display_name,
                    date=r.expiry_date,
                ),
            )
        ]

    @api.model
    def _cron_expiring_documents(self):
        """Daily: tell the agencies whose documents expire within 30 days."""
        return self._sgz_cron_handovers()

    def action_verify(self):
        require_group(self.env, OFFICER)
        self._sgz_require_state("pending")
        self._sgz_step_write(
            {
                "state": "verified",
                "verifier_id": self.env.uid,
                "verified_on": fields.Date.context_today(self),
                "rejection_reason": False,
            }
        )
        return True

    def action_open_reject(self):
        require_group(self.env, OFFICER)
        return reason_action(self, "action_reject", _("Reject Document"))

    def action_reject(self, reason=None):
        require_group(self.env, OFFICER)
        self._sgz_require_state("pending", "verified")
        if not (reason or "").strip():
            raise UserError(_("Give the reason for rejecting the document."))
        self._sgz_step_write(
            {
                "state": "rejected",
                "verifier_id": self.env.uid,
                "verified_on": fields.Date.context_today(self),
                "rejection_reason": reason,
            }
        )
        return True

    @api.model
    def _document_issues(self, partner, procurement, on_date, needs_attorney=False):
        """What is missing, unverified or expired in ``partner``'s file for a quote.

        Returns a list of (doc_type, sentence); empty when the file is complete.
        """
        docs = self.sudo().search([("partner_id", "=", partner.id)])
        labels = dict(self._fields["doc_type"]._description_selection(self.env))
        required = list(REQUIRED_TYPES) + (
            ["power_of_attorney"] if needs_attorney else []
        )
        announced = procurement.announce_date or on_date
        issues = []
        for doc_type in required:
            of_type = docs.filtered(lambda d, t=doc_type: d.doc_type == t)
            valid = of_type.filtered(
                lambda d: d.state == "verified"
                and (not d.expiry_date or d.expiry_date >= on_date)
            )
            if doc_type == "credit_query":
                valid = valid.filtered(lambda d: d.issue_date >= announced)
            if doc_type == "power_of_attorney":
                valid = valid.filtered(
                    lambda d: d.agent_term_to >= on_date
                    and (not d.agent_term_from or d.agent_term_from <= on_date)
                )
            if doc_type in MONTHLY_PROOFS:
                # "公告发布日前当年任意3个月": read as the twelve months before the
                # announcement, so that a January announcement can be answered too.
                since = announced.replace(day=1) - relativedelta(months=12)
                months = {
                    d.period_month.replace(day=1)
                    for d in valid
                    if since <= d.period_month < announced
                }
                if len(months) < PROOF_MONTHS:
                    issues.append(
                        (
                            doc_type,
                            _(
                                "%(doc)s: %(count)s verified month(s) in the twelve "
                                "months before the announcement (from %(since)s); any "
                                "%(need)s are required.",
                                doc=labels[doc_type],
                                count=len(months),
                                since=since,
                                need=PROOF_MONTHS,
                            ),
                        )
                    )
                continue
            if valid:
                continue
            if not of_type:
                reason = _("missing")
            elif of_type.filtered(
                lambda d: d.state == "verified"
                and d.expiry_date
                and d.expiry_date < on_date
            ):
                reason = _("expired")
            elif doc_type == "credit_query" and of_type.filtered(
                lambda d: d.issue_date < announced
            ):
                reason = _("queried before the announcement")
            else:
                reason = _("not verified")
            issues.append(
                (
                    doc_type,
                    _("%(doc)s: %(reason)s.", doc=labels[doc_type], reason=reason),
                )
            )
        return issues
