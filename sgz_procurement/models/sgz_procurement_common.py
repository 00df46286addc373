"""Names shared by the procurement models (roles come from sgz_stations)."""

from odoo.addons.sgz_stations.models.sgz_workflow import (  # noqa: F401
    AUDITOR,
    MANAGER,
    OFFICER,
    SUPERVISOR,
    require_group,
    workflow_step,
)

METHODS = [
    ("inquiry", "Price Inquiry"),
    ("consultation", "Competitive Consultation"),
    ("single_source", "Single Source"),
    ("public_tender", "Open Tender"),
    ("invited_tender", "Invited Tender"),
]
# Methods run on the government platform: the ERP records their outcome only.
TENDERS = ("public_tender", "invited_tender")
# Compliant quotes needed before an award (DESIGN §4; 财库〔2015〕124号 lets purchased
# services continue a consultation with two).
MIN_COMPLIANT = {"inquiry": 3, "consultation": 2, "single_source": 1}
# Invited eligible suppliers needed before the announcement.
MIN_INVITED = {"inquiry": 3, "consultation": 3, "single_source": 1}
INQUIRY_MIN_WORKING_DAYS = 3  # 询价通知书发出至响应截止不少于3个工作日
CONSULTATION_MIN_DAYS = 10  # 磋商文件发出至首次响应截止不少于10日
SINGLE_SOURCE_NOTICE_WORKING_DAYS = 5  # 单一来源公示不少于5个工作日
NOTICE_WORKING_DAYS = 2  # 成交结果公告: 2 working days after the decision
QUOTE_VALID_DAYS = 60  # 询价申请函: valid until 60 days after opening (L3062)
