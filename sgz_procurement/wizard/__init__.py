from . import sgz_reason_wizard
