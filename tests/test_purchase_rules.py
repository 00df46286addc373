"""sgz_finance/lib/purchase_rules.py: an agency's small purchases and cash payments."""

import pytest
from conftest import load_lib

rules = load_lib("sgz_finance", "purchase_rules")


@pytest.mark.parametrize(
    "amount, needs",
    [
        (0, set()),
        (1999.99, set()),
        (2000, {"contract"}),  # 达到 2000 元: a contract, no comparison yet
        (2000.01, {"comparison", "contract"}),  # 超过 2000 元
        ("2000.00", {"contract"}),
        (15000, {"comparison", "contract"}),
    ],
)
def test_purchase_needs(amount, needs):
    assert rules.purchase_needs(amount) == needs


def test_negative_purchase_refused():
    with pytest.raises(ValueError):
        rules.purchase_needs(-1)


@pytest.mark.parametrize(
    "amount, method, issue",
    [
        (999.99, "cash", False),
        (1000, "cash", True),
        (1000, "bank", False),
        (5000, "bank", False),
    ],
)
def test_cash_payments_of_1000_or_more(amount, method, issue):
    assert rules.cash_payment_issue(amount, method) is issue
