"""What an agency's expense needs before it is posted (pure rules, no Odoo).

第六部分 社工站项目财务管理指引 四（三） lists, per kind of spending, the papers the
agency keeps beside the invoice; 二（一）1（3） forbids gifts, flowers and tea breaks
in meeting costs; 《昆明市彩票公益金使用管理办法》第十二条 lists what lottery-fund money
may never pay. The model (``sgz.agency.expense``) asks these functions and refuses.
"""

# Evidence per budget category code (the category of the budget line), with the
# guide's words; a category not listed needs the papers of "other spending"
# (四（三）（7）).
EVIDENCE = {
    # 四（三）（1） 培训费 (L4276-4277)
    "training": (
        ("notice", "培训通知、培训方案及日程"),
        ("trainers", "师资简介及资质证明"),
        ("materials", "教材讲义"),
        ("photos", "会场照片"),
        ("attendance", "参加人员名单（姓名、单位、职务、身份证号、联系电话）"),
        ("assessment", "质量评估表及汇总表、培训意见反馈、培训总结"),
        ("lecture_receipts", "讲课费签收单"),
        ("venue_bill", "会议场所消费的原始明细单据、电子结算单"),
    ),
    # 四（三）（2） 劳务费 (L4279): paid through labour payments, see sgz.labor.payment
    "labour": (
        ("timesheet", "工作内容工时记录"),
        ("pay_sheet", "劳务费支付表（签收单）"),
    ),
    # 四（三）（3） 交通费 (L4282-4283)
    "transport": (("travel_form", "报销单（人员姓名、时间、事由、起止地、费用类型）"),),
    # 四（三）（4） 会议费 (L4286)
    "meeting": (
        ("notice", "会议通知、会议日程"),
        ("materials", "会议材料"),
        ("photos", "会场照片"),
        ("contracts", "相关合同（场地使用、印刷会议资料、购买会议用品等）"),
        ("sign_in", "实际参会人员签到表（姓名、单位、职务、联系电话、通讯地址）"),
        ("summary", "会议总结或成果"),
        ("venue_bill", "会议服务单位提供的费用原始明细单据、电子结算单"),
    ),
    # 四（三）（5） 印刷、宣传费 (L4288)
    "printing": (
        ("contract", "相关合同（印刷、广告等）"),
        ("print_list", "印刷清单"),
        ("samples", "印刷样品、刊登广告的媒介资料（样刊或录像）"),
    ),
    # 四（三）（6） 材料物资支出 (L4290)
    "materials": (
        ("handover_list", "有接收人签字的款物发放清单或接收记录"),
        ("payment_record", "款项拨付记录"),
    ),
}
# 四（三）（7） 开展服务的其他支出 (L4292)
OTHER_EVIDENCE = (
    ("purchase_papers", "购买物资或服务的资料"),
    ("receipt_papers", "签收资料"),
    ("process_papers", "开展服务活动的过程资料"),
)


def evidence_items(category_code):
    """(code, name) of the papers an expense of ``category_code`` keeps."""
    return EVIDENCE.get(category_code, OTHER_EVIDENCE)


# What an expense is spent on, beyond its budget line: the uses the rules name.
USES = (
    ("ordinary", "Ordinary project spending"),
    ("meeting_extras", "Gifts, flowers or tea breaks at a meeting"),
    ("bonus", "Bonuses or allowances"),
    ("travel_abroad", "Official travel abroad"),
    ("reception", "Official reception"),
    ("official_car", "Purchase or running of an official car"),
    ("basic_expenditure", "The agency's basic expenditure"),
    ("profit_making", "Profit-making activity"),
)
# 《昆明市彩票公益金使用管理办法》第十二条
LOTTERY_FORBIDDEN = frozenset(
    {
        "bonus",
        "travel_abroad",
        "reception",
        "official_car",
        "basic_expenditure",
        "profit_making",
    }
)


def use_refusal(use, category_code, funding_source):
    """Why ``use`` may not be paid from ``funding_source`` on a line of
    ``category_code``: "meeting_extras" (二（一）1（3）), "lottery" (第十二条),
    or None."""
    if use == "meeting_extras":
        return "meeting_extras"
    if funding_source == "lottery" and use in LOTTERY_FORBIDDEN:
        return "lottery"
    return None
