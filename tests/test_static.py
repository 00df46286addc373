"""Static checks of the addons: access rules, manifests, translations, data files."""

import ast
import csv
import importlib.util
import os
import re

import pytest
from conftest import ADDONS, ROOT

spec = importlib.util.spec_from_file_location(
    "oca_checks", os.path.join(ROOT, "tools", "oca_checks.py")
)
oca_checks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oca_checks)

MODEL_NAME_RE = re.compile(r"^\s+_name\s*=\s*[\"']([\w.]+)[\"']", re.M)
# A class body up to the next top-level statement: abstract models need no access rows.
CLASS_RE = re.compile(r"^class \w+\(models\.(\w+)\):\n(.*?)(?=^\S|\Z)", re.M | re.S)


def manifest(addon):
    with open(os.path.join(ROOT, addon, "__manifest__.py"), encoding="utf-8") as f:
        return ast.literal_eval(f.read())


def test_addons_present():
    assert "sgz_stations" in ADDONS


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest(addon):
    m = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", m["version"])
    assert m["license"] in {"LGPL-3", "AGPL-3"}
    assert m["installable"] is True
    for dep in m["depends"]:
        if dep.startswith("sgz_"):
            assert ADDONS.index(dep) >= 0


@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_has_access_rules(addon):
    models = set()
    for folder, _dirs, files in os.walk(os.path.join(ROOT, addon, "models")):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    for kind, body in CLASS_RE.findall(f.read()):
                        if kind != "AbstractModel":
                            # `_name = X` with X in `_inherit` extends X, as `_inherit
                            # = X` does (to join a mixin): not a model of this addon
                            inherit = re.search(r"_inherit = (.*)", body)
                            models.update(
                                n
                                for n in MODEL_NAME_RE.findall(body)
                                if not (inherit and f'"{n}"' in inherit.group(1))
                            )
    assert models, f"{addon} defines no model"
    with open(
        os.path.join(ROOT, addon, "security", "ir.model.access.csv"), encoding="utf-8"
    ) as f:
        rows = list(csv.DictReader(f))
    covered = {r["model_id:id"].split(".")[-1] for r in rows}
    missing = {m for m in models if "model_" + m.replace(".", "_") not in covered}
    assert not missing, f"models without access rules: {sorted(missing)}"


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_files_pass_xml_csv_po_checks(addon):
    problems = []
    oca_checks.check_addon(os.path.join(ROOT, addon), problems)
    assert problems == []


@pytest.mark.parametrize("addon", ADDONS)
def test_zh_cn_translation_complete(addon):
    import polib

    po_path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
    pot_path = os.path.join(ROOT, addon, "i18n", f"{addon}.pot")
    assert os.path.exists(po_path), f"{addon} has no i18n/zh_CN.po"
    po = polib.pofile(po_path)
    empty = [e.msgid for e in po if e.msgid and not e.msgstr and not e.obsolete]
    assert empty == []
    if os.path.exists(pot_path):
        pot_ids = {e.msgid for e in polib.pofile(pot_path) if e.msgid}
        missing = pot_ids - {e.msgid for e in po}
        assert not missing, f"msgids of the .pot missing from zh_CN.po: {missing}"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_message_of_the_code_is_in_the_template(addon):
    """Each ``_()`` / ``env._()`` string is extracted and in the .pot.

    The extractor evaluates a call's arguments and gives up on the rest of a file at an
    f-string among them: the messages after it would silently stay in English."""
    import warnings

    import polib
    from babel.messages.extract import extract

    pot_path = os.path.join(ROOT, addon, "i18n", f"{addon}.pot")
    pot_ids = {e.msgid for e in polib.pofile(pot_path) if e.msgid}
    missing, broken = [], []
    for folder, _dirs, files in os.walk(os.path.join(ROOT, addon)):
        if os.sep + "tests" in folder:
            continue
        for name in files:
            if not name.endswith(".py"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f, warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    found = list(
                        extract("python", f, keywords={"_": None, "_lt": None})
                    )
                except Exception as exc:  # noqa: BLE001 - any failure is the finding
                    broken.append(f"{os.path.relpath(path, ROOT)}: {exc}")
                    continue
            for _lineno, message, _comments, _context in found:
                msgid = message[0] if isinstance(message, tuple) else message
                # Odoo's exporter leaves out strings without a letter (", ")
                if msgid and any(c.isalnum() for c in msgid) and msgid not in pot_ids:
                    missing.append(f"{os.path.relpath(path, ROOT)}: {msgid!r}")
    assert not broken, broken
    assert not missing, missing


def test_checker_finds_problems(tmp_path):
    addon = tmp_path / "sgz_fake"
    (addon / "views").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        "{'name': 'x', 'data': ['views/a.xml', 'views/missing.xml']}"
    )
    (addon / "views" / "a.xml").write_text(
        '<odoo><data><record id="r" model="m"><field name="x"/><field name="x"/>'
        '</record><record id="r" model="m"/></data><tree/></odoo>'
    )
    (addon / "views" / "b.xml").write_text("<odoo>")
    problems = []
    oca_checks.check_addon(str(addon), problems)
    text = "\n".join(problems)
    for code in (
        "manifest-data-missing",
        "xml-deprecated-data-node",
        "xml-duplicate-fields",
        "xml-duplicate-record-id",
        "xml-deprecated-tree-attribute",
        "xml-syntax-error",
        "file-not-used",
    ):
        assert code in text, code


def test_checker_po_placeholders(tmp_path):
    po = tmp_path / "zh_CN.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#, python-format\n"
        'msgid "%(count)s volunteers"\nmsgstr "%(cnt)s 名志愿者"\n',
        encoding="utf-8",
    )
    problems = []
    oca_checks.check_po(str(po), problems)
    assert problems and "po-python-parse-format" in problems[0]
