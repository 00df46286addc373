from . import res_partner
from . import sgz_qualification_document
from . import sgz_procurement
from . import sgz_quote
from . import sgz_contract
from . import sgz_holiday
