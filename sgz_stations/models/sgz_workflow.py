"""One mechanism for every workflow: its fields are written by its own steps only.

A model joins by inheriting ``sgz.workflow.mixin`` and listing, in
``_sgz_workflow_fields``, the fields that only its steps may write: the state, who
decided, when and with which opinion, dates and amounts a step sets, links to what a
step posts. Outside a step, ``create`` refuses them (except their default value),
``write`` refuses them from every user (the superuser and the administrator
included), ``copy`` resets them and ``load`` (import) goes through the same two
methods.

A step is a public ``action_*`` method that checks the caller's role
(``require_group``) and the current state (``_sgz_require_state``), then writes
through ``_sgz_step_write`` / ``_sgz_step_create`` or inside ``with
self._sgz_step():``. The permission to write the guarded fields is a
``contextvars.ContextVar`` set for the duration of that Python call: it is not part
of the ORM context, so no RPC client can send it, and the methods that set it start
with ``_`` so no RPC client can call them (``odoo.models.check_method_name``). The
step runs as the user who took it, so the chatter and the who-decided fields name
that user.
"""

import contextlib
import contextvars

from odoo import api, models
from odoo.exceptions import UserError

# Names of the models whose step is running in this thread, for this call only.
_STEPS = contextvars.ContextVar("sgz_workflow_steps", default=frozenset())

OFFICER = "sgz_stations.group_officer"
SUPERVISOR = "sgz_stations.group_supervisor"
MANAGER = "sgz_stations.group_manager"
AGENCY = "sgz_stations.group_agency_user"
ACCOUNTANT = "sgz_stations.group_agency_accountant"
AUDITOR = "sgz_stations.group_auditor"


def reader_env(env):
    """``env`` in the reader's language: the request's, else the user's.

    ``_()`` falls back to the user's language when the context names none (an
    XML-RPC client), ``env._`` and selection labels do not: messages built here use
    this environment so that the sentence and the labels in it speak one language.
    """
    if env.lang:
        return env
    return env(context=dict(env.context, lang=env.user.lang or "en_US"))


def list_separator(env):
    """How the reader's language separates the items of a list ("、" in Chinese).

    Odoo does not export a translatable string without a letter, so ``_(", ")`` would
    stay English in every language."""
    return "、" if (env.lang or "").startswith("zh") else ", "


def require_group(env, *groups):
    """Refuse a workflow step to a user in none of ``groups``."""
    if env.su or any(env.user.has_group(g) for g in groups):
        return
    env = reader_env(env)
    names = list_separator(env).join(env.ref(g).name for g in groups)
    raise UserError(
        env._(
            "You are not allowed to take this step; it needs one of these roles: "
            "%(groups)s.",
            groups=names,
        )
    )


def in_step(name):
    """True while a step that may write ``name``'s guarded fields is running."""
    return name in _STEPS.get()


@contextlib.contextmanager
def workflow_step(*model_names):
    """Let the running step write the guarded fields of ``model_names``."""
    token = _STEPS.set(_STEPS.get() | frozenset(model_names))
    try:
        yield
    finally:
        _STEPS.reset(token)


class SgzWorkflowMixin(models.AbstractModel):
    _name = "sgz.workflow.mixin"
    _description = "Workflow Fields Written by Their Steps Only"

    # The fields only this model's steps write; each model lists its own.
    _sgz_workflow_fields = ()

    # ----------------------------------------------------------------- steps
    def _sgz_step(self):
        """``with record._sgz_step():`` the block may write the guarded fields."""
        return workflow_step(self._name)

    def _sgz_in_step(self):
        return in_step(self._name)

    def _sgz_step_write(self, vals):
        with self._sgz_step():
            return self.write(vals)

    def _sgz_step_create(self, vals_list):
        with self._sgz_step():
            return self.create(vals_list)

    def _sgz_state_label(self, state=None, field="state"):
        """A selection value as the reader reads it (their language)."""
        selection = dict(
            self._fields[field]._description_selection(reader_env(self.env))
        )
        value = self[field] if state is None else state
        return selection.get(value, value or "")

    def _sgz_require_state(self, *states, message=None):
        """Refuse the step unless every record is in one of ``states``.

        ``message`` may name the record (``%(record)s``), its state (``%(state)s``)
        and the states the step needs (``%(needed)s``).
        """
        env = reader_env(self.env)
        for record in self:
            if record.state in states:
                continue
            values = {
                "record": record.display_name,
                "state": record._sgz_state_label(),
                "needed": env._(" or ").join(
                    record._sgz_state_label(s) for s in states
                ),
            }
            if message:
                raise UserError(message % values)
            raise UserError(
                env._(
                    "%(record)s is %(state)s; this step needs it to be %(needed)s.",
                    **values,
                )
            )

    # ------------------------------------------------------------- the guard
    def _sgz_refuse_workflow_fields(self, names, operation="write"):
        # who may not touch the record at all is told so first (as Odoo would)
        self.check_access(operation)
        env = reader_env(self.env)
        labels = list_separator(env).join(
            sorted(self._fields[n]._description_string(env) for n in names)
        )
        raise UserError(
            env._(
                "%(fields)s of %(model)s are set by the workflow steps only (the "
                "buttons on the form); they cannot be written directly.",
                fields=labels,
                model=env["ir.model"]._get(self._name).name,
            )
        )

    def _sgz_is_default(self, fname, value, defaults):
        """An empty value or the field's default is not a move of the workflow."""
        if not value:
            return True
        field = self._fields[fname]
        default = defaults.get(fname)
        if field.type == "many2one" and isinstance(value, models.BaseModel):
            value = value.id
        return default is not None and value == default

    def _sgz_check_workflow_vals(self, vals_list):
        """Refuse new records that would start past the beginning of the workflow.

        ``create`` calls it outside a step; a model whose ``create`` fills guarded
        fields itself (a number from a sequence) calls it first, then creates inside
        ``_sgz_step()``.
        """
        if self._sgz_in_step():
            return
        guarded = set(self._sgz_workflow_fields)
        defaults = None
        for vals in vals_list:
            names = guarded.intersection(vals)
            if not names:
                continue
            if defaults is None:
                defaults = self.default_get(list(guarded))
            bad = {n for n in names if not self._sgz_is_default(n, vals[n], defaults)}
            if bad:
                self._sgz_refuse_workflow_fields(bad, "create")

    @api.model_create_multi
    def create(self, vals_list):
        if self._sgz_workflow_fields:
            self._sgz_check_workflow_vals(vals_list)
        return super().create(vals_list)

    def _sgz_check_workflow_write(self, vals):
        """Refuse the guarded fields in ``vals`` outside a step.

        ``write`` calls it; a model whose ``write`` adds guarded values itself (who
        reviewed) calls it first, then writes inside ``_sgz_step()``.
        """
        if self._sgz_in_step():
            return
        names = set(self._sgz_workflow_fields).intersection(vals)
        if names:
            self._sgz_refuse_workflow_fields(names)

    def write(self, vals):
        if self._sgz_workflow_fields:
            self._sgz_check_workflow_write(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        # a copy starts at the beginning of the workflow (create refuses any guarded
        # value asked for in ``default``)
        vals_list = super().copy_data(default)
        asked = set(default or ())
        for vals in vals_list:
            for fname in self._sgz_workflow_fields:
                if fname not in asked:
                    vals.pop(fname, None)
        return vals_list
