from . import test_budget
from . import test_disbursement
