"""The one rule for HTML that staff write: articles, categories and products.

Staff (and partner users, who may edit products in the dashboard) write
formatting and links; nothing they type may run in a reader's browser. Every
such text is cleaned with this nh3 policy when it is saved and again when a
page shows it, so a row written before the rule, or by a bulk update, is
never shown raw.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i",
    "del", "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "img", "table", "thead", "tbody", "tr", "th", "td", "abbr", "dl", "dt", "dd",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise(html: str) -> str:
    """Keep text formatting and links; drop scripts, handlers and bad URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
