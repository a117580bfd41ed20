"""Who may review what: only a buyer, once per product. Signed-in buyers
review from the product page or their order; guest buyers through a signed
link (their library page, the review request e-mail) made for one order
line. Every route checks here, so none lets a non-buyer in."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from oscar.core.loading import get_model

from shop.apps.catalogue.reviews.models import ProductReview
from shop.apps.customer.verification import customer_orders
from shop.apps.order.statuses import OrderStatus

Line = get_model("order", "Line")

SALT = "shop.apps.catalogue.reviews"

NOT_A_BUYER = (
    "Reviews here come only from people who bought the printable. "
    "Bought it as a guest? Use the review link on your downloads page "
    "or in your e-mail."
)
ALREADY_REVIEWED = "You have reviewed this printable already. Thank you!"


def reviewable_lines():
    """Order lines whose buyer may still review the product: paid, not
    refunded, with a product on sale."""
    return Line.objects.filter(product__isnull=False, product__is_public=True).exclude(
        order__status=OrderStatus.REFUNDED
    )


def _reviewed_by(*, product, email: str, user=None) -> bool:
    by = Q(email__iexact=email) | Q(line__order__guest_email__iexact=email)
    if user is not None:
        by |= Q(user=user) | Q(line__order__user=user)
    return ProductReview.objects.filter(Q(product=product) & by).exists()


def customer_review_line(*, product, user):
    """The purchase that lets a signed-in customer review this product, or
    None: never bought (in the account or with a proved address), refunded,
    or reviewed already."""
    if not user.is_authenticated:
        return None
    line = (
        reviewable_lines()
        .filter(product=product, order__in=customer_orders(user=user))
        .select_related("order")
        .order_by("-pk")
        .first()
    )
    if line is None or _reviewed_by(product=product, email=user.email, user=user):
        return None
    return line


def customer_has_reviewed(*, product, user) -> bool:
    return _reviewed_by(product=product, email=user.email, user=user)


def review_link_path(*, line) -> str:
    """A guest buyer's signed link to review what one order line bought."""
    token = signing.dumps(line.pk, salt=SALT)
    return reverse(
        "catalogue:reviews-add-bought",
        kwargs={
            "product_slug": line.product.slug,
            "product_pk": line.product_id,
            "token": token,
        },
    )


def line_of_review_link(*, token: str, product):
    """The line a review link was made for, if it bought this product and
    may still be reviewed; else None."""
    try:
        pk = signing.loads(token, salt=SALT, max_age=settings.REVIEW_LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        reviewable_lines()
        .filter(pk=pk, product=product)
        .select_related("order__user")
        .first()
    )


def line_reviewed(*, line) -> bool:
    return _reviewed_by(
        product=line.product, email=line.order.email, user=line.order.user
    )


def review_draft(*, line, user=None) -> ProductReview:
    """The review a form fills in: for this purchase, under the order's
    address (never one typed in the form) and its account, if any."""
    return ProductReview(
        product=line.product,
        line=line,
        user=user if user is not None and user.is_authenticated else None,
        email=line.order.email,
    )


def review_submit(*, form) -> ProductReview:
    """Store a verified buyer's review from a valid form on `review_draft`;
    staff approve it (OSCAR_MODERATE_REVIEWS) before it is shown, as any."""
    with transaction.atomic():
        return form.save()


def review_invitations(*, email: str, orders) -> list[dict]:
    """What a buyer may still review among these orders (one per product,
    the newest purchase), with the signed link to each; two queries."""
    lines = list(
        reviewable_lines()
        .filter(order__in=orders)
        .select_related("product", "order")
        .order_by("-order__date_placed", "-pk")
    )
    reviewed = set(
        ProductReview.objects.filter(
            Q(email__iexact=email) | Q(line__in=[line.pk for line in lines])
        ).values_list("product_id", flat=True)
    )
    invitations = {}
    for line in lines:
        if line.product_id not in reviewed and line.product_id not in invitations:
            invitations[line.product_id] = {
                "title": line.product.get_title(),
                "path": review_link_path(line=line),
            }
    return list(invitations.values())
