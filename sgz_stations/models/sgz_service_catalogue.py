from odoo import fields, models


class SgzServiceDomain(models.Model):
    _name = "sgz.service.domain"
    _description = "Service Domain"
    _order = "sequence, id"

    name = fields.Char(required=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    description = fields.Text()
    seed_ref = fields.Char(
        string="Guide Reference",
        help="Where the operating guide lists this domain (line numbers).",
    )
    item_ids = fields.One2many("sgz.service.item", "domain_id", string="Service Items")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "The service domain code must be unique."),
    ]


class SgzServiceItem(models.Model):
    _name = "sgz.service.item"
    _description = "Service Item"
    _order = "domain_id, sequence, id"

    name = fields.Char(required=True)
    domain_id = fields.Many2one(
        "sgz.service.domain",
        string="Service Domain",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sequence = fields.Integer(default=10)
    content = fields.Text(string="Service Content")
    service_forms = fields.Text()
    seed_ref = fields.Char(string="Guide Reference")
    active = fields.Boolean(default=True)
