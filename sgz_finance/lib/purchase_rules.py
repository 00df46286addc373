"""What an agency's own purchase needs. No Odoo import.

The guide: 第六部分 三（二）2 (purchases) and 四（一） (payments).

* a purchase of goods or services of more than 2,000 needs an inquiry or comparison
  record (suppliers asked, requirements, quotes, decision);
* one of 2,000 or more needs a signed contract;
* a single payment of 1,000 or more is made by bank transfer (the guide advises it: a
  warning, or a refusal where the agency's setting says so).

The guide writes "超过 2000 元" for the comparison and "达到 2000 元以上" for the
contract: exactly 2,000 needs a contract but no comparison. Amounts are compared exactly
(``Decimal``). Not wired into a model yet (issue 11).
"""

from decimal import Decimal

COMPARISON_ABOVE = Decimal(2000)
CONTRACT_FROM = Decimal(2000)
BANK_TRANSFER_FROM = Decimal(1000)


def dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def purchase_needs(amount):
    """The records a purchase of ``amount`` needs: a set of ``comparison``,
    ``contract``."""
    amount = dec(amount)
    if amount < 0:
        raise ValueError("a purchase amount is not negative")
    needs = set()
    if amount > COMPARISON_ABOVE:
        needs.add("comparison")
    if amount >= CONTRACT_FROM:
        needs.add("contract")
    return needs


def cash_payment_issue(amount, method):
    """``True`` when a payment of ``amount`` by ``method`` (``cash`` or ``bank``)
    should have been a bank transfer."""
    return method == "cash" and dec(amount) >= BANK_TRANSFER_FROM
