"""The test runner's own log reading (tools/sgz.py), without Odoo."""

import importlib.util
import os

from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "sgz_runner", os.path.join(ROOT, "tools", "sgz.py")
)
sgz = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sgz)

LOG = """\
2026-11-28 02:39:26,100 8744 INFO db_x odoo.modules.loading: loading sgz_stations
2026-11-28 02:39:26,552 8744 WARNING db_x odoo.models: some core warning
2026-11-28 02:39:26,553 8744 WARNING sgz_test_demo_1 odoo.tests.result: 0 failed, \
0 error(s) of 0 tests when loading database 'sgz_test_demo_1'
2026-11-28 02:39:27,029 8744 ERROR db_x odoo.addons.x.tests: FAIL: T.test_a
Traceback (most recent call last):
AssertionError: ERROR in a traceback line is not a log line
2026-11-28 02:39:28,000 8744 CRITICAL db_x odoo.service: Failed to initialize
2026-11-28 02:39:29,000 8744 WARNING db_x odoo.modules.loading: Module sgz_x demo \
data failed to install, installed without demo data
2026-11-28 02:39:29,100 8744 WARNING db_x odoo.addons.sgz_stations.models: odd
"""


def test_bad_log_lines():
    bad = sgz.bad_log_lines(LOG)
    assert len(bad) == 4
    assert "FAIL: T.test_a" in bad[0]
    assert "CRITICAL" in bad[1]
    assert "demo data failed to install" in bad[2]
    assert "sgz_stations.models: odd" in bad[3]


def test_database_name_alone_does_not_make_a_warning_ours():
    line = LOG.splitlines()[2]
    assert sgz.bad_log_lines(line) == []


def test_result_line():
    text = (
        "2026-11-28 02:41:28,149 9629 ERROR db odoo.tests.result: 3 failed, "
        "1 error(s) of 50 tests when loading database 'db'"
    )
    m = sgz.RESULT_RE.search(text)
    assert m.groups() == ("3", "1", "50")


def test_tally_line():
    tally = sgz.Tally()
    tally.add(3, 0)
    tally.add(5, 2)
    assert tally.line() == "8 passed, 2 failed"


def test_addons_in_dependency_order():
    assert sgz.addons()[0] == "sgz_stations"


def test_skipped_tests_are_found():
    text = (
        "2026-11-28 03:19:36,118 26836 INFO sgz_t odoo.addons.sgz_stations.tests.t: "
        "skipped TestReports.test_pdf : wkhtmltopdf is not installed\n"
        "2026-11-28 03:19:36,118 26836 INFO sgz_t odoo.modules.loading: skipped x\n"
    )
    assert sgz.SKIPPED_RE.findall(text) == [
        "TestReports.test_pdf : wkhtmltopdf is not installed"
    ]
