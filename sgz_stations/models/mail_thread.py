from odoo import models

from .sgz_workflow import reader_env


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The chatter says 「社工站 创建」, not 「Social Work Station 创建」.

        The message names the model in the language its sentence is written in.
        Without a language in the context (data loading, jobs, XML-RPC) ``_()`` takes
        the user's while a translated field is read in English; both now take the
        user's (``reader_env``)."""
        if self.env.lang:
            return super()._creation_message()
        thread = self.with_env(reader_env(self.env))
        return super(MailThread, thread)._creation_message()
