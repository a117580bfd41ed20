"""robots.txt for the whole site."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    # The basket stays open to crawlers: a crawler's basket is empty and
    # harmless, and a page blocked here is one search engines call broken.
    lines = [
        "User-agent: *",
        "Disallow: /dashboard/",
        "Disallow: /admin/",
        "Disallow: /checkout/",
        "Disallow: /accounts/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
