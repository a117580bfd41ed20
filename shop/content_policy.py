"""The Content-Security-Policy every page is sent with.

The whole shop loads only its own files: no inline script, no inline style
but the shop's own stylesheet (allowed by its hash, shop/stylesheet.py),
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

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from shop import stylesheet

DASHBOARD_EXTRA = {"style-src": [UNSAFE_INLINE], "img-src": ["data:"]}


def is_dashboard(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "dashboard" in match.namespaces


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if is_dashboard(request):
            parts.update = {**DASHBOARD_EXTRA, **(parts.update or {})}
        else:
            # The shop's own stylesheet, written into each page, and no other.
            update = dict(parts.update or {})
            update["style-src"] = [
                *update.get("style-src", []),
                stylesheet.csp_source(),
            ]
            parts.update = update
        return parts
