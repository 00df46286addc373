from . import test_working_days
from . import test_procurement
from . import test_procurement_reports
from . import test_year_end
from . import test_currency
from . import test_scores_and_amounts
