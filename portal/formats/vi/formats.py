# Vietnamese: ngày/tháng/năm, e.g. 01/12/2026 is 1 December 2026.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 01/12/2026
    "%d-%m-%Y",  # 01-12-2026 (Django's SHORT_DATE_FORMAT for vi)
    "%d.%m.%Y",  # 01.12.2026
    "%d/%m/%y",  # 01/12/26
    "%Y-%m-%d",  # ISO, from <input type="date"> and the admin's date picker
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%H:%M %d/%m/%Y",  # Django's SHORT_DATETIME_FORMAT order for vi
    "%d-%m-%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%d",
]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%Hh%M", "%Hg%M"]

# Django's vi formats name "." as the thousands separator but leave grouping off, so
# floatformat(…, "g") wrote "12000 kg" where Vietnamese writes "12.000 kg".
NUMBER_GROUPING = 3
