"""Consistency tests for the service catalogue data file (no odoo import).

The catalogue transcribes 第四部分 社会工作服务站服务清单 / 一、社会工作服务内容
of the Kunming operating guide (seed 000_aeb0cbffc783c554.txt, L352-L620).
That part has nine domains: (一)-(五) are named in the seed; the sixth and ninth
have lost both label and name in the text dump, the seventh and eighth their
name, so those names (and 基层社区治理 / 社会事务, whose names are truncated in
the dump) are reconstructed; see the comments in the XML file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
XML_PATH = REPO_ROOT / "sgz_stations" / "data" / "sgz_service_catalogue_data.xml"

DOMAIN_MODEL = "sgz.service.domain"
ITEM_MODEL = "sgz.service.item"

# (code, name, number of items), in catalogue order.
EXPECTED_DOMAINS = [
    ("assistance", "社会救助", 6),
    ("elderly", "为老服务", 5),
    ("children", "留守儿童关爱保护", 5),
    ("community", "基层社区治理", 5),
    ("social_affairs", "社会事务", 4),
    ("relocation", "易地扶贫搬迁安置点服务", 4),
    ("veterans", "退役军人服务", 3),
    ("disability", "残疾人服务", 4),
    ("workers", "企业职工服务", 4),
]

DOMAIN_FIELDS = {"name", "code", "sequence", "seed_ref"}
ITEM_FIELDS = {"domain_id", "name", "sequence", "content", "service_forms", "seed_ref"}
JUNK = ("[image", "[bookmark", "\t")
CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])[ \u3000\xa0]+(?=[^\x00-\x7f])")


def _fields(record: ET.Element) -> dict[str, ET.Element]:
    names = [field.get("name") for field in record.findall("field")]
    duplicates = [name for name, count in Counter(names).items() if count > 1]
    assert not duplicates, f"{record.get('id')}: duplicate fields {duplicates}"
    return {field.get("name"): field for field in record.findall("field")}


@pytest.fixture(scope="module")
def root() -> ET.Element:
    return ET.parse(XML_PATH).getroot()


@pytest.fixture(scope="module")
def domains(root) -> list[ET.Element]:
    return [rec for rec in root.iter("record") if rec.get("model") == DOMAIN_MODEL]


@pytest.fixture(scope="module")
def items(root) -> list[ET.Element]:
    return [rec for rec in root.iter("record") if rec.get("model") == ITEM_MODEL]


def test_root_is_noupdate_odoo(root):
    assert root.tag == "odoo"
    assert root.get("noupdate") == "1"


def test_only_catalogue_models(root, domains, items):
    records = list(root.iter("record"))
    assert records
    assert len(records) == len(domains) + len(items)


def test_record_ids_unique(root):
    ids = [rec.get("id") for rec in root.iter("record")]
    assert all(ids)
    duplicates = [rid for rid, count in Counter(ids).items() if count > 1]
    assert not duplicates


def test_domains_match_the_seed(domains):
    assert len(domains) == len(EXPECTED_DOMAINS) == 9
    found = [(_fields(rec)["code"].text, _fields(rec)["name"].text) for rec in domains]
    assert found == [(code, name) for code, name, _count in EXPECTED_DOMAINS]


def test_domain_records(domains):
    for index, rec in enumerate(domains, start=1):
        fields = _fields(rec)
        assert set(fields) == DOMAIN_FIELDS, rec.get("id")
        code = fields["code"].text
        assert re.fullmatch(r"[a-z][a-z_]*", code)
        assert rec.get("id") == f"service_domain_{code}"
        assert fields["sequence"].text == str(index * 10)
        match = re.fullmatch(r"L(\d+)-L(\d+)", fields["seed_ref"].text or "")
        assert match, rec.get("id")
        assert int(match.group(1)) < int(match.group(2))


def test_every_item_refers_to_an_existing_domain(domains, items):
    domain_ids = {rec.get("id") for rec in domains}
    for rec in items:
        ref = _fields(rec)["domain_id"].get("ref")
        assert ref in domain_ids, rec.get("id")


def test_every_domain_has_items(domains, items):
    counts = Counter(_fields(rec)["domain_id"].get("ref") for rec in items)
    for rec in domains:
        assert counts[rec.get("id")] >= 1, rec.get("id")
    expected = {f"service_domain_{code}": n for code, _name, n in EXPECTED_DOMAINS}
    assert dict(counts) == expected


def test_item_records(domains, items):
    ranges = {}
    for rec in domains:
        start, end = re.findall(r"\d+", _fields(rec)["seed_ref"].text)
        ranges[rec.get("id")] = (int(start), int(end))
    position = Counter()
    previous_line = 0
    for rec in items:
        fields = _fields(rec)
        assert set(fields) == ITEM_FIELDS, rec.get("id")
        domain_ref = fields["domain_id"].get("ref")
        position[domain_ref] += 1
        number = position[domain_ref]
        code = domain_ref.removeprefix("service_domain_")
        assert rec.get("id") == f"service_item_{code}_{number}"
        assert fields["sequence"].text == str(number * 10)
        match = re.fullmatch(r"L(\d+)", fields["seed_ref"].text or "")
        assert match, rec.get("id")
        line = int(match.group(1))
        start, end = ranges[domain_ref]
        assert start <= line <= end, rec.get("id")
        assert line > previous_line, rec.get("id")
        previous_line = line


@pytest.mark.parametrize("field_name", ["name", "content", "service_forms"])
def test_item_texts_are_clean(items, field_name):
    for rec in items:
        text = _fields(rec)[field_name].text or ""
        assert text.strip(), f"{rec.get('id')}: empty {field_name}"
        assert text == text.strip(), rec.get("id")
        assert not any(junk in text for junk in JUNK), rec.get("id")
        assert not CJK_GAP.search(text), rec.get("id")
        assert all(line.strip() == line and line for line in text.split("\n"))
        if field_name == "name":
            assert "\n" not in text
            assert not re.match(r"\d+[.．]", text), rec.get("id")


def test_domain_names_are_clean(domains):
    for rec in domains:
        name = _fields(rec)["name"].text or ""
        assert name and name == name.strip()
        assert not re.match(r"[（(]", name)
        assert not CJK_GAP.search(name)
