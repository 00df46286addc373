from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A region's level and the level its parent must have:
# 市 → 县(市、区) → 乡镇(街道) → 村(社区).
LEVELS = [
    ("city", "City"),
    ("county", "County / District"),
    ("township", "Township / Sub-district"),
    ("village", "Village / Community"),
]
PARENT_LEVEL = {
    "city": False,
    "county": "city",
    "township": "county",
    "village": "township",
}


class SgzRegion(models.Model):
    _name = "sgz.region"
    _description = "Administrative Region"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "code"

    name = fields.Char(required=True)
    code = fields.Char(
        required=True,
        help="Administrative division code (GB/T 2260; 12 digits for townships).",
    )
    level = fields.Selection(LEVELS, required=True, index=True)
    parent_id = fields.Many2one(
        "sgz.region", string="Parent Region", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sgz.region", "parent_id", string="Sub-regions")
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    station_ids = fields.One2many("sgz.station", "region_id", string="Stations")
    station_count = fields.Integer(compute="_compute_station_count")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "code_unique",
            "unique(code)",
            "The region code must be unique.",
        ),
    ]

    def _sgz_county(self):
        """The county or district this region is, or lies in (an empty recordset
        above the county level)."""
        region = self[:1]
        while region and region.level != "county":
            region = region.parent_id
        return region

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = (
                    f"{region.parent_id.complete_name} / {region.name}"
                )
            else:
                region.complete_name = region.name

    def _compute_station_count(self):
        counts = dict(
            self.env["sgz.station"]._read_group(
                [("region_id", "in", self.ids)], ["region_id"], ["__count"]
            )
        )
        for region in self:
            region.station_count = counts.get(region, 0)

    @api.constrains("parent_id")
    def _check_parent_cycle(self):
        if self._has_cycle():
            self._raise_cycle()

    def _raise_cycle(self):
        raise ValidationError(
            _(
                "Parent Region: a region cannot be placed under itself or "
                "under one of its own sub-regions."
            )
        )

    def write(self, vals):
        # The parent store would refuse a cycle with a generic message before the
        # constraint runs: check it first, in the user's words.
        if vals.get("parent_id"):
            parent = self.browse(vals["parent_id"])
            for region in self:
                if region.parent_path and (parent.parent_path or "").startswith(
                    region.parent_path
                ):
                    self._raise_cycle()
        return super().write(vals)

    @api.constrains("parent_id", "level")
    def _check_parent_level(self):
        labels = dict(self._fields["level"]._description_selection(self.env))
        for region in self:
            expected = PARENT_LEVEL[region.level]
            actual = region.parent_id.level or False
            if expected != actual:
                if expected:
                    raise ValidationError(
                        _(
                            "Parent Region of %(region)s: a region of level "
                            "%(level)s must be placed under a region of level "
                            "%(parent)s.",
                            region=region.name,
                            level=labels[region.level],
                            parent=labels[expected],
                        )
                    )
                raise ValidationError(
                    _(
                        "Parent Region of %(region)s: a region of level %(level)s "
                        "has no parent region.",
                        region=region.name,
                        level=labels[region.level],
                    )
                )

    @api.constrains("code")
    def _check_code(self):
        for region in self:
            if not (region.code or "").isdigit():
                raise ValidationError(
                    _(
                        "Region Code of %(region)s: the code must consist of "
                        "digits only (GB/T 2260), got %(code)s.",
                        region=region.name,
                        code=region.code,
                    )
                )

    def lineage_names(self):
        """Names from the root region down to this one (for signboards)."""
        self.ensure_one()
        ids = [int(i) for i in self.parent_path.strip("/").split("/")]
        regions = self.browse(ids)
        by_id = {r.id: r.name for r in regions}
        return [by_id[i] for i in ids]

    def is_within(self, ancestor):
        """True when this region is ``ancestor`` or lies under it."""
        self.ensure_one()
        return bool(ancestor) and (self.parent_path or "").startswith(
            ancestor.parent_path or "\0"
        )
