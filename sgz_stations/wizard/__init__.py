from . import sgz_decision_wizard
