from . import res_users
from . import sgz_region
from . import sgz_service_catalogue
from . import res_partner
from . import sgz_station
from . import sgz_social_worker
