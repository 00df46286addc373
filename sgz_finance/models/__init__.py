from . import sgz_budget
from . import sgz_project
from . import sgz_disbursement
