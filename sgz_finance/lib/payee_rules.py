"""Who a labour payee is: the resident ID number of the 劳务费支付表 (第六部分
二（一）1（4）). No Odoo import (python-stdnum is one of Odoo's requirements).

A number is kept only if its GB 11643 check digit and its birth date are right; the
reason it is refused is returned as a code for the model to word in the reader's
language. Not wired into a model yet (issue 11).
"""

import datetime

from stdnum import exceptions
from stdnum.cn import ric

REASONS = {
    exceptions.InvalidLength: "length",
    exceptions.InvalidFormat: "format",
    exceptions.InvalidChecksum: "check_digit",
    exceptions.InvalidComponent: "birth_date_or_region",
}


def check_resident_id(number, on_date=None):
    """``(compact number, None)`` when valid, else ``(None, reason)``; reason is one of
    ``length``, ``format``, ``check_digit``, ``birth_date_or_region`` (no such date or
    region code) and ``birth_date`` (born after ``on_date``, today by default)."""
    try:
        compact = ric.validate(number or "")
    except exceptions.ValidationError as error:
        for kind, reason in REASONS.items():
            if isinstance(error, kind):
                return None, reason
        return None, "format"
    if len(compact) != 18:
        # the 15-digit numbers of the first generation carry no check digit
        return None, "length"
    birth = ric.get_birth_date(compact)
    if birth > (on_date or datetime.date.today()):
        return None, "birth_date"
    return compact, None
