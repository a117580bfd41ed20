"""Sign-in throttling for the three sign-in forms: the customer's, the
dashboard's and Django admin's.

django-axes counts wrong passwords per account *and* address (one stranger
cannot lock a customer out everywhere) in the database, which every web
process shares. After ``SIGNIN_FAILURE_LIMIT`` in a row, that account is
refused from that address for ``SIGNIN_COOLOFF_MINUTES``, even with the
right password; a successful sign-in starts the count again. The form that
was used shows why, on its own page, answered with 429.
"""

from axes.backends import AxesStandaloneBackend
from axes.utils import reset
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import ValidationError
from django.http import HttpResponse

from shop.client_ip import client_ip


def locked_out_message() -> str:
    return (
        "Too many wrong passwords in a row. To keep this account safe, signing "
        f"in to it from here is paused for {settings.SIGNIN_COOLOFF_MINUTES} "
        "minutes. Please try again after that."
    )


class SignInThrottleBackend(AxesStandaloneBackend):
    """Axes' check before any password is tried.

    A call without a request comes from the shop's own code, not from a
    form (Oscar signs a new customer in with the password just chosen), so
    there is nothing to throttle.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def attempted_username(request, credentials) -> str:
    """The account tried, compared without case, as e-mail sign-in is."""
    username = (credentials or {}).get("username") or ""
    return str(username).strip().casefold()


def lockout_response(request, original_response, credentials):
    """The sign-in page as its form showed it, with the reason, as 429."""
    if original_response is None:
        return HttpResponse(locked_out_message(), status=429, content_type="text/plain")
    original_response.status_code = 429
    return original_response


def _forget_failures_under_email(sender, request, user, **kwargs):
    # Axes starts the count again for the account's username; customers type
    # their e-mail address, which is what the wrong tries were counted under.
    if request is not None and user.email:
        reset(
            ip=client_ip(request),
            username=attempted_username(request, {"username": user.email}),
        )


def connect_signals() -> None:
    user_logged_in.connect(
        _forget_failures_under_email, dispatch_uid="shop.signin.email"
    )


class ThrottledSignInMixin:
    """For a sign-in form: says why during a cool-off, not "wrong password"."""

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return ValidationError(locked_out_message(), code="locked_out")
        return super().get_invalid_login_error()


class SignInForm(ThrottledSignInMixin, AuthenticationForm):
    """The dashboard's sign-in form."""


class AdminSignInForm(ThrottledSignInMixin, AdminAuthenticationForm):
    """Django admin's sign-in form."""
