#!/usr/bin/env python3
"""Merge each sgz addon's ``i18n/<addon>.pot`` into its ``i18n/zh_CN.po``.

For every addon directory ``sgz_*`` of the repository that has ``i18n/<addon>.pot``:

* translations of msgids still in the template are kept, new msgids are added with
  an empty msgstr, msgids gone from the template are dropped;
* occurrences (``#:``), extracted comments (``#.``) and flags come from the template,
  translator comments (``#``) from the existing po;
* the po is written in the template's order, with the template's header and
  ``Language: zh_CN`` / ``Plural-Forms: nplurals=1; plural=0;``.

It prints, per addon, the number of untranslated entries (empty or fuzzy) and of
translations whose ``%(name)s`` placeholders differ from the msgid's.

    python tools/update_po.py            # merge and write
    python tools/update_po.py --check    # write nothing; exit 1 if anything is
                                         # untranslated or has wrong placeholders
"""

import argparse
import re
import sys
from pathlib import Path

import polib

LANG = "zh_CN"
PLURAL_FORMS = "nplurals=1; plural=0;"
# Header fields a translator owns: kept from the existing po when it has them.
KEPT_METADATA = ("PO-Revision-Date", "Last-Translator", "Language-Team")
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[sdifr]")
REPO = Path(__file__).resolve().parent.parent


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def is_translated(entry):
    if "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def has_placeholder_mismatch(entry):
    expected = placeholders(entry.msgid)
    if entry.msgid_plural:
        translations = [t for t in entry.msgstr_plural.values() if t]
    else:
        translations = [entry.msgstr] if entry.msgstr else []
    return any(placeholders(t) != expected for t in translations)


def merge(pot, old):
    """Return a new POFile: ``pot``'s entries and order, ``old``'s translations."""
    new = polib.POFile(wrapwidth=pot.wrapwidth)
    new.header = pot.header
    new.metadata = dict(pot.metadata)
    if old is not None:
        for key in KEPT_METADATA:
            if old.metadata.get(key):
                new.metadata[key] = old.metadata[key]
    new.metadata["Language"] = LANG
    new.metadata["Plural-Forms"] = PLURAL_FORMS

    known = {}
    if old is not None:
        known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    for tmpl in pot:
        if tmpl.obsolete:
            continue
        prev = known.get((tmpl.msgctxt, tmpl.msgid))
        entry = polib.POEntry(
            msgid=tmpl.msgid,
            msgctxt=tmpl.msgctxt,
            msgid_plural=tmpl.msgid_plural,
            occurrences=list(tmpl.occurrences),
            comment=tmpl.comment,
            flags=list(tmpl.flags),
        )
        if tmpl.msgid_plural:
            entry.msgstr_plural = (
                dict(prev.msgstr_plural) if prev and prev.msgid_plural else {0: ""}
            )
        else:
            entry.msgstr = prev.msgstr if prev else ""
        if prev is not None:
            entry.tcomment = prev.tcomment
            if "fuzzy" in prev.flags and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
        new.append(entry)
    return new


def update_addon(addon_dir, check):
    """Merge one addon; return (untranslated, placeholder mismatches)."""
    name = addon_dir.name
    pot_path = addon_dir / "i18n" / f"{name}.pot"
    po_path = addon_dir / "i18n" / f"{LANG}.po"
    pot = polib.pofile(str(pot_path))
    old = polib.pofile(str(po_path)) if po_path.exists() else None
    new = merge(pot, old)

    untranslated = [e for e in new if not is_translated(e)]
    mismatched = [e for e in new if has_placeholder_mismatch(e)]
    old_ids = set() if old is None else {(e.msgctxt, e.msgid) for e in old}
    new_ids = {(e.msgctxt, e.msgid) for e in new}
    added, dropped = len(new_ids - old_ids), len(old_ids - new_ids)

    text = str(new)
    current = po_path.read_text(encoding="utf-8") if po_path.exists() else None
    changed = text != current
    if changed and not check:
        po_path.write_text(text, encoding="utf-8")
    state = "up to date"
    if changed:
        state = "would change" if check else "written"
    print(
        f"{name}: {len(new)} entries, {len(untranslated)} untranslated, "
        f"{len(mismatched)} placeholder mismatches "
        f"(+{added} new, -{dropped} obsolete; {po_path.name} {state})"
    )
    for entry in untranslated:
        print(f"  untranslated: {entry.msgid!r}")
    for entry in mismatched:
        print(f"  placeholders differ: {entry.msgid!r}")
    return len(untranslated), len(mismatched)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if an entry is untranslated or its placeholders "
        "differ from the msgid's",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=REPO,
        help="repository root holding the sgz_* addons (default: %(default)s)",
    )
    args = parser.parse_args(argv)

    addons = sorted(
        d for d in args.root.glob("sgz_*") if (d / "i18n" / f"{d.name}.pot").is_file()
    )
    if not addons:
        print(f"no sgz_* addon with an i18n/<addon>.pot under {args.root}")
        return 0
    problems = 0
    for addon_dir in addons:
        untranslated, mismatched = update_addon(addon_dir, args.check)
        problems += untranslated + mismatched
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main())
