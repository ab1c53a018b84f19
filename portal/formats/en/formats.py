# English on this site: day first as in Vietnam and most of the English-speaking world
# ("1 Dec 2026", 01/12/2026); the US month-first forms are not accepted, so 01/12/2026 can
# never mean 12 January in one language and 1 December in the other.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/12/2026
    "%d %b %Y",  # 1 Dec 2026
    "%d %B %Y",  # 1 December 2026
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",  # ISO, from <input type="date"> and the admin's date picker
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d %b %Y %H:%M",
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%d",
]
