"""What a browser would post from a page's form, untouched: every field with
its current value (checked boxes, selected options, textarea text).

Standard library only, so the benches can use it as the tests do."""

from html.parser import HTMLParser

PRODUCT_EDITOR = "create_update_product_form"


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.fields = {}
        self._form_id = form_id
        self._in_form = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self._form_id:
            self._in_form = True
        if not self._in_form or "name" not in attrs and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
                return
            self.fields[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(page: str, *, form_id: str) -> dict:
    """The fields of the form with this id, by name."""
    parser = _FormFields(form_id)
    parser.feed(page)
    return parser.fields
