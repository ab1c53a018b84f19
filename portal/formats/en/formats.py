# English on this site: day first as in Vietnam and most of the English-speaking world
# ("1 Dec 2026", 01/12/2026); the US month-first forms are not accepted, so 01/12/2026 can
# never mean 12 January in one language and 1 December in the other.
# Shown: "2 December 2026" and "2 Dec 2026", never Django's US "Dec. 2, 2026" or 12/02/2026.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
FIRST_DAY_OF_WEEK = 1  # Monday

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
