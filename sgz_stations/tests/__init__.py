from . import test_region
from . import test_station
from . import test_agency
from . import test_social_worker
from . import test_security
from . import test_translation
