import re

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from oscar.apps.basket import views
from oscar.apps.basket.views import *  # noqa: F403
from oscar.core.loading import get_class
from oscar.core.utils import safe_referrer

from shop import pagecache
from shop.apps.basket.lines import load_for_pricing
from shop.apps.basket.services import basket_add_printable

BasketMessageGenerator = get_class("basket.utils", "BasketMessageGenerator")

# The id of the product card a form was posted from (product_cards.card_place).
CARD_ID = re.compile(r"^product-\d+(?:-\d+)?$")


class BasketView(pagecache.CachedPageMixin, views.BasketView):
    """The basket; a visitor who never added anything (no basket cookie) gets
    the empty basket every such visitor sees, from the page cache."""

    def page_cache_allowed(self, request) -> bool:
        return settings.OSCAR_BASKET_COOKIE_OPEN not in request.COOKIES

    def get_queryset(self):
        load_for_pricing(self.request.basket)
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        # Oscar's middleware adds the basket to a template response's context
        # once the view has returned; the page cache renders it before then.
        return super().get_context_data(basket=self.request.basket, **kwargs)

    def get_basket_warnings(self, basket):
        # Oscar says only "no longer available"; the strategy says why (a
        # printable whose file was removed is coming soon) and the buyer
        # learns what to do.
        warnings = []
        for line in basket.all_lines():
            permitted, reason = line.purchase_info.availability.is_purchase_permitted(
                line.quantity
            )
            if not permitted:
                warnings.append(
                    f"{line.product.get_title()}: {reason} "
                    "Remove it to check out the rest."
                )
            elif warning := line.get_warning():
                warnings.append(warning)
        return warnings


class BasketAddView(views.BasketAddView):
    """Add a printable and keep the reader where they were.

    Without JavaScript the reader goes back to the card they used (the page
    they came from, at that card's anchor, which then says it was added);
    "Buy now" goes straight to checkout. A form posted by fetch asking for
    JSON gets the confirmation and the new basket count instead.
    """

    def wants_json(self):
        return "application/json" in self.request.headers.get("Accept", "")

    def form_valid(self, form):
        offers_before = self.request.basket.applied_offers()
        self.line, added = basket_add_printable(
            basket=self.request.basket,
            product=form.product,
            options=form.cleaned_options(),
        )
        title = form.product.get_title()
        message = (
            f"{title} has been added to your basket."
            if added
            else f"{title} is already in your basket: one copy is all you need."
        )
        if added:
            self.add_signal.send(
                sender=self,
                product=form.product,
                user=self.request.user,
                request=self.request,
            )
        if self.wants_json():
            BasketMessageGenerator().apply_messages(self.request, offers_before)
            # The offer messages, if any, are for this reply, not the next page.
            extra = [str(each) for each in messages.get_messages(self.request)]
            return JsonResponse(
                {
                    "ok": True,
                    "message": message,
                    "notes": extra,
                    "count": self.request.basket.num_items,
                    "basket_url": reverse("basket:summary"),
                }
            )
        url = self.get_success_url()
        if "#" not in url:
            messages.success(self.request, message)
        BasketMessageGenerator().apply_messages(self.request, offers_before)
        return redirect(url)

    def form_invalid(self, form):
        if self.wants_json():
            errors = [error for errors in form.errors.values() for error in errors]
            return JsonResponse({"ok": False, "message": " ".join(errors)}, status=400)
        return super().form_invalid(form)

    def from_card(self):
        return bool(CARD_ID.match(self.request.POST.get("card", "")))

    def get_success_url(self):
        if self.request.POST.get("buy_now"):
            return reverse("checkout:index")
        if not self.from_card():
            return super().get_success_url()
        card = self.request.POST["card"]
        back = safe_referrer(self.request, "")
        if not back:
            return reverse("basket:summary")
        back = back.split("#", 1)[0]
        base, _, query = back.partition("?")
        kept = "&".join(
            part for part in query.split("&") if part and not part.startswith("added=")
        )
        query = f"{kept}&added={card}" if kept else f"added={card}"
        return f"{base}?{query}#{card}"
