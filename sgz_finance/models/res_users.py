"""Accounting access comes from the roles, and from nothing else.

When ``account`` is installed, its data gives the template of new users
(``base.default_user``) the accounting administrator group, and Odoo's
``res.users.write`` copies every group added to that template onto every existing
internal user (``_apply_groups_to_existing_employees``). sgz_finance brings
``account`` in after sgz_stations, whose users (the demo's, or the bureau's real
ones) already exist: they all became accounting administrators, the agencies' staff
included, and so would every user created afterwards from the template.

The roles imply what they need (security/sgz_finance_rules.xml): officers (and so
managers) the billing group, auditors the read-only accounting group; agencies and
supervisors nothing. Only the administrator keeps accounting administration.
"""

from odoo import Command, api, models

# Odoo's accounting access groups, from the least to the most.
ACCOUNTING_GROUPS = (
    "account.group_account_readonly",
    "account.group_account_invoice",
    "account.group_account_basic",
    "account.group_account_user",
    "account.group_account_manager",
)
# What account's install gave the template and, through it, every user.
PROPAGATED = ("account.group_account_manager", "account.group_account_invoice")
AGENCY_ROLES = ("sgz_stations.group_agency_user",)
BUREAU_ROLES = (
    "sgz_stations.group_officer",
    "sgz_stations.group_supervisor",
    "sgz_stations.group_auditor",
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _sgz_unlink_groups(self, xmlids):
        """Take ``xmlids`` away; what the remaining groups imply comes back."""
        groups = [self.env.ref(x, raise_if_not_found=False) for x in xmlids]
        commands = [Command.unlink(g.id) for g in groups if g]
        if self and commands:
            self.write({"groups_id": commands})

    @api.model
    def _sgz_accounting_from_roles(self):
        """Run at every install and upgrade of sgz_finance (data, not demo):

        * the template of new users holds no accounting group: a new user gets
          accounting access from the role given to them only;
        * users of an agency role hold no accounting group: the agencies see nothing
          of the bureau's books;
        * users of a bureau role who are not administrators lose accounting
          administration (and the billing group it implied, unless their role
          implies it).
        """
        Users = self.sudo().with_context(active_test=False)
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template:
            template.sudo()._sgz_unlink_groups(PROPAGATED)
        for xmlids, strip in (
            (AGENCY_ROLES, ACCOUNTING_GROUPS),
            (BUREAU_ROLES, PROPAGATED),
        ):
            roles = [self.env.ref(x) for x in xmlids]
            users = Users.search([("groups_id", "in", [r.id for r in roles])])
            users.filtered(
                # the administrators (the superuser included, who is inactive) keep it
                lambda u, s=strip: not u.has_group("base.group_system")
                and any(u.has_group(x) for x in s)
            )._sgz_unlink_groups(strip)
        return True
