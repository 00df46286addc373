"""The workbook of a report: one sheet per part, filters on top, frozen header.

A part is a dict::

    {
        "sheet": "资金使用报告",          # sheet name (cut to 31 characters)
        "title": "资金使用报告",          # first line of the sheet
        "columns": [(label, kind, width), ...],
        "rows": [[value, ...], ...],      # kinds below
        "totals": True,                   # a total row under the money/int columns
        "total_label": "合计",
        "empty_label": "无记录",          # written under the header when no row
        "notes": ["..."],                 # lines written under the table
    }

Kinds: ``text``, ``money``, ``int`` (a count, summed), ``days`` (a number of days,
never summed), ``percent``, ``date``.

Money is written with two decimals (``#,##0.00``); a total is a ``SUM`` formula over
its column whose cached value is the exact sum (``Decimal`` over the cents), so that
a reader without a formula engine sees the same figure. A part with more rows than
one sheet holds is continued on sheets named "<sheet> (2)", "<sheet> (3)", ...; the
total row closes the last one and sums every sheet. Rows are streamed
(xlsxwriter's constant-memory mode): memory does not grow with the rows.

Pure Python (no Odoo): tested in ``tests/test_report_xlsx.py``.
"""

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

# Excel's limit is 1,048,576 rows; the title, filters and header take HEADER_ROWS.
MAX_SHEET_ROWS = 1048576
FORBIDDEN_SHEET_CHARS = "[]:*?/\\"
KINDS = ("text", "money", "int", "days", "percent", "date")
SUMMED = ("money", "int")


def sheet_name(name, taken):
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    clean = "".join("_" if c in FORBIDDEN_SHEET_CHARS else c for c in name)[:31]
    clean = clean or "Sheet"
    candidate, n = clean, 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = clean[: 31 - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def exact_sum(values):
    """The sum of amounts to the cent, as a float fit for a cell (no float drift)."""
    total = sum((Decimal(str(v or 0)) for v in values), Decimal("0"))
    return float(total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def write_workbook(parts, filters, max_rows=MAX_SHEET_ROWS):
    """The bytes of the workbook of ``parts``; ``filters`` is a list of text lines
    (the organisation, the selection, the date of printing) put above each header."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"constant_memory": True, "in_memory": True})
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        ),
        "text": book.add_format({}),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "int": book.add_format({"num_format": "0"}),
        "days": book.add_format({"num_format": "0"}),
        "percent": book.add_format({"num_format": "0.00"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "total_text": book.add_format({"bold": True, "top": 1}),
        "total_money": book.add_format(
            {"bold": True, "top": 1, "num_format": "#,##0.00"}
        ),
        "total_int": book.add_format({"bold": True, "top": 1, "num_format": "0"}),
    }
    taken = set()
    for part in parts:
        _write_part(book, part, filters, fmt, taken, max_rows)
    if not parts:
        book.add_worksheet(sheet_name("Report", taken))
    book.close()
    return output.getvalue()


def _write_part(book, part, filters, fmt, taken, max_rows):
    columns = part["columns"]
    for _label, kind, _width in columns:
        if kind not in KINDS:
            raise ValueError(f"unknown column kind {kind!r}")
    header_row = 1 + len(filters) + 1  # title, filters, a blank line
    room = max_rows - header_row - 2  # the header and the total row
    rows = part["rows"]
    chunks = [rows[i : i + room] for i in range(0, len(rows), room)] or [[]]
    sheets = []
    for chunk in chunks:
        sheet = book.add_worksheet(sheet_name(part["sheet"], taken))
        sheets.append(sheet)
        sheet.write_string(0, 0, part["title"], fmt["title"])
        for i, line in enumerate(filters, start=1):
            sheet.write_string(i, 0, line)
        for col, (_label, _kind, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        for col, (label, _kind, _width) in enumerate(columns):
            sheet.write_string(header_row, col, label, fmt["header"])
        sheet.freeze_panes(header_row + 1, 0)
        for r, values in enumerate(chunk, start=header_row + 1):
            for col, (_label, kind, _width) in enumerate(columns):
                _write_cell(sheet, r, col, kind, values[col], fmt)
    empty_label = not rows and part.get("empty_label")
    if empty_label:
        sheets[-1].write_string(header_row + 1, 0, empty_label)
    end_row = header_row + 1 + len(chunks[-1]) + (1 if empty_label else 0)
    if part.get("totals") and columns:
        _write_totals(part, sheets, chunks, header_row, end_row, fmt)
        end_row += 1
    for offset, line in enumerate(part.get("notes") or []):
        sheets[-1].write_string(end_row + 1 + offset, 0, line)


def _write_totals(part, sheets, chunks, header_row, total_row, fmt):
    """The total row under the last sheet: a SUM over every sheet of the part per
    summed column, its cached value the exact sum."""
    columns, rows = part["columns"], part["rows"]
    last = sheets[-1]
    last.write_string(
        total_row, 0, part.get("total_label") or "Total", fmt["total_text"]
    )
    for col, (_label, kind, _width) in enumerate(columns):
        if kind not in SUMMED or col == 0:
            continue
        letter = xl_col_to_name(col)
        ranges = []
        for sheet, chunk in zip(sheets, chunks, strict=True):
            if not chunk:
                continue
            first, end = header_row + 2, header_row + 1 + len(chunk)
            prefix = "" if sheet is last else f"'{sheet.get_name()}'!"
            ranges.append(f"{prefix}{letter}{first}:{letter}{end}")
        value = exact_sum(values[col] for values in rows)
        if kind == "int":
            value = int(value)
        formula = f"=SUM({','.join(ranges)})" if ranges else "=0"
        last.write_formula(total_row, col, formula, fmt[f"total_{kind}"], value)


def _write_cell(sheet, row, col, kind, value, fmt):
    if value is None or value is False or value == "":
        sheet.write_blank(row, col, None, fmt[kind] if kind != "text" else None)
    elif kind in ("money", "percent"):
        sheet.write_number(row, col, float(value), fmt[kind])
    elif kind in ("int", "days"):
        sheet.write_number(row, col, int(value), fmt[kind])
    elif kind == "date":
        if isinstance(value, datetime.datetime):
            value = value.date()
        sheet.write_datetime(
            row, col, datetime.datetime.combine(value, datetime.time()), fmt["date"]
        )
    else:
        sheet.write_string(row, col, str(value))
