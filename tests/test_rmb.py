from decimal import Decimal

import pytest
from conftest import load_lib

rmb = load_lib("sgz_procurement", "rmb")


@pytest.mark.parametrize(
    "amount, upper",
    [
        # The acceptance example and the brief's examples.
        ("1004000.50", "人民币壹佰万零肆仟元伍角"),
        (100000001, "人民币壹亿零壹元整"),
        (1000400, "人民币壹佰万零肆佰元整"),
        (10010000, "人民币壹仟零壹万元整"),
        ("107000.53", "人民币壹拾万零柒仟元伍角叁分"),
        (16, "人民币壹拾陆元整"),
        (10, "人民币壹拾元整"),
        (100000, "人民币壹拾万元整"),
        ("1.05", "人民币壹元零伍分"),
        ("1680.02", "人民币壹仟陆佰捌拾元零贰分"),
        ("0.50", "人民币伍角"),
        (Decimal("0.50"), "人民币伍角"),
        ("0.05", "人民币伍分"),
        (0, "人民币零元整"),
        (Decimal("0.00"), "人民币零元整"),
        # Zeros inside amounts.
        ("1000000000.01", "人民币壹拾亿元零壹分"),
        ("20000000.00", "人民币贰仟万元整"),
        ("30405.00", "人民币叁万零肆佰零伍元整"),
        ("1010.10", "人民币壹仟零壹拾元壹角"),
        ("200001.00", "人民币贰拾万零壹元整"),
        ("1000.01", "人民币壹仟元零壹分"),
        ("0.01", "人民币壹分"),
        ("0.10", "人民币壹角"),
        # Sections, units and the 角/分 combinations.
        (1, "人民币壹元整"),
        (101, "人民币壹佰零壹元整"),
        (110, "人民币壹佰壹拾元整"),
        (1001, "人民币壹仟零壹元整"),
        (10000, "人民币壹万元整"),
        (10001, "人民币壹万零壹元整"),
        (100010, "人民币壹拾万零壹拾元整"),
        (1100000, "人民币壹佰壹拾万元整"),
        (100000000, "人民币壹亿元整"),
        (100010000, "人民币壹亿零壹万元整"),
        (110000000, "人民币壹亿壹仟万元整"),
        (1000000001, "人民币壹拾亿零壹元整"),
        (
            "999999999999.99",
            "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
        ("100000000000", "人民币壹仟亿元整"),
        ("350000.00", "人民币叁拾伍万元整"),
        ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),
        ("6007.14", "人民币陆仟零柒元壹角肆分"),
        ("0.55", "人民币伍角伍分"),
        ("10.00", "人民币壹拾元整"),
        ("20.50", "人民币贰拾元伍角"),
        ("1.500", "人民币壹元伍角"),
        (" 12.3 ", "人民币壹拾贰元叁角"),
        ("1E+4", "人民币壹万元整"),
        (0.1, "人民币壹角"),
        (1234.56, "人民币壹仟贰佰叁拾肆元伍角陆分"),
        (Decimal("-0"), "人民币零元整"),
    ],
)
def test_rmb_upper(amount, upper):
    assert rmb.rmb_upper(amount) == upper


@pytest.mark.parametrize(
    "amount, figures",
    [
        ("1004000.50", "1,004,000.50"),
        (0, "0.00"),
        ("0.5", "0.50"),
        (Decimal("1000000000.01"), "1,000,000,000.01"),
        (999, "999.00"),
        (1000, "1,000.00"),
        (0.1, "0.10"),
    ],
)
def test_rmb_figures(amount, figures):
    assert rmb.rmb_figures(amount) == figures


@pytest.mark.parametrize(
    "amount",
    [
        "1.005",
        Decimal("0.001"),
        "12.3456",
        "1.0000000000000000000000000000001",
        0.001,
        -1,
        "-0.01",
        Decimal("-5"),
        10**12,
        "1000000000000.00",
        "1E+12",
        "abc",
        "",
        "1,000.00",
        "NaN",
        Decimal("Infinity"),
        float("inf"),
        float("nan"),
    ],
)
def test_refused(amount):
    with pytest.raises(ValueError):
        rmb.rmb_upper(amount)
    with pytest.raises(ValueError):
        rmb.rmb_figures(amount)


@pytest.mark.parametrize("amount", [None, True, [1]])
def test_wrong_type(amount):
    with pytest.raises(TypeError):
        rmb.rmb_upper(amount)


def test_rmb_upper_in_cny_only():
    assert rmb.is_rmb("CNY")
    assert rmb.is_rmb(rmb.RMB)
    assert rmb.rmb_upper("1004000.50", "CNY") == "人民币壹佰万零肆仟元伍角"
    assert rmb.upper_or_none(16, "CNY") == "人民币壹拾陆元整"


@pytest.mark.parametrize("currency", ["USD", "EUR", "HKD", "RMB", "", None, False])
def test_rmb_upper_refuses_other_currencies(currency):
    # 人民币 is never written on an amount in another currency
    assert not rmb.is_rmb(currency)
    with pytest.raises(ValueError):
        rmb.rmb_upper(100, currency)
    assert rmb.upper_or_none(100, currency) is None
    # the figures do not name a currency and stay available
    assert rmb.rmb_figures(100) == "100.00"


def test_upper_or_none_still_refuses_bad_amounts():
    with pytest.raises(ValueError):
        rmb.upper_or_none("1.005", "CNY")
