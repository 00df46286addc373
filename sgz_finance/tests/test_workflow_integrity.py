"""Every workflow model, every role, every guarded field: no direct move is accepted.

The sweep runs over the demo database (records in every state of every workflow) as
each demo role, the administrator and the superuser, trying what an RPC client can
send: ``write``, ``copy(default=...)``, ``create`` and ``load`` (import) of each
guarded field, with and without every context key the code once read as a bypass.
Each refusal is proven to leave the record unchanged.
"""

import unittest
from contextlib import closing
from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

# What a refusal looks like to a client (a unique index refuses a copy, too).
REFUSED = (AccessError, UserError, ValidationError, IntegrityError)
# The context keys the addons used to read as "this write comes from a step".
OLD_BYPASS_KEYS = {
    key: True
    for key in (
        "sgz_procurement_workflow",
        "sgz_quote_workflow",
        "sgz_doc_workflow",
        "sgz_contract_workflow",
        "sgz_disbursement_workflow",
        "sgz_budget_workflow",
        "sgz_cr_workflow",
        "sgz_evaluation_workflow",
        "sgz_report_workflow",
        "sgz_change_request_apply",
    )
}
CONTEXTS = ({}, OLD_BYPASS_KEYS)
# The workflows of the three addons: each must guard its state.
WORKFLOW_MODELS = {
    "sgz.project",
    "sgz.monthly.report",
    "sgz.project.report",
    "sgz.evaluation",
    "sgz.change.request",
    "sgz.procurement",
    "sgz.quote",
    "sgz.qualification.document",
    "sgz.contract",
    "sgz.budget",
    "sgz.disbursement",
}
DEMO_ROLES = (
    "sgz_stations.user_officer_demo",
    "sgz_stations.user_manager_demo",
    "sgz_stations.user_supervisor_demo",
    "sgz_stations.user_agency_demo",
    "sgz_stations.user_accountant_demo",
    "sgz_stations.user_auditor_demo",
    "base.user_admin",
)


def guarded_models(env):
    """Every model that joined the mechanism (found, not listed)."""
    return sorted(
        name
        for name, model in env.registry.items()
        if not model._abstract
        and not model._transient
        and getattr(model, "_sgz_workflow_fields", ())
    )


@tagged("post_install", "-at_install")
class TestWorkflowIntegrity(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = [
            cls.env.ref(xmlid, raise_if_not_found=False) for xmlid in DEMO_ROLES
        ]
        if not all(cls.users):
            raise unittest.SkipTest(
                "the sweep runs over the demo data (bin/test has it)"
            )
        cls.samples = {name: cls._samples(name) for name in guarded_models(cls.env)}

    @classmethod
    def _samples(cls, name):
        """One record per state (three when the model has no state)."""
        Model = cls.env[name].sudo().with_context(active_test=False)
        if "state" not in Model._fields:
            return Model.search([], limit=3, order="id")
        records = Model.browse()
        for state, _label in Model._fields["state"]._description_selection(cls.env):
            records |= Model.search([("state", "=", state)], limit=1, order="id")
        return records

    # ----------------------------------------------------------------- values
    def _candidates(self, record, fname):
        """Values different from the record's, that a client could send."""
        field = record._fields[fname]
        current = record[fname]
        if field.type == "selection":
            values = [v for v, _label in field._description_selection(self.env)]
            others = [v for v in values if v != current]
            return others if fname == "state" else others[:1]
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "!=", current.id)], limit=1, order="id desc")
            )
            return [other.id] if other else []
        if field.type in ("one2many", "many2many"):
            if current:
                return [[Command.clear()]]
            other = self.env[field.comodel_name].sudo().search([], limit=1)
            return [[Command.link(other.id)]] if other else []
        if field.type == "boolean":
            return [not current]
        if field.type == "integer":
            return [(current or 0) + 7]
        if field.type in ("float", "monetary"):
            return [(current or 0.0) + 7.0]
        if field.type == "date":
            return ["2031-01-02"]
        if field.type == "datetime":
            return ["2031-01-02 03:04:05"]
        return ["X"]

    def _snapshot(self, record):
        record.invalidate_recordset()
        values = {}
        for fname in record._sgz_workflow_fields:
            value = record.sudo()[fname]
            if record._fields[fname].type in ("many2one", "one2many", "many2many"):
                value = tuple(value.ids)
            values[fname] = value
        return values

    def _attempt(self, call):
        """Run ``call`` in a savepoint that is always rolled back: was it accepted?"""
        with closing(self.env.cr.savepoint()), mute_logger("odoo.sql_db"):
            try:
                call()
                self.env.flush_all()
            except REFUSED:
                return False
            return True

    def _actors(self):
        """(label, environment) of every role, the administrator and the superuser."""
        actors = [(user.login, self.env(user=user, su=False)) for user in self.users]
        actors.append(("__system__ (sudo)", self.env(su=True)))
        return actors

    # ------------------------------------------------------------------ tests
    def test_every_workflow_joined_the_mechanism(self):
        models = set(guarded_models(self.env))
        self.assertLessEqual(WORKFLOW_MODELS, models)
        for name in WORKFLOW_MODELS:
            self.assertIn("state", self.env[name]._sgz_workflow_fields, name)
            self.assertTrue(self.samples[name], f"no demo record of {name}")

    def test_no_direct_write_is_accepted(self):
        accepted, changed, tried = [], [], 0
        for name, records in self.samples.items():
            for record in records:
                before = self._snapshot(record)
                for fname in record._sgz_workflow_fields:
                    for value in self._candidates(record, fname):
                        for label, env in self._actors():
                            for context in CONTEXTS:
                                tried += 1
                                target = record.with_env(env).with_context(**context)
                                if self._attempt(
                                    lambda t=target, f=fname, v=value: t.write({f: v})
                                ):
                                    accepted.append((name, record.id, fname, label))
                self.env.invalidate_all(flush=False)
                if self._snapshot(record) != before:
                    changed.append((name, record.id))
        self.assertGreater(tried, 1000)
        self.assertFalse(accepted, f"{len(accepted)} of {tried} writes accepted")
        self.assertFalse(changed)

    def test_no_copy_or_create_starts_past_the_beginning(self):
        accepted, tried = [], 0
        for name, records in self.samples.items():
            Model = self.env[name]
            for record in records:
                base = record.sudo().copy_data()[0]
                for fname in record._sgz_workflow_fields:
                    values = self._candidates(record, fname)[:1]
                    default = Model.default_get([fname]).get(fname)
                    for value in values:
                        if not value or value == default:
                            continue  # the beginning of the workflow is allowed
                        for label, env in self._actors():
                            for context in CONTEXTS:
                                tried += 2
                                target = record.with_env(env).with_context(**context)
                                if self._attempt(
                                    lambda t=target, f=fname, v=value: t.copy(
                                        default={f: v}
                                    )
                                ):
                                    accepted.append(("copy", name, fname, label))
                                vals = dict(base, **{fname: value})
                                if self._attempt(
                                    lambda t=target, v=vals: t.browse().create(v)
                                ):
                                    accepted.append(("create", name, fname, label))
        self.assertGreater(tried, 500)
        self.assertFalse(accepted, f"{len(accepted)} of {tried} attempts accepted")

    def test_a_plain_copy_starts_at_the_beginning(self):
        for name, records in self.samples.items():
            Model = self.env[name]
            defaults = Model.default_get(list(Model._sgz_workflow_fields))
            for record in records:
                with closing(self.env.cr.savepoint()), mute_logger("odoo.sql_db"):
                    try:
                        copy = record.copy()
                        self.env.flush_all()
                    except REFUSED:
                        continue  # the model refuses copies (e.g. unique terms)
                    for fname in record._sgz_workflow_fields:
                        field = record._fields[fname]
                        expected = defaults.get(fname) or False
                        value = copy[fname]
                        if field.type in ("many2one", "one2many", "many2many"):
                            value = value.ids and value.ids[0] or False
                            if field.type != "many2one":
                                expected = False
                        if fname in ("name", "code", "version"):
                            continue  # a new number from its sequence
                        self.assertEqual(
                            value or False,
                            expected,
                            f"copy of {name} {record.id} kept {fname}",
                        )

    def test_import_follows_the_same_rules(self):
        imported = []
        for name, records in self.samples.items():
            for record in records:
                before = self._snapshot(record)
                # the record's external id, as an export gives it for re-import
                xmlid = record.sudo().export_data(["id"])["datas"][0][0]
                for fname in record._sgz_workflow_fields:
                    field = record._fields[fname]
                    if field.type not in ("selection", "char", "text", "date"):
                        continue
                    value = self._candidates(record, fname)[0]
                    for label, env in self._actors():
                        Model = env[name]
                        with (
                            closing(self.env.cr.savepoint()),
                            mute_logger("odoo.sql_db"),
                        ):
                            result = Model.load(["id", fname], [[xmlid, value]])
                            if result.get("ids"):
                                imported.append((name, record.id, fname, label))
                self.env.invalidate_all(flush=False)
                self.assertEqual(self._snapshot(record), before, (name, record.id))
        self.assertFalse(imported)

    def test_a_step_still_works_and_names_the_user(self):
        """The mechanism does not get in the steps' way: the officer's own step."""
        officer = self.env.ref("sgz_stations.user_officer_demo")
        stage = (
            self.env["sgz.disbursement"]
            .with_user(officer)
            .search([("state", "=", "payable")], limit=1)
        )
        self.assertTrue(stage, "the demo has a payable stage")
        stage.action_request()
        self.assertEqual(stage.state, "requested")
        self.assertEqual(stage.requested_by, officer)
        # and a payable stage cannot be marked paid by writing it
        with self.assertRaises(UserError):
            stage.write({"state": "paid", "paid_date": date(2026, 12, 1)})

    def test_states_read_in_chinese(self):
        """Every message that names a state names it in the reader's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "in", ("sgz_stations", "sgz_procurement", "sgz_finance"))]
        )._update_translations(["zh_CN"])
        zh = self.env(context=dict(self.env.context, lang="zh_CN"))
        untranslated = []
        for name in guarded_models(self.env):
            Model = zh[name]
            if "state" not in Model._fields:
                continue
            english = dict(Model._fields["state"]._description_selection(self.env))
            for value, label in Model._fields["state"]._description_selection(zh):
                if label == english[value] or not any(
                    "\u4e00" <= ch <= "\u9fff" for ch in label
                ):
                    untranslated.append((name, value, label))
        self.assertFalse(untranslated)
        # a client that sends no language (XML-RPC) reads the refusal of a step in
        # its user's language, the state included
        officer = self.env.ref("sgz_stations.user_officer_demo")
        officer.lang = "zh_CN"
        stage = self.env["sgz.disbursement"].search(
            [("state", "=", "pending")], limit=1
        )
        no_lang = {k: v for k, v in self.env.context.items() if k != "lang"}
        with self.assertRaises(UserError) as refusal:
            stage.with_user(officer).with_context(no_lang, lang=None).action_request()
        self.assertIn("未到期", str(refusal.exception))
        self.assertNotIn("Not Yet Due", str(refusal.exception))
