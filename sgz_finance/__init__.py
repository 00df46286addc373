from . import models


def post_init_hook(env):
    """Contracts signed before this addon was installed get their disbursements."""
    contracts = env["sgz.contract"].search(
        [
            ("state", "in", ("signed", "performing", "done")),
            ("disbursement_ids", "=", False),
        ]
    )
    contracts._create_disbursements()
