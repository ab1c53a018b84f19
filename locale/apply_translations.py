"""Merge Vietnamese translations into locale/vi, e.g. after `make messages`.

    python locale/apply_translations.py translations.json
JSON maps msgid → msgstr (or → [singular, plural] for plural entries). Entries are
matched by msgid (and msgctxt when given as "context\u0004msgid"); fuzzy flags are cleared
for every entry this sets. Prints what is still untranslated.
"""

import fcntl
import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent / "vi" / "LC_MESSAGES" / "django.po"


def main(path: str, po_path: Path = PO) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    # The same lock as `make messages`, so parallel work never clobbers the catalogue.
    with open("/tmp/xuthanh-messages.lock", "w") as lock:  # noqa: S108
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            key = f"{entry.msgctxt}\u0004{entry.msgid}" if entry.msgctxt else entry.msgid
            value = translations.get(key, translations.get(entry.msgid))
            if value is None:
                continue
            if entry.msgid_plural:
                forms = value if isinstance(value, list) else [value]
                entry.msgstr_plural = {0: forms[0]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        catalogue.save()
    missing = [e.msgid for e in catalogue if not e.translated() and not e.obsolete]
    print(f"{po_path.name}: {len(missing)} untranslated")
    for msgid in missing:
        print("  ", msgid)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else PO)
