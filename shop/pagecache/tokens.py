"""The CSRF token a cached page's forms get, made as Django's ``get_token``
makes it, from one read of the system's random source.

Django draws each of a token's characters with its own call to the random
source: a new visitor's token (a secret, and the mask that hides it in the
page) costs 64 system calls, a fifth of a cached page's time. Here the same
characters come from one ``secrets.token_bytes`` call each for the secret
and the mask, unbiased (bytes past the last whole multiple of the alphabet
are dropped), and the token is masked as Django masks it, so that Django's
``CsrfViewMiddleware`` checks it as its own.
"""

import secrets

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_INDEX = {char: index for index, char in enumerate(CSRF_ALLOWED_CHARS)}
# Bytes at or past this would make the first characters likelier.
_LIMIT = 256 - 256 % len(CSRF_ALLOWED_CHARS)


def random_chars(length: int = CSRF_SECRET_LENGTH) -> str:
    chars = []
    while len(chars) < length:
        chars.extend(
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in secrets.token_bytes(length + 8)
            if byte < _LIMIT
        )
    return "".join(chars[:length])


def masked(secret: str) -> str:
    """The secret hidden behind a new random mask (Django's token format)."""
    mask = random_chars()
    size = len(CSRF_ALLOWED_CHARS)
    cipher = "".join(
        CSRF_ALLOWED_CHARS[(_INDEX[s] + _INDEX[m]) % size]
        for s, m in zip(secret, mask, strict=True)
    )
    return mask + cipher


def csrf_token(request) -> str:
    """A token for this request's forms; as ``get_token``, it makes the
    response carry the CSRF cookie (a new secret when the visitor has none)."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = request.META["CSRF_COOKIE"] = random_chars()
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return masked(secret)
