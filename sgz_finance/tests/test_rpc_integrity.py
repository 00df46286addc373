"""The same refusals through Odoo's real HTTP stack (JSON-RPC and XML-RPC)."""

import xmlrpc.client
from datetime import date

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import DisbursementCase


@tagged("post_install", "-at_install")
class TestRpcIntegrity(DisbursementCase, HttpCase):
    """An officer marks a pending stage paid, a supervisor confirms an evaluation:
    over the wire, with the context keys the code once read, both are refused and
    change nothing; the steps themselves still work over the wire."""

    def _call(self, login, model, method, args, context=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {"context": context or {}},
            },
        )

    def test_disbursement_marked_paid_over_json_rpc(self):
        first, _second, third = self._sign()
        self.assertEqual(third.state, "pending")
        for stage in (first, third):
            for context in ({}, {"sgz_disbursement_workflow": True}):
                with (
                    self.assertRaises(JsonRpcException),
                    mute_logger("odoo.http"),
                ):
                    self._call(
                        "sgz_officer",
                        "sgz.disbursement",
                        "write",
                        [stage.ids, {"state": "paid", "paid_date": "2026-03-01"}],
                        context,
                    )
            stage.invalidate_recordset()
            self.assertNotEqual(stage.state, "paid")
            self.assertFalse(stage.paid_date)
            self.assertFalse(stage.move_id)
        # the step is reachable over the wire, and checks its rules there too
        self._call("sgz_officer", "sgz.disbursement", "action_request", [first.ids])
        first.invalidate_recordset()
        self.assertEqual(first.state, "requested")
        self.assertEqual(first.requested_by, self.officer)
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._call("sgz_officer", "sgz.disbursement", "action_pay", [first.ids])

    def test_evaluation_confirmed_over_json_and_xml_rpc(self):
        evaluation = (
            self.env["sgz.evaluation"]
            .with_user(self.supervisor)
            .create(
                {
                    "project_id": self.project.id,
                    "eval_type": "annual",
                    "date": date(2026, 6, 30),
                }
            )
        )
        for context in ({}, {"sgz_evaluation_workflow": True}):
            with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
                self._call(
                    "sgz_supervisor",
                    "sgz.evaluation",
                    "write",
                    [evaluation.ids, {"state": "confirmed"}],
                    context,
                )
        # XML-RPC, as an outside client would script it
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, "sgz_supervisor", "sgz_supervisor", {}
        )
        with self.assertRaises(xmlrpc.client.Fault), mute_logger("odoo.http"):
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                "sgz_supervisor",
                "sgz.evaluation",
                "write",
                [evaluation.ids, {"state": "confirmed", "confirm_date": "2026-07-01"}],
                {"context": {"sgz_evaluation_workflow": True}},
            )
        # a step that is not the supervisor's is refused over the wire as well
        evaluation.action_submit()
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self._call(
                "sgz_supervisor", "sgz.evaluation", "action_confirm", [evaluation.ids]
            )
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "submitted")
        self.assertFalse(evaluation.confirmed_by)
        self.assertFalse(evaluation.confirm_date)
        # the officer's confirmation, over the wire, names the officer
        self._call("sgz_officer", "sgz.evaluation", "action_confirm", [evaluation.ids])
        evaluation.invalidate_recordset()
        self.assertEqual(evaluation.state, "confirmed")
        self.assertEqual(evaluation.confirmed_by, self.officer)
