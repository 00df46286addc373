from odoo import models


class SgzHolidayYear(models.Model):
    _inherit = "sgz.holiday.year"

    def _sgz_year_completed(self):
        result = super()._sgz_year_completed()
        # disbursement due dates that waited for the year are filled in now
        self.env["sgz.disbursement"].sudo()._sgz_fill_pending_due_dates()
        return result
