"""The Content-Security-Policy every page is sent with.

The whole shop loads only its own files: no inline script or style but the
shop's own stylesheet and the lines that load its module once the page has
painted (each allowed by its hash, shop/in_page.py),
nothing from another origin (``CONTENT_SECURITY_POLICY`` in settings). Two
places get more, each only what it needs:

- The card payment page may load Stripe.js, talk to Stripe's API and show
  Stripe's frames (``stripe_api.browser_sources``), set by the payment view.
- Oscar's dashboard, which we serve with its own templates: its page set-up
  is an inline script, which carries the request's nonce (our
  ``oscar/base.html``), and its markup, Bootstrap and TinyMCE write inline
  styles and draw icons from ``data:`` images. Styles cannot run code, so
  the staff pages allow them rather than fork every dashboard template.
"""

from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from shop import in_page

DASHBOARD_EXTRA = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"]}

# What a view or a template can set that makes a response's policy its own.
OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


def is_dashboard(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "dashboard" in match.namespaces


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_dashboard(request):
            parts.update = {**DASHBOARD_EXTRA, **(parts.update or {})}
        else:
            # The shop's own stylesheet and script loader, written into each
            # page, and no other.
            update = dict(parts.update or {})
            update["style-src"] = [
                *update.get("style-src", []),
                in_page.STYLESHEET.csp_source(),
            ]
            update["script-src"] = [
                *update.get("script-src", []),
                in_page.SCRIPT_LOADER.csp_source(),
            ]
            parts.update = update
        return parts

    def process_response(self, request, response):
        """Nearly every response (no nonce used, nothing set by its view) has
        one of two policies, the shop's or the staff pages': each is built
        once, not for every response (building it costs as much as the rest
        of a cached page's middleware). Any other response is django-csp's."""
        if not self._shared_policy(request, response):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response
        policy, report_only = self._built(request, response)
        if policy and HEADER not in response:
            response[HEADER] = policy
        if report_only and HEADER_REPORT_ONLY not in response:
            response[HEADER_REPORT_ONLY] = report_only
        # As django-csp does: a nonce asked for from now on would be missing
        # from the header already written.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _shared_policy(self, request, response) -> bool:
        if getattr(request, "_csp_nonce", None) is not None:
            return False
        if any(hasattr(response, name) for name in OWN_POLICY):
            return False
        # Excluded addresses are django-csp's to judge.
        return not any(
            (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
            for name in (
                "CONTENT_SECURITY_POLICY",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            )
        )

    def _built(self, request, response) -> tuple[str, str]:
        # The in-page hashes are in the key: while developing they follow
        # the files as they are edited.
        key = (
            is_dashboard(request),
            in_page.STYLESHEET.csp_source(),
            in_page.SCRIPT_LOADER.csp_source(),
        )
        built = _BUILT.get(key)
        if built is None:
            parts = self.get_policy_parts(request, response)
            parts_ro = self.get_policy_parts(request, response, report_only=True)
            built = _BUILT[key] = (
                build_policy(**asdict(parts)),
                build_policy(**asdict(parts_ro), report_only=True),
            )
        return built


# (dashboard?, stylesheet hash, script hash) -> (policy, report-only policy)
_BUILT: dict[tuple, tuple[str, str]] = {}


@receiver(setting_changed)
def _policy_changed(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _BUILT.clear()
