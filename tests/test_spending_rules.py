"""sgz_finance/lib/spending_rules.py: evidence per kind of spending, forbidden uses."""

import pytest
from conftest import load_lib

rules = load_lib("sgz_finance", "spending_rules")


def test_evidence_per_category():
    training = dict(rules.evidence_items("training"))
    assert "讲课费签收单" in training.values()  # 四（三）（1） L4276-4277
    meeting = dict(rules.evidence_items("meeting"))
    assert any("签到表" in name for name in meeting.values())  # L4286
    materials = dict(rules.evidence_items("materials"))
    assert any("接收人签字" in name for name in materials.values())  # L4290
    # a category the guide gives no list for keeps the papers of "other spending"
    assert rules.evidence_items("rent") == rules.OTHER_EVIDENCE
    for code in ("training", "labour", "transport", "meeting", "printing", "materials"):
        codes = [c for c, _n in rules.evidence_items(code)]
        assert len(codes) == len(set(codes)), code


@pytest.mark.parametrize(
    "use, category, source, refusal",
    [
        ("ordinary", "meeting", "lottery", None),
        ("meeting_extras", "meeting", "fiscal", "meeting_extras"),  # L4208
        ("meeting_extras", "training", "lottery", "meeting_extras"),
        ("reception", "meeting", "lottery", "lottery"),  # 第十二条
        ("reception", "meeting", "provincial", None),
        ("bonus", "sw_pay", "lottery", "lottery"),
        ("official_car", "transport", "lottery", "lottery"),
        ("profit_making", "other", "lottery", "lottery"),
        ("basic_expenditure", "management", "fiscal", None),
    ],
)
def test_use_refusal(use, category, source, refusal):
    assert rules.use_refusal(use, category, source) == refusal


def test_every_lottery_forbidden_use_is_a_use():
    assert rules.LOTTERY_FORBIDDEN <= {code for code, _label in rules.USES}
