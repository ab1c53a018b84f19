"""Read a Wagtail admin edit form from its HTML, as a browser without JavaScript would post it."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.skip_depth = 0  # inside <template> or <script>
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._select_value = None
        self._first_option = None
        self._textarea = None
        self._text = []

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
            return
        if not self.in_form:
            return
        if tag in ("template", "script"):
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
                return
            self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_value, self._first_option = name, None, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in attrs:
                self._select_value = value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag in ("template", "script") and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "form" and not self.skip_depth:
            self.in_form = False
        elif tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else (self._first_option or "")
            self._add(self._select, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._add(self._textarea, "".join(self._text).lstrip("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def read_form(html: str, form_id: str = "page-edit-form") -> dict:
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}
    # StreamFields are drawn by JavaScript; an empty gallery posts just its count.
    data.setdefault("gallery-count", "0")
    return data
