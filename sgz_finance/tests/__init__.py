from . import test_budget
from . import test_disbursement
from . import test_books
