from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    sgz_report_due_day = fields.Integer(
        string="Monthly Brief Due Day",
        default=10,
        help="Day of the following month by which a station project's monthly brief is "
        "due; new projects take it as their default.",
    )

    @api.constrains("sgz_report_due_day")
    def _check_sgz_report_due_day(self):
        for company in self:
            if not 1 <= company.sgz_report_due_day <= 31:
                raise ValidationError(
                    _(
                        "Monthly Brief Due Day: %(day)s is not a day of the month "
                        "(1-31).",
                        day=company.sgz_report_due_day,
                    )
                )
