from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# L162: 无受登记管理机关处罚、年检不合格或不接受年检等不良记录
BAD_INSPECTIONS = ("unqualified", "absent")
VIOLATION_YEARS = 3  # 参加政府采购活动前三年内，在经营活动中没有重大违法记录


class ResPartner(models.Model):
    _inherit = "res.partner"

    sgz_blacklisted = fields.Boolean(
        string="On a Dishonesty List",
        tracking=True,
        help="Listed by 信用中国 as a dishonest party or major tax offender, or on the "
        "government-procurement serious dishonesty list (附件五 item 3).",
    )
    sgz_blacklist_note = fields.Char(string="Dishonesty List Details")
    sgz_violation_ids = fields.One2many(
        "sgz.agency.violation", "partner_id", string="Violations and Penalties"
    )
    sgz_eligibility_issues = fields.Text(
        string="Why Not Eligible",
        compute="_compute_sgz_eligibility_issues",
        help="The supplier conditions of the guide this agency does not " "meet today.",
    )
    sgz_is_eligible = fields.Boolean(
        string="Eligible Supplier", compute="_compute_sgz_eligibility_issues"
    )

    def _compute_sgz_eligibility_issues(self):
        today = fields.Date.context_today(self)
        for partner in self:
            issues = partner._sgz_eligibility_issues(today) if partner.id else []
            partner.sgz_eligibility_issues = "\n".join(issues)
            partner.sgz_is_eligible = bool(partner.is_sgz_agency and not issues)

    def _sgz_eligibility_issues(self, on_date):
        """Sentences naming each supplier condition (L160-163) this agency misses."""
        self.ensure_one()
        partner = self.sudo()
        issues = []
        if not (
            partner.is_company and partner.is_sgz_agency and partner.sgz_credit_code
        ):
            issues.append(
                _(
                    "not registered as an independent legal person with a unified "
                    "social credit code"
                )
            )
        if not partner.sgz_scope_social_work:
            issues.append(_("its business scope does not include social work"))
        certified = (
            self.env["sgz.social.worker"]
            .sudo()
            .search_count(
                [
                    ("agency_id", "=", partner.id),
                    ("certificate_level", "!=", "none"),
                ]
            )
        )
        if not certified:
            issues.append(
                _(
                    "no social worker with a certificate on its team; at least one is "
                    "required"
                )
            )
        if partner.sgz_blacklisted:
            issues.append(
                _(
                    "on a dishonesty list (信用中国 / government procurement): "
                    "%(note)s",
                    note=partner.sgz_blacklist_note or "-",
                )
            )
        since = on_date - relativedelta(years=VIOLATION_YEARS)
        major = partner.sgz_violation_ids.filtered(
            lambda v: v.major and since <= v.date <= on_date
        )
        if major:
            issues.append(
                _(
                    "a major violation in the last three years: %(violation)s on "
                    "%(date)s",
                    violation=major[0].name,
                    date=major[0].date,
                )
            )
        inspection = partner.sgz_inspection_ids[:1]
        if inspection.result in BAD_INSPECTIONS:
            issues.append(
                _(
                    "its last annual inspection (%(year)s) was failed or not taken",
                    year=inspection.year,
                )
            )
        if partner.sgz_last_grade == "fail":
            issues.append(
                _("its last evaluation was 不合格; at least 合格 is required")
            )
        if partner._sgz_barred_on(on_date):
            issues.append(
                _(
                    "barred from station projects until %(date)s",
                    date=partner.sgz_barred_until,
                )
            )
        return issues

    def _sgz_check_eligible(self, on_date):
        for partner in self:
            issues = partner._sgz_eligibility_issues(on_date)
            if issues:
                raise ValidationError(
                    _(
                        "%(agency)s is not an eligible supplier:\n%(issues)s",
                        agency=partner.display_name,
                        issues="\n".join(f"- {issue}" for issue in issues),
                    )
                )


class SgzAgencyViolation(models.Model):
    _name = "sgz.agency.violation"
    _description = "Agency Violation or Penalty"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Agency",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("is_sgz_agency", "=", True)],
    )
    date = fields.Date(required=True)
    name = fields.Char(string="Violation", required=True)
    authority = fields.Char(string="Deciding Authority")
    major = fields.Boolean(
        string="Major Violation",
        help="A major violation in the three years before a procurement excludes the "
        "agency (附件五 item 5).",
    )
    note = fields.Text()

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for violation in self:
            if violation.date > today:
                raise ValidationError(
                    _(
                        "Date of violation %(name)s: %(date)s is in the future.",
                        name=violation.name,
                        date=violation.date,
                    )
                )
