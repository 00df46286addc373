"""Scoring arithmetic of the evaluation table (seed L172-317) and project progress.

No Odoo import: the models call these functions and pytest checks them directly.
Scores are handled as ``Decimal`` so that 0.4-point deductions add up exactly.
"""

from datetime import date
from decimal import Decimal

# Grade bands of the table's note (L317): >= 90 优秀, 70-89 良好, 60-69 合格, <= 59
# 不合格.
# A score between bands (89.6) belongs to the lower band: it has not reached the next
# one.
GRADE_BANDS = (
    (Decimal(90), "excellent"),
    (Decimal(70), "good"),
    (Decimal(60), "pass"),
)
FAIL = "fail"


def _dec(value):
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def grade_for(total):
    """The grade code of a total score."""
    total = _dec(total)
    for floor, grade in GRADE_BANDS:
        if total >= floor:
            return grade
    return FAIL


def item_score(scoring, max_score, unit_points=0, count=0, manual=0):
    """The points an item earns.

    ``manual``: the evaluator's score as entered (the model checks its bounds).
    ``deduct_per_unit``: the maximum less ``count`` x ``unit_points``, never below
    zero ("直至扣完", L181, L187).
    ``bonus_per_unit``: ``count`` x ``unit_points`` up to the item's stated maximum
    ("每次报道2分，最高6分", L292).
    """
    max_score, unit_points, count = _dec(max_score), _dec(unit_points), _dec(count)
    if scoring == "manual":
        return _dec(manual)
    if scoring == "deduct_per_unit":
        return max(max_score - count * unit_points, Decimal(0))
    if scoring == "bonus_per_unit":
        return min(count * unit_points, max_score)
    raise ValueError(f"unknown scoring {scoring!r}")


def total_score(group_scores, complaint_points=(), veto=False, misuse_groups=()):
    """Total of an evaluation.

    ``group_scores``: {group key: points}. ``complaint_points``: the points of each
    verified complaint (5-10 each, L302). ``veto``: 一票否决 (L307) gives 0.
    ``misuse_groups``: the group keys zeroed because funds were misused (L313, the
    finance group).
    Returns (total, {group: points after the misuse rule}). The total is not floored at
    zero by complaints: a negative total is what the table gives (不合格 anyway).
    """
    groups = {
        key: (Decimal(0) if key in misuse_groups else _dec(points))
        for key, points in group_scores.items()
    }
    if veto:
        return Decimal(0), groups
    total = sum(groups.values(), Decimal(0)) - sum(
        (_dec(p) for p in complaint_points), Decimal(0)
    )
    return total, groups


def completion_ratio(actual, expected):
    """中期实际完成比例 = 实际服务人数 / 预计服务人数 (L3790-3796), in percent.

    None when nothing was expected (the ratio is undefined, not 0 % or 100 %).
    """
    if not expected:
        return None
    return float(_dec(actual) * 100 / _dec(expected))


def month_starts(date_from, date_to):
    """First days of every month that overlaps [date_from, date_to]."""
    months = []
    year, month = date_from.year, date_from.month
    while (year, month) <= (date_to.year, date_to.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def report_due_date(month_start, due_day):
    """The due date of a month's report: ``due_day`` of the following month.

    A day past the end of that month (31 in February) falls on its last day.
    """
    year, month = (
        (month_start.year + 1, 1)
        if month_start.month == 12
        else (month_start.year, month_start.month + 1)
    )
    next_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last_day = (next_next - date(year, month, 1)).days
    return date(year, month, min(due_day, last_day))
