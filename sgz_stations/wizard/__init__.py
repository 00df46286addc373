from . import sgz_decision_wizard
from . import sgz_project_terminate
