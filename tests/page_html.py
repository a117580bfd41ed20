"""What the page cache's tests read off a page: the CSRF tokens its forms
carry and the header's basket count."""

import re

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BASKET_COUNT = re.compile(r'<span class="basket-count">(\d+)</span>')


def csrf_tokens(html: str) -> list[str]:
    return TOKEN.findall(html)


def basket_count(html: str) -> str:
    return BASKET_COUNT.search(html).group(1)
