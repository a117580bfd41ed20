"""The dashboard's order pages, with what this shop adds to them.

Loaded by Oscar through get_class("dashboard.orders.views", ...). Staff act on
an order through the order page's `order_actions` and `line_actions`, Oscar's
own dispatch: each action names the permissions it needs (ACTION_PERMISSIONS;
staff without them get 403), and an action that moves money or switches off
a file first answers with a page saying what it will do, which staff confirm.
"""

import stripe
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import ngettext
from oscar.apps.dashboard.orders import views
from oscar.templatetags.currency_filters import currency

from shop.apps.dashboard.bulk import WholeNumberIdsMixin
from shop.apps.order.figures import with_net_totals
from shop.downloads import services as downloads
from shop.downloads.models import DownloadLink
from shop.payments import stripe_api
from shop.payments.models import StripePayment
from shop.payments.services import refunds

CHANGE_ORDER = ("order.view_order", "order.change_order")
CHANGE_LINKS = ("order.view_order", "downloads.change_downloadlink")

# What each action asks of staff beyond seeing the order page.
ACTION_PERMISSIONS = {
    "save_note": (),
    "delete_note": (),
    "refund_order": CHANGE_ORDER,
    "refund_lines": CHANGE_ORDER,
    "switch_off_line_downloads": CHANGE_ORDER,
    "mark_stripe_refund_handled": CHANGE_ORDER,
    "resend_download_email": CHANGE_LINKS,
    "send_fresh_link": CHANGE_LINKS,
    "reset_link_count": CHANGE_LINKS,
    "give_missing_links": CHANGE_LINKS,
}

CONFIRMED = "confirmed"
# A refund's confirmation carries the amount the page showed (in cents): a
# POST without it, or from a page made before the order changed, refunds
# nothing and shows the confirmation again.
REFUND_AMOUNT = "refund_amount"
AMOUNT_CHANGED = (
    "This is not the amount that was confirmed (the order changed meanwhile, "
    "or the confirmation was skipped): check it, then confirm again."
)
STRIPE_DOWN = (
    "Stripe could not be reached, so nothing was refunded. Try again in a minute."
)


class OrderListView(WholeNumberIdsMixin, views.OrderListView):
    # The status follows the money (shop/apps/order/processing.py): there is
    # no changing it by hand.
    actions = ("download_selected_orders",)

    def get_queryset(self):
        return with_net_totals(super().get_queryset())


class OrderDetailView(views.OrderDetailView):
    # Oscar's status changes and hand-made payment or shipping events are
    # left out: statuses and payment events follow refunds made at Stripe.
    order_actions = (
        "save_note",
        "delete_note",
        "refund_order",
        "resend_download_email",
        "send_fresh_link",
        "reset_link_count",
        "give_missing_links",
        "switch_off_line_downloads",
        "mark_stripe_refund_handled",
    )
    line_actions = ("refund_lines",)

    def get_order_lines(self):
        # Each line's download links (the Payment tab's table) and how many
        # still work (the notice after a partial refund made in Stripe), in
        # a fixed number of queries.
        return (
            super()
            .get_order_lines()
            .annotate(
                working_links=Count(
                    "download_links",
                    filter=Q(download_links__revoked_at__isnull=True),
                )
            )
            .prefetch_related("download_links__product_file")
            .order_by("pk")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["stripe_partial_refund"] = refunds.stripe_partial_refund_to_assign(
            order=self.object
        )
        ctx["stripe_payment"] = StripePayment.objects.filter(order=self.object).first()
        return ctx

    # Dispatch, with each action's permissions

    def handle_order_action(self, request, order, action):
        self._require_permissions(action)
        return super().handle_order_action(request, order, action)

    def handle_line_action(self, request, order, action):
        if action not in self.line_actions:
            return self.reload_page(error="Invalid action")
        self._require_permissions(action)
        try:
            line_ids = [int(pk) for pk in request.POST.getlist("selected_line")]
        except ValueError:
            return self.reload_page(error="Invalid lines requested.")
        return getattr(self, action)(request, order, line_ids)

    def _require_permissions(self, action):
        if not self.request.user.has_perms(ACTION_PERMISSIONS.get(action, ())):
            raise PermissionDenied

    def confirm(self, *, action, title, consequences, button, fields=(), warning=""):
        """The page that says what `action` will do, posting it again with
        `fields` once staff confirm."""
        kind = "line_action" if action in self.line_actions else "order_action"
        return TemplateResponse(
            self.request,
            "oscar/dashboard/orders/confirm_action.html",
            {
                "order": self.object,
                "title": title,
                "consequences": consequences,
                "button": button,
                "warning": warning,
                "fields": [(kind, action), *fields, (CONFIRMED, "yes")],
            },
        )

    def is_confirmed(self):
        return self.request.POST.get(CONFIRMED) == "yes"

    # Refunds (order.change_order)

    def refund_order(self, request, order):
        return self._refund(request, order, line_ids=None)

    def refund_lines(self, request, order, line_ids):
        return self._refund(request, order, line_ids=line_ids)

    def _refund(self, request, order, *, line_ids):
        try:
            plan = refunds.refund_plan(order=order, line_ids=line_ids)
        except refunds.RefundRefused as refused:
            return self.reload_page(error=str(refused))
        amount = currency(plan.amount, order.currency)
        cents = str(stripe_api.to_cents(plan.amount))
        amount_confirmed = request.POST.get(REFUND_AMOUNT) == cents
        if not (self.is_confirmed() and amount_confirmed):
            return self.confirm(
                action="refund_lines",
                title=f"Refund {amount} to the buyer's card?",
                consequences=[
                    f"{amount} goes back to {order.email}'s card through Stripe.",
                    _lines_sentence(plan.lines, order.currency),
                    _links_sentence(plan.links),
                    f"{order.email} gets an e-mail saying so.",
                ],
                button=f"Refund {amount}",
                fields=[
                    *[("selected_line", pk) for pk in plan.line_ids],
                    (REFUND_AMOUNT, cents),
                ],
                warning=AMOUNT_CHANGED if self.is_confirmed() else "",
            )
        try:
            refunds.order_refund(order=order, line_ids=plan.line_ids, user=request.user)
        except refunds.RefundRefused as refused:
            return self.reload_page(error=str(refused))
        except stripe.StripeError:
            return self.reload_page(error=STRIPE_DOWN)
        messages.success(
            request,
            f"Refunded {amount} through Stripe; the refunded files' download "
            "links are switched off and the buyer is e-mailed.",
        )
        return self.reload_page()

    def switch_off_line_downloads(self, request, order):
        """After a partial refund made in Stripe: one line's downloads off."""
        try:
            line, links = refunds.line_downloads_switch_off_plan(
                order=order, line_id=_int(request.POST.get("line"))
            )
        except refunds.RefundRefused as refused:
            return self.reload_page(error=str(refused))
        if not self.is_confirmed():
            return self.confirm(
                action="switch_off_line_downloads",
                title=f"Switch off the downloads of “{line.title}”?",
                consequences=[
                    _links_sentence(links),
                    "Nothing is refunded again.",
                ],
                button=f"Switch off the downloads of {line.title}",
                fields=[("line", line.pk)],
            )
        try:
            refunds.order_line_downloads_switch_off(
                order=order, line_id=line.pk, user=request.user
            )
        except refunds.RefundRefused as refused:
            return self.reload_page(error=str(refused))
        messages.success(
            request,
            f"The downloads of “{line.title}” are switched off; nothing was "
            "refunded again. Switch off another line, or mark the refund as "
            "handled when the rest stay on.",
        )
        return self.reload_page()

    def mark_stripe_refund_handled(self, request, order):
        try:
            refunds.stripe_partial_refund_mark_handled(order=order, user=request.user)
        except refunds.RefundRefused as refused:
            return self.reload_page(error=str(refused))
        messages.success(request, "The partial refund made in Stripe is handled.")
        return self.reload_page()

    # Downloads (downloads.change_downloadlink)

    def resend_download_email(self, request, order):
        downloads.download_email_resend(order=order)
        messages.success(
            request, f"The download e-mail is on its way to {order.email}."
        )
        return self.reload_page(fragment="payment")

    def send_fresh_link(self, request, order):
        link = self._order_link(order)
        if link is None:
            return self.reload_page(error="That download link is not on this order.")
        if downloads.download_link_replace(link=link) is None:
            return self.reload_page(
                error=f"{link.product_file.title} was refunded: its downloads "
                "stay switched off."
            )
        messages.success(
            request,
            f"A fresh link for {link.product_file.title} is on its way to "
            f"{order.email}.",
        )
        return self.reload_page(fragment="payment")

    def reset_link_count(self, request, order):
        link = self._order_link(order)
        if link is None:
            return self.reload_page(error="That download link is not on this order.")
        downloads.download_count_reset(link=link)
        messages.success(request, f"{link.product_file.title} can be downloaded again.")
        return self.reload_page(fragment="payment")

    def give_missing_links(self, request, order):
        links = downloads.download_links_add_missing(order=order)
        if links:
            messages.success(
                request,
                f"{len(links)} new download link{'s' if len(links) > 1 else ''} "
                f"e-mailed to {order.email}.",
            )
        else:
            messages.info(
                request,
                "Nothing was missing: every line still paid for has a link to "
                "each of its product's files.",
            )
        return self.reload_page(fragment="payment")

    def _order_link(self, order):
        return (
            DownloadLink.objects.select_related("product_file", "line")
            .filter(line__order=order, pk=_int(self.request.POST.get("link")))
            .first()
        )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _lines_sentence(lines, currency_code) -> str:
    priced = (
        f"{line.title} ({currency(line.line_price_incl_tax, currency_code)})"
        for line in lines
    )
    return f"Refunded: {', '.join(priced)}."


def _links_sentence(links) -> str:
    if not links:
        return "No download link is switched off: these lines have none working."
    titles = ", ".join(sorted({link.product_file.title for link in links}))
    sentence = ngettext(
        "%(count)d download link stops working at once: %(titles)s.",
        "%(count)d download links stop working at once: %(titles)s.",
        len(links),
    )
    return sentence % {"count": len(links), "titles": titles}
