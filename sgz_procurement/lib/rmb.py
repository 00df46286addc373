"""Amounts in Chinese uppercase (大写) and figures (小写) for quotes and contracts.

No Odoo import: the models and reports call these functions, pytest checks them.

The rules are those of 中国人民银行《正确填写票据和结算凭证的基本规定》. Where the rules
allow a choice, this module always writes ONE canonical form, so that the same amount
prints the same way on every quote, notice and contract:

- Prefix ``人民币``; digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, sections 万 and 亿,
  then 元 角 分.
- A leading 拾 is written 壹拾 (10 → 人民币壹拾元整, 100000 → 人民币壹拾万元整).
- ``整`` follows 元 when there is no 角 and no 分; nothing follows 角 or 分.
- Zeros inside the integer part: a run of zeros followed by a non-zero digit is written
  as ONE 零, also when the run crosses the 万 or 亿 boundary (1004000 → 壹佰万零肆仟,
  100000001 → 壹亿零壹, 10010000 → 壹仟零壹万). The rules allow leaving that 零 out;
  this module always writes it. Trailing zeros of the integer part write nothing.
- A 万 or 亿 section whose four digits are all zero writes no 万 or 亿 (壹亿零壹).
- 元 digit 0 and 角 non-zero: no 零 between 元 and 角 (1004000.50 → …肆仟元伍角; the
  rules allow 元零伍角, this module does not write it).
- 角 zero and 分 non-zero: 零 after 元 is mandatory (1.05 → 壹元零伍分).
- Integer part zero: no 元 part at all (0.50 → 人民币伍角, 0.05 → 人民币伍分).
- Zero → 人民币零元整.

Only amounts in RMB are written in uppercase: ``rmb_upper`` refuses any other currency
(``ValueError``) and ``upper_or_none`` gives ``None`` for it, so that no dollar or euro
amount is ever printed as 人民币. Currencies are named by their ISO 4217 code (``CNY``).

Input: ``int``, ``str`` (a plain decimal number, no thousands separators) or
``Decimal``; a ``float`` only through ``Decimal(str(x))`` (0.1 → 0.1). Amounts are never
rounded: a non-zero digit after the second decimal place, a negative amount, or an
amount of 10^12 or more (not needed by the bureau) raises ``ValueError``; other types
(``None``, ``bool``…) raise ``TypeError``.
"""

from decimal import Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = {4: "万", 8: "亿"}
LIMIT = 10**12
RMB = "CNY"  # ISO 4217 code of the renminbi


def _to_cents(amount):
    """The amount as a whole number of 分; refuses anything that would need rounding."""
    if isinstance(amount, bool) or not isinstance(amount, int | str | Decimal | float):
        raise TypeError(f"unsupported amount type: {type(amount).__name__}")
    if isinstance(amount, float):
        amount = str(amount)
    if isinstance(amount, str):
        try:
            amount = Decimal(amount.strip())
        except InvalidOperation:
            raise ValueError(f"not an amount: {amount!r}") from None
    elif isinstance(amount, int):
        amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"not an amount: {amount}")
    if amount < 0:
        raise ValueError(f"negative amount: {amount}")
    if amount >= LIMIT:
        raise ValueError(f"amount too large (10^12 or more): {amount}")
    # Exact integer arithmetic on the decimal's digits: no context, no rounding.
    _sign, digits, exponent = amount.as_tuple()
    value = int("".join(map(str, digits)))
    if value == 0:
        return 0
    while value % 10 == 0:
        value //= 10
        exponent += 1
    if exponent < -2:
        raise ValueError(f"more than 2 decimal places (分): {amount}")
    return value * 10 ** (exponent + 2)


def _integer_upper(number):
    """The integer part (> 0) in uppercase, without 元."""
    text = str(number)
    out = []
    zero_pending = False
    section_has_digit = False
    for index, char in enumerate(text):
        position = len(text) - 1 - index
        digit = int(char)
        if digit:
            if zero_pending:
                out.append("零")
                zero_pending = False
            out.append(DIGITS[digit] + UNITS[position % 4])
            section_has_digit = True
        else:
            # Only zeros after a written digit can be "inside" the number.
            zero_pending = bool(out)
        if position in SECTIONS:
            if section_has_digit:
                out.append(SECTIONS[position])
            section_has_digit = False
    return "".join(out)


def is_rmb(currency):
    """Whether ``currency`` (an ISO 4217 code) is the renminbi."""
    return isinstance(currency, str) and currency.strip().upper() == RMB


def rmb_upper(amount, currency=RMB):
    """The amount in Chinese uppercase, e.g. 1004000.50 → 人民币壹佰万零肆仟元伍角.

    ``currency`` is the amount's ISO code: anything but ``CNY`` raises ``ValueError``
    (the uppercase form says 人民币; it is not written for other currencies).
    """
    if not is_rmb(currency):
        raise ValueError(f"uppercase amounts are in RMB (CNY) only: {currency!r}")
    cents = _to_cents(amount)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "人民币零元整"
    parts = ["人民币"]
    if yuan:
        parts.append(_integer_upper(yuan) + "元")
    if not jiao and not fen:
        parts.append("整")
        return "".join(parts)
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    if fen:
        if not jiao and yuan:
            parts.append("零")
        parts.append(DIGITS[fen] + "分")
    return "".join(parts)


def upper_or_none(amount, currency):
    """``rmb_upper`` for an amount in CNY; ``None`` in any other currency."""
    return rmb_upper(amount, currency) if is_rmb(currency) else None


def rmb_figures(amount):
    """The amount in figures for the 小写 line: ``1,004,000.50``."""
    cents = _to_cents(amount)
    return f"{cents // 100:,}.{cents % 100:02d}"
