"""The public pages the bench scripts visit, found on a running shop.

Paths that need ids (a product, a category) are read from the pages
themselves, so the scripts work against any shop with the demo catalogue.
"""

import re
from urllib.request import urlopen

FIXED = {
    "home": "/",
    "catalogue": "/catalogue/",
    "categories": "/catalogue/categories/",
    "search": "/search/?q=planner",
    "basket": "/basket/",
    "login": "/accounts/login/",
    "privacy": "/privacy/",
    "terms": "/terms/",
    "refunds": "/refunds/",
    "not-found": "/this-page-is-not-here/",
}
# Pages of other parts of the shop, visited when the shop has them.
OPTIONAL = {"articles": "/articles/", "kit": "/kit/"}
# The rest of the account, for the screenshots: the password reset's later
# steps (no e-mail needed to see them) and the pages of a signed-in customer.
ACCOUNT_SIGNED_OUT = {
    "create-account": "/accounts/register/",
    "create-account-sent": "/accounts/register/check-your-inbox/",
    "create-account-used-link": "/accounts/activate/MQ/used-link/",
    "password-reset": "/password-reset/",
    "password-reset-sent": "/password-reset/done/",
    "password-reset-used-link": "/password-reset/confirm/MQ/used-link/",
    "password-reset-complete": "/password-reset/complete/",
}
ACCOUNT_SIGNED_IN = {
    "account-orders": "/accounts/orders/",
    "account-details": "/accounts/profile/",
    "account-change-details": "/accounts/profile/edit/",
    "account-change-password": "/accounts/change-password/",
    "account-delete": "/accounts/profile/delete/",
    "account-sign-out": "/accounts/logout/",
}


def public_pages(base: str) -> dict[str, str]:
    """Name -> absolute URL of each public page the shop answers."""
    pages = {name: base + path for name, path in FIXED.items()}
    catalogue = urlopen(base + "/catalogue/").read().decode()
    product = re.search(r'class="card__title"><a href="([^"]+)"', catalogue)
    if product:
        pages["product"] = base + product.group(1)
    categories = urlopen(base + "/catalogue/categories/").read().decode()
    category = re.search(r'<a href="(/catalogue/category/[^"]+)"', categories)
    if category:
        pages["category"] = base + category.group(1)
    for name, path in OPTIONAL.items():
        try:
            html = urlopen(base + path).read().decode()
        except OSError:
            continue
        pages[name] = base + path
        if name == "articles":
            article = re.search(r'<a href="(/articles/[^"/]+/)"', html)
            if article:
                pages["article"] = base + article.group(1)
    return pages
