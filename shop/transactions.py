"""Which requests run in one database transaction, when the database is SQLite.

SQLite lets one connection write at a time. A transaction that reads first
and writes later cannot wait for the lock at its first write: if another
process wrote in between, SQLite refuses it at once ("database is locked"),
whatever the busy timeout. So on SQLite every transaction takes the write
lock as it begins (BEGIN IMMEDIATE, in shop/settings.py) and waits its turn.

Django's ATOMIC_REQUESTS would then make every page view queue behind every
write, a payment's call to Stripe included. This middleware replaces it on
SQLite: a request that may write (POST, PUT, PATCH, DELETE) runs its view in
one transaction, as ATOMIC_REQUESTS does, and a read (GET, HEAD, OPTIONS)
runs without one, reading the last committed state with no lock at all. The
few reads that write (a download counted, the payment page's record, a paid
order placed from the thank-you page) do so in one statement or in a service
that opens its own transaction.
"""

from django.db import DEFAULT_DB_ALIAS, transaction

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def runs_in_transaction(request, view) -> bool:
    if request.method in READ_METHODS:
        return False
    return DEFAULT_DB_ALIAS not in getattr(view, "_non_atomic_requests", ())


class AtomicWritesMiddleware:
    """ATOMIC_REQUESTS for the requests that may write; the last middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not runs_in_transaction(request, view_func):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
