"""Least privilege in Odoo's own accounting app, over the demo database.

Installing ``account`` made every user already there (the demo's, created by
sgz_stations before sgz_finance brought ``account`` in) an accounting administrator,
through the template of new users. The roles now give exactly what they need.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from odoo.addons.sgz_finance.models.res_users import ACCOUNTING_GROUPS

READONLY = "account.group_account_readonly"
BILLING = "account.group_account_invoice"
ADMIN = "account.group_account_manager"
# Each demo role and the accounting groups it holds (the others it must not hold).
ROLES = {
    "sgz_stations.user_officer_demo": {BILLING},
    "sgz_stations.user_manager_demo": {BILLING},
    "sgz_stations.user_supervisor_demo": set(),
    "sgz_stations.user_agency_demo": set(),
    # reads its own agency's books only (global rules, ADR-21)
    "sgz_stations.user_accountant_demo": {READONLY},
    "sgz_stations.user_auditor_demo": {READONLY},
}
AGENCY_ROLES = ("sgz_stations.user_agency_demo", "sgz_stations.user_accountant_demo")
BOOKS = ("account.move", "account.payment", "account.journal", "account.account")
# A harmless change of each record, to try a write with.
WRITES = {
    "account.move": {"narration": "x"},
    "account.payment": {"memo": "x"},
    "account.journal": {"name": "x"},
    "account.account": {"name": "x"},
}


@tagged("post_install", "-at_install")
class TestAccountingAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {xmlid: cls.env.ref(xmlid) for xmlid in ROLES}
        cls.admin = cls.env.ref("base.user_admin")
        # the bureau's books, as the demo's disbursements booked them: a bill not
        # paid yet (a paid one is reconciled: Odoo refuses to delete it to anyone,
        # before it checks the access), and a payment
        Stage = cls.env["sgz.disbursement"]
        bill = Stage.search([("state", "=", "approved")], limit=1).move_id
        paid = Stage.search([("state", "=", "paid")], limit=1).move_id
        cls.bureau = {
            "account.move": bill,
            "account.payment": paid.matched_payment_ids[:1],
            "account.journal": bill.journal_id,
            "account.account": bill.invoice_line_ids.account_id[:1],
        }
        assert all(cls.bureau.values()), cls.bureau
        # another bureau's books, in another company: nobody here may touch them
        other = cls.env["res.company"].create(
            {
                "name": "西山区民政局（另一公司）",
                "currency_id": cls.env.ref("base.CNY").id,
            }
        )
        cls.env["account.chart.template"].try_loading("generic_coa", other)
        env = cls.env(context=dict(cls.env.context, allowed_company_ids=other.ids))
        partner = env["res.partner"].create({"name": "西山区某社工中心"})
        other_bill = env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-03-02",
                "invoice_line_ids": [
                    Command.create({"name": "服务费", "quantity": 1, "price_unit": 10})
                ],
            }
        )
        other_bill.action_post()
        chart = env["account.chart.template"].with_company(other)
        payment = env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": partner.id,
                "amount": 10,
                "journal_id": chart.ref("bank").id,
            }
        )
        payment.action_post()
        cls.other = {
            "account.move": other_bill,
            "account.payment": payment,
            "account.journal": other_bill.journal_id,
            "account.account": other_bill.invoice_line_ids.account_id,
        }

    def _try(self, record, operation):
        if operation == "read":
            record.read(["name"])
        elif operation == "write":
            record.write(WRITES[record._name])
        else:
            record.unlink()

    def assertRefused(self, user, record, operations=("read", "write", "unlink")):
        for operation in operations:
            with self.assertRaises(
                AccessError, msg=f"{user.login} may {operation} {record}"
            ):
                self._try(record.with_user(user), operation)

    # ------------------------------------------------------------------ groups
    def test_each_role_holds_what_it_needs_only(self):
        for xmlid, expected in ROLES.items():
            user = self.users[xmlid]
            for group in ACCOUNTING_GROUPS:
                self.assertEqual(
                    user.has_group(group),
                    group in expected,
                    f"{user.login}: {group}",
                )
        # the auditor reads and exports, and writes nothing
        auditor = self.users["sgz_stations.user_auditor_demo"]
        self.assertTrue(auditor.has_group("base.group_allow_export"))
        # only the administrator administers the accounting (and the superuser)
        self.assertTrue(self.admin.has_group(ADMIN))
        self.assertTrue(self.env.ref("base.user_root").has_group(ADMIN))
        holders = self.env.ref(ADMIN).users.filtered(lambda u: u.active)
        self.assertFalse(
            holders.filtered(lambda u: not u.has_group("base.group_system"))
        )

    def test_new_users_get_accounting_from_their_role_only(self):
        template = self.env.ref("base.default_user")
        for group in ACCOUNTING_GROUPS:
            self.assertFalse(template.has_group(group), group)
        # as the administrator creates a user (the template's groups), then a role
        Users = self.env["res.users"].with_user(self.admin)
        for role, expected in (
            ("sgz_stations.group_agency_user", set()),
            ("sgz_stations.group_agency_accountant", {READONLY}),
            ("sgz_stations.group_supervisor", set()),
            ("sgz_stations.group_auditor", {READONLY}),
            ("sgz_stations.group_officer", {BILLING}),
            ("sgz_stations.group_manager", {BILLING}),
        ):
            user = Users.create({"name": role, "login": f"new_{role}"})
            user.write({"groups_id": [Command.link(self.env.ref(role).id)]})
            for group in ACCOUNTING_GROUPS:
                self.assertEqual(user.has_group(group), group in expected, group)

    def test_the_roles_accounting_is_put_right_again_on_upgrade(self):
        """What a later install does (the template's groups to every user) is
        undone by the next install or upgrade of sgz_finance."""
        agency = self.users["sgz_stations.user_agency_demo"]
        officer = self.users["sgz_stations.user_officer_demo"]
        # what account's data does at its install: Odoo copies it to every user
        self.env.ref("base.default_user").write(
            {"groups_id": [Command.link(self.env.ref(ADMIN).id)]}
        )
        self.assertTrue(agency.has_group(ADMIN))
        self.assertTrue(officer.has_group(ADMIN))
        self.env["res.users"]._sgz_accounting_from_roles()
        self.assertFalse(agency.has_group(BILLING))
        self.assertFalse(officer.has_group(ADMIN))
        self.assertTrue(officer.has_group(BILLING))
        self.assertTrue(self.admin.has_group(ADMIN))
        self.assertFalse(self.env.ref("base.default_user").has_group(ADMIN))

    # ---------------------------------------------------------------- records
    def test_agencies_see_nothing_of_the_books(self):
        for xmlid in AGENCY_ROLES:
            user = self.users[xmlid]
            for model in BOOKS:
                self.assertRefused(user, self.bureau[model])
                self.assertRefused(user, self.other[model])
                if model == "account.account" or user.has_group(READONLY):
                    # rules: the search finds nothing of the bureau's or others'
                    found = self.env[model].with_user(user).search([])
                    companies = found.sudo().mapped(
                        "company_ids" if model == "account.account" else "company_id"
                    )
                    self.assertFalse(
                        companies.filtered(
                            lambda c, u=user: c.sgz_agency_id != u.sgz_agency_id
                        ),
                        model,
                    )
                    continue
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search_count([])

    def test_supervisors_see_nothing_of_the_books(self):
        user = self.users["sgz_stations.user_supervisor_demo"]
        for model in BOOKS:
            # every internal user reads the chart of accounts (Odoo's rule)
            read = ("read",) if model != "account.account" else ()
            self.assertRefused(user, self.bureau[model], (*read, "write", "unlink"))
            self.assertRefused(user, self.other[model])

    def test_the_auditor_reads_and_writes_nothing(self):
        user = self.users["sgz_stations.user_auditor_demo"]
        for model in BOOKS:
            self.assertTrue(self.bureau[model].with_user(user).read(["name"]))
            self.assertRefused(user, self.bureau[model], ("write", "unlink"))
            self.assertRefused(user, self.other[model])

    def test_bureau_officers_read_the_bills_and_configure_nothing(self):
        for xmlid in (
            "sgz_stations.user_officer_demo",
            "sgz_stations.user_manager_demo",
        ):
            user = self.users[xmlid]
            for model in BOOKS:
                self.assertTrue(self.bureau[model].with_user(user).read(["name"]))
                self.assertRefused(user, self.other[model])
            # journals and accounts are the accounting administrator's
            for model in ("account.journal", "account.account"):
                self.assertRefused(user, self.bureau[model], ("write", "unlink"))

    def test_the_administrator_keeps_the_books(self):
        journal = self.bureau["account.journal"].with_user(self.admin)
        journal.write({"name": journal.name})
        self.assertTrue(
            self.bureau["account.move"].with_user(self.admin).read(["name"])
        )

    # ------------------------------------------------------------------ forms
    def _open_form(self, records):
        """Read ``records`` as the web client does to show them in their form."""
        views = records.get_views([(False, "form")])
        spec = {}
        for name, desc in views["models"][records._name]["fields"].items():
            relational = desc["type"] in ("many2one", "one2many", "many2many")
            spec[name] = {"fields": {"display_name": {}}} if relational else {}
        return records.web_read(spec)

    def test_every_role_opens_the_finance_forms(self):
        """Nobody meets an access error on a form for a field of the books."""
        for xmlid in ROLES:
            user = self.users[xmlid]
            for model in ("sgz.disbursement", "sgz.contract", "sgz.contract.recovery"):
                Model = self.env[model].with_user(user)
                if not Model.has_access("read"):
                    continue
                values = self._open_form(Model.search([]))
                self.assertTrue(values or model == "sgz.contract.recovery", model)
                for vals in values:
                    if xmlid in AGENCY_ROLES:  # their stages, not the bills
                        self.assertNotIn("move_id", vals)
                    if xmlid.endswith("supervisor_demo"):  # nor the recoveries
                        self.assertNotIn("move_id", vals)
                        self.assertNotIn("recovery_ids", vals)

    def test_agencies_read_their_stages_not_the_bills(self):
        for xmlid in AGENCY_ROLES:
            stages = (
                self.env["sgz.disbursement"].with_user(self.users[xmlid]).search([])
            )
            self.assertTrue(stages)
            self.assertTrue(stages.read(["amount", "state"]))
            with self.assertRaises(AccessError):
                stages.read(["move_id"])
