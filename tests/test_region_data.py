"""Consistency tests for the Kunming region sample data (no odoo import)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CSV_PATH = REPO_ROOT / "data" / "regions" / "kunming_regions.csv"
GENERATOR = REPO_ROOT / "tools" / "gen_region_demo.py"

LEVELS = ("city", "county", "township", "village")

KUNMING_COUNTIES = {
    "五华区",
    "盘龙区",
    "官渡区",
    "西山区",
    "东川区",
    "呈贡区",
    "晋宁区",
    "安宁市",
    "富民县",
    "宜良县",
    "石林彝族自治县",
    "嵩明县",
    "禄劝彝族苗族自治县",
    "寻甸回族彝族自治县",
}


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["code", "name", "level", "parent_code"]
        return list(reader)


def test_levels_are_known(rows):
    assert {row["level"] for row in rows} <= set(LEVELS)


def test_single_city_kunming(rows):
    cities = [row for row in rows if row["level"] == "city"]
    assert len(cities) == 1
    assert cities[0]["code"] == "530100"
    assert cities[0]["name"] == "昆明市"
    assert cities[0]["parent_code"] == ""


def test_fourteen_county_level_divisions(rows):
    counties = [row for row in rows if row["level"] == "county"]
    assert len(counties) == 14
    assert {row["name"] for row in counties} == KUNMING_COUNTIES
    for row in counties:
        assert row["code"].startswith("5301")
        assert len(row["code"]) == 6
        assert row["parent_code"] == "530100"


def test_has_townships(rows):
    townships = [row for row in rows if row["level"] == "township"]
    assert len(townships) > 100
    for row in townships:
        assert row["code"].startswith(row["parent_code"])


def test_codes_unique(rows):
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))


def test_names_and_codes_non_empty(rows):
    for row in rows:
        assert row["code"].strip() == row["code"] != ""
        assert row["code"].isdigit()
        assert row["name"].strip() == row["name"] != ""


def test_parents_exist_one_level_up(rows):
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        if row["level"] == "city":
            continue
        parent = by_code.get(row["parent_code"])
        assert parent is not None, f"{row['code']}: missing parent"
        expected = LEVELS[LEVELS.index(row["level"]) - 1]
        assert parent["level"] == expected, row["code"]


def test_demo_xml_up_to_date():
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


YUNNAN_CSV = REPO_ROOT / "data" / "regions" / "yunnan_regions.csv"


def _rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_yunnan_has_the_province_sizes():
    rows = _rows(YUNNAN_CSV)
    levels = [r["level"] for r in rows]
    assert levels.count("city") == 16
    assert levels.count("county") == 129
    assert levels.count("township") == 1458
    codes = {r["code"] for r in rows}
    assert len(codes) == len(rows)
    by_code = {r["code"]: r for r in rows}
    parent_level = {"city": None, "county": "city", "township": "county"}
    for r in rows:
        if parent_level[r["level"]] is None:
            assert r["parent_code"] == ""
        else:
            assert by_code[r["parent_code"]]["level"] == parent_level[r["level"]]
            assert r["code"].startswith("53")


def test_yunnan_contains_kunming_as_is():
    yunnan = {tuple(r.values()) for r in _rows(YUNNAN_CSV)}
    kunming = {tuple(r.values()) for r in _rows(CSV_PATH)}
    assert kunming <= yunnan
