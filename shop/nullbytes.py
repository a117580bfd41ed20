"""Requests that carry a NUL character are refused before any view reads them.

No page, slug, token, search or form of the shop has a use for one, and
PostgreSQL refuses to store or even compare a string holding one (a query
with it raises instead of matching nothing). One check here, for the path,
the query string, form fields and cookies, answers 400 with the shop's own
page rather than a 500 from whichever view first passes it to the database.
"""

from django.core.exceptions import BadRequest

NUL = "\x00"


def _holds_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values)
        for key, values in query_dict.lists()
    )


def carries_nul(request) -> bool:
    return (
        NUL in request.path
        or _holds_nul(request.GET)
        or (request.method == "POST" and _holds_nul(request.POST))
        or any(NUL in key or NUL in value for key, value in request.COOKIES.items())
    )


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
