"""English is the source language of our msgids: fill the `en` catalogue with them.

Run by `make messages` after makemessages; Vietnamese entries are translated by hand.
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent
for name in ("django.po", "djangojs.po"):
    path = LOCALE / "en" / "LC_MESSAGES" / name
    if not path.exists():
        continue
    catalogue = polib.pofile(str(path))
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save()
