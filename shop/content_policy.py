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

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts

from shop import in_page

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
