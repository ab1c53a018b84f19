"""Input formats per language (FORMAT_MODULE_PATH); display formats stay Django's.

Django's Vietnamese module has no input formats, so Vietnamese forms fell back to the global
list, which reads 01/12/2026 the American way (12 January). Dates here are day first in both
languages; ISO (what <input type="date"> and the admin's picker send) is always accepted, and
the ambiguous month-first forms are not accepted at all, so no date is ever silently swapped."""
