"""sgz_finance/lib/report_xlsx.py: sheets, frozen header, formats, totals, splitting."""

import datetime
import io

import openpyxl
from conftest import load_lib

xlsx = load_lib("sgz_finance", "report_xlsx")

COLUMNS = [("项目", "text", 20), ("金额", "money", 14), ("次数", "int", 8)]


def _book(parts, **kw):
    content = xlsx.write_workbook(parts, ["筛选：全部", "打印日期：2026-12-03"], **kw)
    return openpyxl.load_workbook(io.BytesIO(content))


def test_sheet_header_formats_and_total():
    rows = [["A", 0.1, 1], ["B", 0.2, 2], ["C", 100000.01, 3]]
    book = _book(
        [
            {
                "sheet": "资金使用报告",
                "title": "资金使用报告",
                "columns": COLUMNS,
                "rows": rows,
                "totals": True,
                "total_label": "合计",
            }
        ]
    )
    sheet = book["资金使用报告"]
    assert sheet["A1"].value == "资金使用报告"
    assert sheet["A2"].value == "筛选：全部"
    assert sheet["A5"].value == "项目"  # header after title, 2 filter lines, blank
    assert sheet.freeze_panes == "A6"
    assert sheet["B6"].number_format == "#,##0.00"
    assert sheet["A9"].value == "合计"
    assert sheet["B9"].value == "=SUM(B6:B8)"
    assert sheet["C9"].value == "=SUM(C6:C8)"


def test_cached_total_is_exact():
    # 0.1 + 0.2 as floats is 0.30000000000000004; the cell holds 0.3
    assert xlsx.exact_sum([0.1, 0.2]) == 0.3
    assert xlsx.exact_sum([100000.01, 0.02, None]) == 100000.03


def test_split_over_sheets_and_total_sums_every_sheet():
    rows = [[f"r{i}", 1.25, 1] for i in range(7)]
    part = {
        "sheet": "登记表",
        "title": "登记表",
        "columns": COLUMNS,
        "rows": rows,
        "totals": True,
        "total_label": "合计",
    }
    # title, 2 filters, a blank line, the header and the total row leave 3 rows
    book = _book([part], max_rows=9)
    assert book.sheetnames == ["登记表", "登记表 (2)", "登记表 (3)"]
    last = book["登记表 (3)"]
    assert last["A6"].value == "r6"
    assert last["A7"].value == "合计"
    assert last["B7"].value == "=SUM('登记表'!B6:B8,'登记表 (2)'!B6:B8,B6:B6)"


def test_empty_selection_is_a_well_formed_book():
    part = {
        "sheet": "空",
        "title": "空",
        "columns": COLUMNS,
        "rows": [],
        "totals": True,
    }
    sheet = _book([part])["空"]
    assert sheet["A5"].value == "项目"
    assert sheet["B6"].value == "=0"
    assert _book([]).sheetnames == ["Report"]


def test_sheet_names_are_valid_and_unique():
    taken = set()
    assert xlsx.sheet_name("a/b:c", taken) == "a_b_c"
    assert xlsx.sheet_name("A_B_C", taken) == "A_B_C (2)"
    assert len(xlsx.sheet_name("x" * 40, taken)) == 31


def test_dates_and_blanks():
    part = {
        "sheet": "d",
        "title": "d",
        "columns": [("日期", "date", 12), ("金额", "money", 12)],
        "rows": [[datetime.date(2026, 2, 12), None]],
    }
    sheet = _book([part])["d"]
    assert sheet["A6"].value == datetime.datetime(2026, 2, 12)
    assert sheet["A6"].number_format == "yyyy-mm-dd"
    assert sheet["B6"].value is None


def test_days_are_not_summed_and_notes_follow_the_total():
    columns = [("阶段", "text", 10), ("逾期工作日", "days", 8), ("金额", "money", 12)]
    book = _book(
        [
            {
                "sheet": "拨付",
                "title": "拨付登记",
                "columns": columns,
                "rows": [["首期", 3, 100.0], ["中期", None, 50.5]],
                "totals": True,
                "total_label": "合计",
                "notes": ["节假日表尚未录入2028年，逾期工作日数留空。"],
            }
        ]
    )
    sheet = book["拨付"]
    assert sheet["B6"].value == 3
    assert sheet["B6"].number_format == "0"
    assert sheet["A8"].value == "合计"
    assert sheet["B8"].value is None  # a number of days is not a total
    assert sheet["C8"].value == "=SUM(C6:C7)"
    assert sheet["A10"].value == "节假日表尚未录入2028年，逾期工作日数留空。"


def test_exact_sum_is_to_the_cent():
    # amounts carried with more decimals than a cent are summed, then rounded
    assert xlsx.exact_sum([0.005, 0.0]) == 0.01
    assert xlsx.exact_sum([1.004, 1.004]) == 2.01
