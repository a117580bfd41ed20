"""Order figures net of refunds, for the dashboard's home and order list."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from oscar.core.loading import get_model

from shop.apps.order.processing import REFUNDED

Order = get_model("order", "Order")
PaymentEvent = get_model("order", "PaymentEvent")

MONEY = DecimalField(max_digits=12, decimal_places=2)
ZERO = Value(Decimal("0.00"), output_field=MONEY)

# The dashboard's home shows today, the last 7 and the last 30 days.
PERIODS = (("Today", 0), ("Last 7 days", 7), ("Last 30 days", 30))


def _refunded_of_order():
    return Subquery(
        PaymentEvent.objects.filter(order=OuterRef("pk"), event_type__code=REFUNDED)
        .order_by()
        .values("order")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=MONEY,
    )


def with_net_totals(orders):
    """Orders annotated with `refunded_total` and `net_total` (what was kept)."""
    return orders.annotate(
        refunded_total=Coalesce(_refunded_of_order(), ZERO, output_field=MONEY)
    ).annotate(
        net_total=ExpressionWrapper(
            F("total_incl_tax") - F("refunded_total"), output_field=MONEY
        )
    )


@dataclass(frozen=True)
class Period:
    label: str
    orders: int
    revenue: Decimal
    refunds: Decimal
    refunded_orders: int


def period_starts(*, now=None) -> dict:
    """When each of PERIODS starts: local midnight today, 7 and 30 days before."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return {label: today - timedelta(days=days) for label, days in PERIODS}


def period_figures(*, now=None) -> list[Period]:
    """Orders placed, money kept and money refunded, for each of PERIODS.

    Revenue is the orders placed in the period less what has been refunded
    on them; refunds are the refunds made in the period, whichever day their
    order was placed. Two queries, however many orders there are.
    """
    starts = period_starts(now=now)
    orders = with_net_totals(Order.objects.all()).aggregate(
        **{
            f"orders_{i}": Count("pk", filter=Q(date_placed__gte=start))
            for i, start in enumerate(starts.values())
        },
        **{
            f"revenue_{i}": Sum("net_total", filter=Q(date_placed__gte=start))
            for i, start in enumerate(starts.values())
        },
    )
    refunds = PaymentEvent.objects.filter(event_type__code=REFUNDED).aggregate(
        **{
            f"refunds_{i}": Sum("amount", filter=Q(date_created__gte=start))
            for i, start in enumerate(starts.values())
        },
        **{
            f"refunded_{i}": Count(
                "order", filter=Q(date_created__gte=start), distinct=True
            )
            for i, start in enumerate(starts.values())
        },
    )
    return [
        Period(
            label=label,
            orders=orders[f"orders_{i}"],
            revenue=orders[f"revenue_{i}"] or Decimal("0.00"),
            refunds=refunds[f"refunds_{i}"] or Decimal("0.00"),
            refunded_orders=refunds[f"refunded_{i}"],
        )
        for i, label in enumerate(starts)
    ]


def buyer_count() -> int:
    """Everyone who has bought, signed in or not, counted once per e-mail."""
    return (
        Order.objects.annotate(buyer=Lower(Coalesce("user__email", "guest_email")))
        .exclude(buyer="")
        .aggregate(buyers=Count("buyer", distinct=True))["buyers"]
    )
