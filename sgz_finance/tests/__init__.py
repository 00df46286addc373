from . import test_budget
from . import test_disbursement
from . import test_books
from . import test_workflow_integrity
from . import test_rpc_integrity
