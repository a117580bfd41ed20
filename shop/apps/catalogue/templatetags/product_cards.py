from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class CardPlace:
    """Where a product card sits on its page: its id (the anchor the basket
    sends the reader back to) and whether the reader just added it there."""

    id: str
    just_added: bool


@register.simple_tag(takes_context=True)
def card_place(context, product) -> CardPlace:
    """A page-unique id for the card: product-<pk>, then product-<pk>-2 for the
    same product's second card on one page (an article may show it twice)."""
    request = context.get("request")
    seen = getattr(request, "_product_cards", None) if request is not None else None
    if request is not None and seen is None:
        seen = request._product_cards = {}
    count = 1
    if seen is not None:
        count = seen[product.pk] = seen.get(product.pk, 0) + 1
    card_id = f"product-{product.pk}" if count == 1 else f"product-{product.pk}-{count}"
    added = request.GET.get("added") if request is not None else None
    return CardPlace(id=card_id, just_added=added == card_id)
