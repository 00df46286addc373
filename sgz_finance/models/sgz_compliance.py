"""Compliance exceptions: the breaches of the guide that the data shows.

A daily job (and the auditors' Refresh button) runs one grouped search per rule and
keeps one row per breach and record (``key``). A row whose breach has gone (the
payment was made, the brief came in) is marked resolved, never deleted: the audit
trail stays. The auditor marks a row reviewed with a comment; that never changes the
record it comes from. Rules the addons refuse at the model boundary (spending over a
line or a cap, forbidden categories, expenses without invoice or evidence, purchases
without comparison or contract, unapproved budget changes) cannot appear in the data:
docs/reports.md lists them with the check that refuses them.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_stations.models.sgz_workflow import (
    AUDITOR,
    reader_env,
    require_group,
)

RULES = [
    ("late_disbursement", "Disbursement Overdue"),
    ("late_notice", "Result Notice Late"),
    ("late_brief", "Monthly Brief Late or Missing"),
    ("expired_document", "Qualification Document Expired"),
    ("station", "Station Out of Compliance"),
    ("cash_payment", "Cash Payment of 1,000 or More"),
    ("related_party", "Paid to a Related Party"),
]
# The guide's (or the law's) provision each rule answers, as printed in the report
# (by part and section; docs/reports.md adds the guide's line numbers).
GUIDE_REFS = {
    "late_disbursement": "第二部分 社会工作服务站项目运营指引 二（四）",
    "late_notice": "政府采购法实施条例 第四十三条（2个工作日内公告）",
    "late_brief": "第二部分 评估指标 上报资料",
    "expired_document": "政府采购法 第二十二条；采购文件 资格证明文件",
    "station": "第一部分 社会工作服务站工作指引",
    "cash_payment": "第六部分 社工站项目财务管理指引 四（一）",
    "related_party": "第六部分 社工站项目财务管理指引 三（二）2",
}

CASH_LIMIT = 1000.0


class SgzComplianceException(models.Model):
    _name = "sgz.compliance.exception"
    _inherit = ["sgz.workflow.mixin"]
    _description = "Compliance Exception"
    _order = "state, date desc, id desc"
    _sgz_workflow_fields = (
        "key",
        "rule",
        "state",
        "date",
        "company_id",
        "agency_id",
        "project_id",
        "county_id",
        "amount",
        "source_ref",
        "source_name",
        "detail",
        "reviewed",
        "reviewed_by",
        "reviewed_on",
    )

    key = fields.Char(required=True, readonly=True, index=True)
    rule = fields.Selection(RULES, required=True, readonly=True, index=True)
    guide_ref = fields.Char(string="Guide", compute="_compute_guide_ref")
    state = fields.Selection(
        [("open", "Open"), ("resolved", "No Longer in the Data")],
        default="open",
        required=True,
        readonly=True,
        index=True,
    )
    date = fields.Date(readonly=True, help="When the breach began.")
    company_id = fields.Many2one(
        "res.company", string="Bureau", required=True, readonly=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    agency_id = fields.Many2one("res.partner", readonly=True, index=True)
    project_id = fields.Many2one("sgz.project", readonly=True, index=True)
    county_id = fields.Many2one(
        "sgz.region", string="County / District", readonly=True, index=True
    )
    amount = fields.Monetary(readonly=True)
    source_ref = fields.Reference(
        selection="_selection_source", string="Record", readonly=True
    )
    source_name = fields.Char(string="Record Name", readonly=True)
    detail = fields.Char(string="What the Data Shows", readonly=True)
    reviewed = fields.Boolean(readonly=True, index=True)
    review_comment = fields.Text(string="Auditor's Comment")
    reviewed_by = fields.Many2one("res.users", readonly=True)
    reviewed_on = fields.Date(readonly=True)

    _sql_constraints = [
        ("key_unique", "unique(key)", "An exception is recorded once per record."),
    ]

    @api.model
    def _selection_source(self):
        models_ = [
            "sgz.disbursement",
            "sgz.procurement",
            "sgz.monthly.report",
            "sgz.qualification.document",
            "sgz.station",
            "sgz.agency.expense",
        ]
        return [(m, self.env["ir.model"]._get(m).name or m) for m in models_]

    @api.depends("rule")
    def _compute_guide_ref(self):
        for rec in self:
            rec.guide_ref = GUIDE_REFS.get(rec.rule, "")

    def write(self, vals):
        if "review_comment" in vals and not self._sgz_in_step():
            require_group(self.env, AUDITOR)
            if self.filtered("reviewed"):
                # the comment is what the review found: reopen the review to amend
                raise UserError(
                    _(
                        "This exception has been reviewed; reopen the review before "
                        "changing its comment."
                    )
                )
        return super().write(vals)

    # --------------------------------------------------------------- review
    def action_mark_reviewed(self):
        """The auditor has looked at the rows (their comment says what they found);
        the records they come from are not touched."""
        require_group(self.env, AUDITOR)
        self.check_access("write")
        self._sgz_step_write(
            {
                "reviewed": True,
                "reviewed_by": self.env.user.id,
                "reviewed_on": fields.Date.context_today(self),
            }
        )
        return True

    def action_reopen_review(self):
        require_group(self.env, AUDITOR)
        self.check_access("write")
        self._sgz_step_write(
            {"reviewed": False, "reviewed_by": False, "reviewed_on": False}
        )
        return True

    # -------------------------------------------------------------- refresh
    @api.model
    def action_refresh(self):
        """Ask the daily job to read the data again now (auditors and officers).

        The job does the reading, never the request: two readings at once (the
        button and the job, or two auditors) would record the same breach twice,
        and on a province's data the reading takes longer than a screen should
        wait. Odoo runs a job once at a time."""
        require_group(
            self.env,
            AUDITOR,
            "sgz_stations.group_officer",
            "sgz_stations.group_manager",
        )
        self.env.ref("sgz_finance.ir_cron_compliance_exceptions").sudo()._trigger()
        env = reader_env(self.env)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": env._("Compliance Exceptions"),
                "message": env._(
                    "The data is being read again; reopen the list in a minute to "
                    "see the result."
                ),
            },
        }

    @api.model
    def _cron_refresh(self):
        self._sgz_refresh_env()._sgz_refresh()

    @api.model
    def _sgz_refresh_env(self):
        """The reading sees every active record, whoever started it, and writes its
        text in the bureau's language and dates in the bureau's time zone (the
        main company's partner): a row does not change language with the reader."""
        partner = self.env.company.partner_id.sudo()
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        lang = partner.lang if partner.lang in langs else None
        if not lang:
            lang = "zh_CN" if "zh_CN" in langs else "en_US"
        return self.sudo().with_context(
            active_test=True, lang=lang, tz=partner.tz or "Asia/Shanghai"
        )

    @api.model
    def _sgz_refresh(self):
        """Upsert the breaches found now; mark the others resolved."""
        today = fields.Date.context_today(self)
        found = {}
        for rule, _label in RULES:
            for vals in getattr(self, f"_sgz_find_{rule}")(today):
                vals["rule"] = rule
                found[vals["key"]] = vals
        # the rows to resolve (open ones) and the rows found again, not all rows
        existing = self.search(
            ["|", ("state", "=", "open"), ("key", "in", list(found))]
        )
        by_key = {rec.key: rec for rec in existing}
        to_create = [vals for key, vals in found.items() if key not in by_key]
        with self._sgz_step():
            gone = existing.filtered(lambda r: r.key not in found and r.state == "open")
            gone.write({"state": "resolved"})
            for key, vals in found.items():
                rec = by_key.get(key)
                if not rec:
                    continue
                current = {
                    "amount": rec.amount,
                    "detail": rec.detail,
                    "county_id": rec.county_id.id,
                }
                changes = {
                    k: vals[k] for k, v in current.items() if k in vals and vals[k] != v
                }
                if rec.state != "open":
                    # the breach is back: it needs a new review
                    changes.update(
                        state="open",
                        reviewed=False,
                        reviewed_by=False,
                        reviewed_on=False,
                    )
                if changes:
                    rec.write(changes)
            self.create(to_create)
        return True

    # ---------------------------------------------------------------- rules
    def _sgz_vals(self, record, **vals):
        # read through the record, so that the county of every record of one search
        # comes in one query (prefetch), not one query a record
        if "county_id" in record._fields:
            county = record.county_id
        elif "project_id" in record._fields:
            county = record.project_id.county_id
        else:
            county = self.env["sgz.project"].browse(vals.get("project_id")).county_id
        return {
            "key": f"{vals['rule_key']}:{record._name}:{record.id}",
            "source_ref": f"{record._name},{record.id}",
            "source_name": record.display_name,
            "county_id": county.id,
            **{k: v for k, v in vals.items() if k != "rule_key"},
        }

    def _sgz_find_late_disbursement(self, today):
        stages = self.env["sgz.disbursement"].search(
            [
                ("state", "in", ("payable", "requested", "approved")),
                ("due_date", "<", today),
            ]
        )
        return [
            self._sgz_vals(
                stage,
                rule_key="late_disbursement",
                date=stage.due_date,
                company_id=stage.company_id.id,
                agency_id=stage.agency_id.id,
                project_id=stage.project_id.id,
                amount=stage.amount_due,
                detail=_("due on %(date)s, not paid yet", date=stage.due_date),
            )
            for stage in stages
        ]

    def _sgz_find_late_notice(self, today):
        Procurement = self.env["sgz.procurement"]
        procurements = Procurement.search(
            [
                "|",
                ("notice_late", "=", True),
                "&",
                ("notice_date", "=", False),
                "&",
                ("notice_due", "!=", False),
                ("notice_due", "<", today),
            ]
        )
        result = []
        for proc in procurements:
            if proc.notice_date:
                detail = _(
                    "published on %(date)s, due by %(due)s",
                    date=proc.notice_date,
                    due=proc.notice_due,
                )
            else:
                detail = _("due by %(due)s, not published yet", due=proc.notice_due)
            result.append(
                self._sgz_vals(
                    proc,
                    rule_key="late_notice",
                    date=proc.notice_due,
                    company_id=proc.company_id.id,
                    agency_id=proc.awarded_supplier_id.id,
                    project_id=proc.project_ids[:1].id,
                    amount=proc.awarded_amount,
                    detail=detail,
                )
            )
        return result

    def _sgz_find_late_brief(self, today):
        briefs = self.env["sgz.monthly.report"].search(
            [
                "|",
                ("is_late", "=", True),
                "&",
                ("submit_date", "=", False),
                ("due_date", "<", today),
            ]
        )
        result = []
        for brief in briefs:
            if brief.submit_date:
                detail = _(
                    "submitted on %(date)s, due by %(due)s",
                    date=brief.submit_date,
                    due=brief.due_date,
                )
            else:
                detail = _("due by %(due)s, not submitted", due=brief.due_date)
            result.append(
                self._sgz_vals(
                    brief,
                    rule_key="late_brief",
                    date=brief.due_date,
                    company_id=brief.company_id.id,
                    agency_id=brief.agency_id.id,
                    project_id=brief.project_id.id,
                    detail=detail,
                )
            )
        return result

    def _sgz_find_expired_document(self, today):
        contracts = self.env["sgz.contract"].search(
            [("state", "in", ("signed", "performing"))]
        )
        parties = contracts.party_b_id.commercial_partner_id
        documents = self.env["sgz.qualification.document"].search(
            [
                ("partner_id", "in", parties.ids),
                ("expiry_date", "!=", False),
                ("expiry_date", "<", today),
                ("state", "!=", "rejected"),
            ]
        )
        company_of = {c.party_b_id.commercial_partner_id.id: c for c in contracts}
        result = []
        for doc in documents:
            contract = company_of[doc.partner_id.commercial_partner_id.id]
            result.append(
                self._sgz_vals(
                    doc,
                    rule_key="expired_document",
                    date=doc.expiry_date,
                    company_id=contract.company_id.id,
                    agency_id=doc.partner_id.commercial_partner_id.id,
                    project_id=contract.project_id.id,
                    detail=_(
                        "expired on %(date)s while %(contract)s is in force",
                        date=doc.expiry_date,
                        contract=contract.name,
                    ),
                )
            )
        return result

    def _sgz_find_station(self, today):
        stations = self.env["sgz.station"].search([("is_compliant", "=", False)])
        return [
            self._sgz_vals(
                station,
                rule_key="station",
                date=today,  # first seen (the station's history is not kept)
                company_id=station.company_id.id,
                agency_id=station.agency_id.id,
                detail=(station.compliance_issues or "").replace("\n", "；")[:500],
            )
            for station in stations
        ]

    def _sgz_find_cash_payment(self, today):
        expenses = self.env["sgz.agency.expense"].search(
            [
                ("state", "=", "posted"),
                ("payment_method", "=", "cash"),
                ("amount", ">=", CASH_LIMIT),
            ]
        )
        return [
            self._sgz_vals(
                expense,
                rule_key="cash_payment",
                date=expense.date,
                company_id=expense.project_id.company_id.id,
                agency_id=expense.agency_id.id,
                project_id=expense.project_id.id,
                amount=expense.amount,
                detail=_(
                    "%(purpose)s paid in cash to %(payee)s",
                    purpose=expense.name,
                    payee=expense.partner_id.name,
                ),
            )
            for expense in expenses
        ]

    def _sgz_find_related_party(self, today):
        """Posted expenses paid to a party the agency records as related (a relation
        recorded after the purchase was approved is found here)."""
        relations = self.env["sgz.agency.relation"].search([])
        related = {}
        for relation in relations:
            related.setdefault(relation.agency_id.commercial_partner_id.id, {})[
                relation.partner_id.commercial_partner_id.id
            ] = relation
        if not related:
            return []
        expenses = self.env["sgz.agency.expense"].search(
            [
                ("state", "=", "posted"),
                ("agency_id", "in", list(related)),
                (
                    "partner_id.commercial_partner_id",
                    "in",
                    list({p for parties in related.values() for p in parties}),
                ),
            ]
        )
        result = []
        for expense in expenses:
            agency = expense.agency_id.commercial_partner_id.id
            relation = related[agency].get(expense.partner_id.commercial_partner_id.id)
            if not relation:
                continue
            result.append(
                self._sgz_vals(
                    expense,
                    rule_key="related_party",
                    date=expense.date,
                    company_id=expense.project_id.company_id.id,
                    agency_id=expense.agency_id.id,
                    project_id=expense.project_id.id,
                    amount=expense.amount,
                    detail=_(
                        "%(purpose)s paid to %(payee)s, related to %(person)s "
                        "(%(relation)s)",
                        purpose=expense.name,
                        payee=expense.partner_id.name,
                        person=relation.person,
                        relation=relation.relation,
                    ),
                )
            )
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(
                _(
                    "Compliance exceptions are kept for the audit trail; none is "
                    "deleted."
                )
            )
