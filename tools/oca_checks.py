"""XML, CSV, PO and manifest checks for the addons, after OCA's oca-pre-commit-hooks.

oca-pre-commit-hooks is installed by OCA from its git repository and is not published on
the package registries this project can reach, so the checks the project relies on are
implemented here (see docs/architecture.md):

- xml-syntax-error, xml-duplicate-record-id, xml-duplicate-fields,
  xml-deprecated-data-node (``<data>`` without attributes, ``<openerp>``),
  xml-deprecated-tree-attribute (``<tree>`` in 18.0, ``colors``/``fonts``),
- csv-syntax-error, csv-duplicate-record-id,
- po-syntax-error, po-duplicate-message-definition, po-python-parse-format
  (the msgstr's %-placeholders equal the msgid's),
- manifest-data-missing (a listed file does not exist), file-not-used (an XML/CSV file
  of the addon that no manifest key lists).

Usage: ``python tools/oca_checks.py ADDON [ADDON ...]``; prints one line per problem
and exits 1 when there is any.
"""

import ast
import csv
import os
import re
import sys
from collections import Counter

from lxml import etree

PLACEHOLDER_RE = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
MANIFEST_FILE_KEYS = ("data", "demo", "assets")


def check_xml(path, problems):
    try:
        tree = etree.parse(path)
    except etree.XMLSyntaxError as exc:
        problems.append(f"{path}: xml-syntax-error: {exc}")
        return []
    root = tree.getroot()
    if root.tag == "openerp":
        problems.append(f"{path}: xml-deprecated-data-node: <openerp> root")
    for data in root.iter("data"):
        if not data.attrib:
            problems.append(
                f"{path}:{data.sourceline}: xml-deprecated-data-node: <data> "
                "without attributes"
            )
    for tree_node in root.iter("tree"):
        problems.append(
            f"{path}:{tree_node.sourceline}: xml-deprecated-tree-attribute: use "
            "<list> in 18.0"
        )
    for node in root.iter("list"):
        for attr in ("colors", "fonts"):
            if attr in node.attrib:
                problems.append(
                    f"{path}:{node.sourceline}: xml-deprecated-tree-attribute: {attr}"
                )
    ids = []
    for record in root.iter("record", "template", "menuitem", "report", "act_window"):
        rid = record.get("id")
        if rid:
            ids.append((rid, record.sourceline))
        if record.tag == "record":
            names = Counter(
                (f.get("name"), f.getparent() is record)
                for f in record.findall("field")
            )
            for (name, _direct), count in names.items():
                if count > 1:
                    problems.append(
                        f"{path}:{record.sourceline}: xml-duplicate-fields: "
                        f"{rid} sets {name} {count} times"
                    )
    return ids


def check_csv(path, problems):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except (csv.Error, UnicodeDecodeError) as exc:
        problems.append(f"{path}: csv-syntax-error: {exc}")
        return []
    if not rows:
        return []
    header = rows[0]
    ids = []
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(
                f"{path}:{lineno}: csv-syntax-error: {len(row)} columns, "
                f"header has {len(header)}"
            )
        if "id" in header and row:
            ids.append((row[header.index("id")], lineno))
    return ids


def check_po(path, problems):
    import polib  # installed with Odoo's requirements

    try:
        po = polib.pofile(path)
    except (OSError, ValueError) as exc:
        problems.append(f"{path}: po-syntax-error: {exc}")
        return
    seen = Counter((e.msgctxt, e.msgid) for e in po)
    for (_ctx, msgid), count in seen.items():
        if count > 1:
            problems.append(
                f"{path}: po-duplicate-message-definition: {msgid!r} ({count} times)"
            )
    for entry in po:
        if not entry.msgstr or "python-format" not in entry.flags:
            continue
        src = sorted(PLACEHOLDER_RE.findall(entry.msgid))
        dst = sorted(PLACEHOLDER_RE.findall(entry.msgstr))
        if src != dst:
            problems.append(
                f"{path}:{entry.linenum}: po-python-parse-format: placeholders "
                f"{src} in msgid but {dst} in msgstr"
            )


def addon_files(addon):
    for folder, dirs, files in os.walk(addon):
        dirs[:] = [d for d in dirs if d not in ("static", "__pycache__", "tests")]
        for name in files:
            yield os.path.join(folder, name)


def check_addon(addon, problems):
    manifest_path = os.path.join(addon, "__manifest__.py")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = ast.literal_eval(f.read())
    listed = set()
    for key in MANIFEST_FILE_KEYS:
        entries = manifest.get(key, [])
        if isinstance(entries, dict):  # assets
            entries = [e for bundle in entries.values() for e in bundle]
        for rel in entries:
            if not isinstance(rel, str) or "*" in rel:
                continue
            rel = rel.removeprefix(f"{os.path.basename(addon)}/")
            listed.add(os.path.normpath(os.path.join(addon, rel)))
            if not os.path.exists(os.path.join(addon, rel)):
                problems.append(f"{manifest_path}: manifest-data-missing: {rel}")
    all_ids = []
    for path in sorted(addon_files(addon)):
        if path.endswith(".xml"):
            all_ids += [(i, path, n) for i, n in check_xml(path, problems)]
        elif path.endswith(".csv"):
            all_ids += [(i, path, n) for i, n in check_csv(path, problems)]
        elif path.endswith(".po") or path.endswith(".pot"):
            check_po(path, problems)
        # data/template/*.csv are read by account.chart.template._parse_csv
        chart_template = f"{os.sep}data{os.sep}template{os.sep}" in path
        if (
            path.endswith((".xml", ".csv"))
            and os.path.normpath(path) not in listed
            and not chart_template
        ):
            problems.append(f"{path}: file-not-used: not listed in the manifest")
    counts = Counter(i for i, _p, _n in all_ids)
    for rid, path, line in all_ids:
        if counts[rid] > 1:
            kind = "csv" if path.endswith(".csv") else "xml"
            problems.append(f"{path}:{line}: {kind}-duplicate-record-id: {rid}")


def main(argv):
    problems = []
    for addon in argv or []:
        check_addon(addon, problems)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
