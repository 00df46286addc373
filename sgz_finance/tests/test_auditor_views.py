"""The auditor reads and exports everything, and is offered no write action (issue 10).

Every window of the app as the demo auditor sees it: no create, edit or delete, no
Archive / Unarchive (the ``active`` field is read-only to a user who may not write),
no workflow button; and the export right that the list's action menu needs."""

from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

# buttons that only open or print what the auditor may read
READ_ONLY_BUTTONS = {
    "action_view_workers",
    # the project 收支明细表: printed or exported, nothing written to the books
    "action_print_ledger",
    "action_export_ledger_xlsx",
}
# The one thing an auditor writes: their review of a compliance exception (a comment
# and the reviewed mark), which never changes the record the exception comes from.
AUDITOR_REVIEWS = {
    "sgz.compliance.exception": {
        "action_mark_reviewed",
        "action_reopen_review",
        "action_refresh",
    },
}


@tagged("post_install", "-at_install")
class TestAuditorViews(TransactionCase):
    def _app_models(self, user):
        """The models of the windows ``user`` reaches from the app's menus."""
        root = self.env.ref("sgz_stations.sgz_menu_root")
        menus = (
            self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
        )
        return sorted(
            {
                menu.action.res_model
                for menu in menus
                if menu.action and menu.action._name == "ir.actions.act_window"
            }
        )

    def test_auditor_has_no_write_action(self):
        auditor = self.env.ref("sgz_stations.user_auditor_demo")
        self.assertTrue(auditor.has_group("base.group_allow_export"))
        models = self._app_models(auditor)
        self.assertIn("sgz.station", models)
        self.assertIn("sgz.disbursement", models)
        for model in models:
            Model = self.env[model].with_user(auditor)
            if not Model.has_access("read") or Model._transient:
                # a report's form (the trial balance) is filled in to read it
                continue
            views = Model.get_views([(False, "list"), (False, "form")])
            fields = views["models"][model]["fields"]
            if "active" in fields:
                self.assertTrue(
                    fields["active"]["readonly"], f"{model}: Archive is offered"
                )
            for view_type in ("list", "form"):
                arch = etree.fromstring(views["views"][view_type]["arch"])
                actions = ("create", "delete")
                if model not in AUDITOR_REVIEWS or view_type == "list":
                    actions += ("edit",)
                for action in actions:
                    self.assertIn(
                        arch.get(action),
                        ("0", "false", "False"),
                        f"{model} {view_type}: {action}",
                    )
                if not model.startswith("sgz."):
                    # Odoo's own forms (the agencies are partners) keep their
                    # buttons; the access rights refuse what they would write
                    continue
                buttons = {
                    b.get("name")
                    for b in arch.iter("button")
                    if b.get("type") == "object"
                }
                allowed = READ_ONLY_BUTTONS | AUDITOR_REVIEWS.get(model, set())
                self.assertFalse(buttons - allowed, f"{model} {view_type}: {buttons}")

    def test_officer_exports_and_archives(self):
        officer = self.env.ref("sgz_stations.user_officer_demo")
        self.assertTrue(officer.has_group("base.group_allow_export"))
        fields = self.env["sgz.station"].with_user(officer).fields_get(["active"])
        self.assertFalse(fields["active"]["readonly"])
