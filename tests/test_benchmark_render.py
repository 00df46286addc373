"""The benchmark's table and its verdict on the targets (tools/benchmark.py), without
Odoo: a miss is named, a met target is not."""

import importlib.util
import os

from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "sgz_benchmark", os.path.join(ROOT, "tools", "benchmark.py")
)
benchmark = importlib.util.module_from_spec(spec)
spec.loader.exec_module(benchmark)


def _result(label, report_s, queries, list_queries):
    return {
        "label": label,
        "counts": {"sgz.project": 42},
        "year": 2026,
        "rows": {
            "fund_use": {
                "seconds": report_s,
                "queries": queries,
                "baseline": 0.010,
                "without_indexes": report_s * 2,
            },
            "list sgz.project": {"seconds": 0.02, "queries": list_queries},
        },
        "dropped_indexes": ["sgz_disbursement__state_index"],
    }


PEAK = {"what": "fund_use", "rows": 10, "bytes": 4096, "before_kib": 150 * 1024}
OCA = {
    "items": 170,
    "year": 2026,
    "our_seconds": 0.01,
    "our_queries": 10,
    "oca_seconds": 0.04,
    "oca_queries": 21,
}


def _last_line(text):
    return text.strip().splitlines()[-1]


def test_targets_met():
    text = benchmark.render(
        [_result("p1", 0.015, 12, 11), _result("p10", 0.019, 12, 11)],
        [{**PEAK, "peak_kib": 160 * 1024}],
        "2 cores",
        "2026-12-03",
        OCA,
    )
    assert "| 资金使用报告 | 15.0 ms | 12 | 10.0 ms | 1.5× | 19.0 ms | 12 |" in text
    assert "| 资金使用报告 | 19.0 ms | 38.0 ms | 2.00 |" in text
    assert "Ours takes 0.25× OCA's time on 170 journal items (2026)." in text
    assert _last_line(text) == "Targets missed in this run: none."


def test_each_miss_is_named():
    text = benchmark.render(
        [_result("p1", 0.015, 12, 11), _result("p10", 0.025, 13, 31)],
        [{**PEAK, "peak_kib": 600 * 1024}],
        "2 cores",
        "2026-12-03",
        "installing account_financial_report failed",
    )
    last = _last_line(text)
    assert "资金使用报告 at p10: 2.5×" in last
    assert "资金使用报告: queries [12, 13]" in last
    assert "list: projects (80 rows) at p10: 31 queries" in last
    assert "peak RSS 600 MiB" in last
    assert "the OCA comparison" in last
    assert "Not measured: installing account_financial_report failed." in text
