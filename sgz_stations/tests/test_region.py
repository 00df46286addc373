from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SgzStationsCase


@tagged("post_install", "-at_install")
class TestRegion(SgzStationsCase):
    def test_complete_name_and_lineage(self):
        self.assertEqual(self.township.complete_name, "昆明市 / 五华区 / 华山街道")
        self.assertEqual(
            self.township.lineage_names(), ["昆明市", "五华区", "华山街道"]
        )
        self.assertTrue(self.township.is_within(self.county))
        self.assertTrue(self.township.is_within(self.city))
        self.assertTrue(self.county.is_within(self.county))
        self.assertFalse(self.township.is_within(self.county2))
        self.assertFalse(self.county.is_within(self.township))

    def test_region_under_own_child_refused(self):
        village = self.env["sgz.region"].create(
            {
                "name": "某社区",
                "code": "9530102001001",
                "level": "village",
                "parent_id": self.township.id,
            }
        )
        with self.assertRaises(ValidationError):
            self.city.parent_id = village
        self.city.invalidate_recordset()
        self.assertFalse(self.city.parent_id)

    def test_parent_level_must_be_one_above(self):
        Region = self.env["sgz.region"]
        with self.assertRefused(ValidationError, "Parent Region"):
            Region.create(
                {
                    "name": "错层街道",
                    "code": "9530102099",
                    "level": "township",
                    "parent_id": self.city.id,
                }
            )
        with self.assertRefused(ValidationError, "has no parent"):
            Region.create(
                {
                    "name": "孤立的市",
                    "code": "9530200",
                    "level": "city",
                    "parent_id": self.city.id,
                }
            )
        with self.assertRefused(ValidationError, "Parent Region"):
            Region.create({"name": "无上级区", "code": "9530199", "level": "county"})
        self.assertFalse(Region.search([("code", "in", ["9530102099", "9530199"])]))

    def test_code_digits_and_unique(self):
        Region = self.env["sgz.region"]
        with self.assertRefused(ValidationError, "digits only"):
            Region.create({"name": "X", "code": "53A100", "level": "city"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                Region.create({"name": "重复", "code": "9530100", "level": "city"})

    def test_station_count(self):
        self.assertEqual(self.township.station_count, 1)
        self.assertEqual(self.county.station_count, 0)
