"""Kept pages answered before the rest of the request's work."""

from shop.pagecache import served_early


class CachedPagesMiddleware:
    """Answers a visitor who has nothing of their own with the kept page
    (``shop.pagecache.served_early``), without the basket, the URL routing
    or the view; everyone else, and every page not kept yet, goes on.

    It sits after the session, CSRF, authentication and clickjacking
    middleware, whose work every page needs (the CSRF cookie a new
    visitor's forms rely on, the ``X-Frame-Options`` header).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = served_early(request)
        if response is None:
            response = self.get_response(request)
        return response
