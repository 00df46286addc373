from . import test_working_days
from . import test_procurement
from . import test_procurement_reports
