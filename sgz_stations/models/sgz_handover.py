"""Hand-overs: a step that leaves work for another role tells that role's users.

A model joins by inheriting ``sgz.handover.mixin`` (it brings ``mail.activity.mixin``)
and returning its hand-overs from ``_sgz_handovers()``: for each, an activity type
(the xmlid of a ``mail.activity.type`` of the addon), when the record waits for it
(``waiting``), who it waits for (``users``), by when (``deadline``) and what to say
(``note``). ``_sgz_sync_handovers()`` makes the activities match the records:

* a hand-over that waits has one open activity for each of its users (who can read
  the record, in its company); users added to the role later get theirs at the next
  synchronisation;
* a hand-over that no longer waits is closed: the acting user's activity, or one of
  them, is marked done (so the chatter says who moved the record on), the copies
  of the other users of the role are removed.

It runs after every ``create`` and after every ``write`` of the fields the
hand-overs read (``_sgz_handover_fields``), whoever writes them: a step, a change
request applied, a cancellation, a cron. The hand-overs that wait on the calendar
(a brief overdue, an opening time reached, a document about to expire) are
synchronised by the model's daily job (``_sgz_cron_handovers``).

Activities are the system's notifications: they are written with ``sudo()`` (the
step was checked already) but in the acting user's name.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from odoo import api, fields, models
from odoo.osv import expression

from .sgz_cron import for_each_record
from .sgz_workflow import AGENCY, MANAGER, OFFICER, SUPERVISOR

_logger = logging.getLogger(__name__)

# The bureau's roles nest (a manager is also an officer): a task of a role goes to
# the users for whom it is the highest bureau role, a higher role only when the
# role itself has nobody in the company.
_HIGHER = {OFFICER: (MANAGER,)}


@dataclass(frozen=True)
class Handover:
    activity_type: str
    waiting: Callable
    users: Callable
    deadline: Callable | None = None
    note: Callable | None = None


def role_users(record, group, company=None):
    """The active internal users of ``group`` who work in the record's company."""
    env = record.env
    company = company or (
        record.company_id if "company_id" in record._fields else env.company
    )

    def members(xmlid):
        users = env.ref(xmlid).sudo().users.filtered(lambda u: u.active and not u.share)
        if company:
            users = users.filtered(lambda u: company in u.company_ids)
        return users

    users = members(group)
    higher = env["res.users"]
    for xmlid in _HIGHER.get(group, ()):
        higher |= members(xmlid)
    return (users - higher) or users


def named_user(user, group=None):
    """The user a record names (its officer, supervisor, lead) while they are an
    active internal user holding ``group``; else no one."""
    user = user.sudo()
    if user.active and not user.share and (group is None or user.has_group(group)):
        return user
    return user.browse()


def project_supervisor(project):
    """The supervisor named on ``project`` while they hold the supervisor role."""
    return named_user(project.supervisor_user_id, SUPERVISOR)


def agency_users(record, agency):
    """The active users of ``agency`` (its project leads and accountants)."""
    if not agency:
        return record.env["res.users"]
    return (
        record.env["res.users"]
        .sudo()
        .search([("sgz_agency_id", "=", agency.commercial_partner_id.id)])
        .filtered(lambda u: not u.share and u.has_group(AGENCY))
    )


class SgzHandoverMixin(models.AbstractModel):
    _name = "sgz.handover.mixin"
    _inherit = ["mail.activity.mixin"]
    _description = "Work Handed Over to Another Role"

    # the fields the hand-overs read: writing one of them synchronises
    _sgz_handover_fields = ("state",)

    def _sgz_handovers(self):
        """This model's hand-overs (a list of ``Handover``)."""
        return []

    def _sgz_handover_domain(self):
        """The records the daily job looks at besides those with open hand-overs
        (those whose hand-overs wait on the calendar); by default none."""
        return expression.FALSE_DOMAIN

    # ------------------------------------------------------------------ sync
    def _sgz_handover_types(self):
        return {
            h.activity_type: self.env.ref(h.activity_type)
            for h in self._sgz_handovers()
        }

    def _sgz_sync_handovers(self):
        handovers = self._sgz_handovers()
        records = self.exists()
        if not handovers or not records:
            return
        types = self._sgz_handover_types()
        Activity = self.env["mail.activity"].sudo()
        open_activities = Activity.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "in", [t.id for t in types.values()]),
            ]
        )
        by_key = defaultdict(Activity.browse)
        for activity in open_activities:
            by_key[activity.res_id, activity.activity_type_id.id] |= activity
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        to_create, to_close = [], []
        for record in records:
            for handover in handovers:
                atype = types[handover.activity_type]
                current = by_key[record.id, atype.id]
                if not handover.waiting(record):
                    if current:
                        to_close.append(current)
                    continue
                deadline = (handover.deadline and handover.deadline(record)) or today
                users = handover.users(record).filtered(
                    lambda u, r=record: r.with_user(u).has_access("read")
                )
                for user in users - current.user_id:
                    # no summary: the type's name shows, in each reader's language;
                    # the note is written in its user's
                    note = handover.note and handover.note(
                        record.with_context(lang=user.lang)
                    )
                    to_create.append(
                        {
                            "res_model_id": model_id,
                            "res_id": record.id,
                            "activity_type_id": atype.id,
                            "note": note or False,
                            "user_id": user.id,
                            "date_deadline": deadline,
                        }
                    )
                moved = current.filtered(lambda a, d=deadline: a.date_deadline != d)
                if moved:
                    moved.write({"date_deadline": deadline})
        if to_create:
            # the activity menu and the work queue tell the users; no e-mail per
            # hand-over (users need not have an address)
            Activity.with_context(mail_activity_quick_update=True).create(to_create)
        for activities in to_close:
            mine = activities.filtered(lambda a: a.user_id == self.env.user)
            done = mine or activities[:1]
            (activities - done).unlink()
            done._action_done()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sgz_sync_handovers()
        return records

    def write(self, vals):
        res = super().write(vals)
        if set(self._sgz_handover_fields).intersection(vals):
            self._sgz_sync_handovers()
        return res

    # ------------------------------------------------------------------- job
    @api.model
    def _sgz_cron_handovers(self):
        """This model's daily job: open the hand-overs that wait on the calendar and
        close the stale ones. A record that fails is logged and skipped."""
        types = self._sgz_handover_types()
        if not types:
            return self.browse()
        Model = self.sudo()
        with_open = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("activity_type_id", "in", [t.id for t in types.values()]),
                ]
            )
        )
        records = Model.browse(set(with_open.mapped("res_id"))).exists()
        records |= Model.search(self._sgz_handover_domain())
        return for_each_record(
            records, lambda recs: recs._sgz_sync_handovers(), _logger, batch=True
        )
