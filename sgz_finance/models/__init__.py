from . import sgz_budget
from . import sgz_project
from . import sgz_disbursement
from . import sgz_accounting
from . import sgz_recovery
from . import res_users
from . import sgz_holiday
