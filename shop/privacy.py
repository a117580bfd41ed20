"""Pages that are one person's own are never kept by a shared cache."""

from django.utils.cache import add_never_cache_headers


class SignedInPagesArePrivateMiddleware:
    """Whatever a signed-in customer or member of staff is shown (orders,
    download links, the account, the dashboard) is sent `Cache-Control:
    private, no-store`, so that no proxy or CDN keeps it for someone else.
    Anonymous pages that carry one buyer's secrets (checkout, download and
    kit links) say so in their own views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
