"""The owner's report, "What's working": which articles, products and
sources bring sign-ups and sales, over a date range.

Every figure is read in a fixed number of queries (one per table and two
for the chart), however many orders, sign-ups and articles there are.
Revenue is net of refunds: an order's refunds are subtracted from its total
whenever they were made; a product's refunded lines count nothing. A sign-up
counts once its address is confirmed, on the day it was claimed.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, DateField, F, Func, Q, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from content.articles.models import Article
from content.kit.models import Subscriber
from shop.apps.order.processing import REFUNDED
from shop.attribution.models import ArticleDailyViews

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

# Longer ranges are drawn per week, shorter ones per day.
DAILY_UP_TO_DAYS = 92
NO_SOURCE = "(direct)"


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def weekly(self) -> bool:
        return self.days > DAILY_UP_TO_DAYS

    def bounds(self) -> tuple[datetime, datetime]:
        """From the start's midnight to the midnight after the end, local time."""
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )

    @classmethod
    def last_days(cls, days: int, *, today=None) -> "DateRange":
        today = today or timezone.localdate()
        return cls(start=today - timedelta(days=days - 1), end=today)


@dataclass
class Figures:
    signups: int = 0
    orders: int = 0
    revenue: Decimal = Decimal("0.00")


@dataclass
class ArticleRow(Figures):
    article: Article | None = None
    views: int = 0

    @property
    def conversion(self) -> Decimal | None:
        """Sign-ups and orders per 100 views."""
        if not self.views:
            return None
        return Decimal(100 * (self.signups + self.orders) / self.views).quantize(
            Decimal("0.1")
        )


@dataclass
class SourceRow(Figures):
    source: str = NO_SOURCE
    medium: str = ""
    campaign: str = ""


@dataclass
class ProductRow:
    product_id: int | None
    title: str
    url: str
    orders: int
    units: int
    revenue: Decimal
    from_articles: int


@dataclass
class PeriodRow:
    starts: date
    revenue: Decimal = Decimal("0.00")
    signups: int = 0


@dataclass
class Report:
    dates: DateRange
    articles: list[ArticleRow]
    products: list[ProductRow]
    sources: list[SourceRow]
    periods: list[PeriodRow]
    totals: ArticleRow = field(default_factory=ArticleRow)


def _signups(dates: DateRange):
    start, end = dates.bounds()
    return Subscriber.objects.filter(
        created_at__gte=start, created_at__lt=end, confirmed_at__isnull=False
    )


def _orders(dates: DateRange):
    start, end = dates.bounds()
    return Order.objects.filter(date_placed__gte=start, date_placed__lt=end)


def _refunds(dates: DateRange):
    """Refunds on the orders placed in the range, whenever they were made."""
    start, end = dates.bounds()
    return PaymentEvent.objects.filter(
        event_type__code=REFUNDED,
        order__date_placed__gte=start,
        order__date_placed__lt=end,
    )


def _order_figures(dates: DateRange, *keys, day: str = "") -> dict:
    """Orders and revenue net of refunds per value of the order's keys (and
    day placed), in two queries: totals, then refunds."""
    orders = _orders(dates)
    refunds = _refunds(dates)
    if day:
        orders = orders.annotate(day=local_day("date_placed"))
        refunds = refunds.annotate(day=local_day("order__date_placed"))
    names = (*keys, "day") if day else keys
    figures = {}
    for each in (
        orders.values(*names)
        .annotate(total=Count("pk"), gross=Sum("total_incl_tax"))
        .order_by()
    ):
        key = tuple(each[name] for name in names)
        figures[key] = [each["total"], _money(each["gross"])]
    order_names = (*(f"order__{key}" for key in keys), *(("day",) if day else ()))
    for each in (
        refunds.values(*order_names).annotate(refunded=Sum("amount")).order_by()
    ):
        key = tuple(each[name] for name in order_names)
        if key in figures:
            figures[key][1] -= _money(each["refunded"])
    return figures


def local_day(field: str):
    """The local calendar day of a stored moment, grouped in the database.

    SQLite keeps moments as UTC text, so for a shop on UTC its own date() is
    the day; Django's TruncDate would call back into Python for every row.
    """
    if connection.vendor == "sqlite" and timezone.get_current_timezone_name() == "UTC":
        return Func(F(field), function="date", output_field=DateField())
    return TruncDate(field)


def _money(value) -> Decimal:
    """A sum of money to the cent (SQLite hands sums back with more places)."""
    return Decimal(value if value is not None else 0).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Touches:
    """Confirmed sign-ups, and orders with their revenue, per touch: the
    article and the source, medium and campaign, one query each, which the
    article and source tables both fold."""

    signups: dict
    orders: dict

    KEYS = (
        "attribution__article",
        "attribution__utm_source",
        "attribution__referrer_domain",
        "attribution__utm_medium",
        "attribution__utm_campaign",
    )

    @classmethod
    def read(cls, dates: DateRange) -> "Touches":
        signups = (
            _signups(dates).values(*cls.KEYS).annotate(total=Count("pk")).order_by()
        )
        return cls(
            signups={
                tuple(each[key] for key in cls.KEYS): each["total"] for each in signups
            },
            orders=_order_figures(dates, *cls.KEYS),
        )


def article_rows(dates: DateRange, touches: Touches) -> list[ArticleRow]:
    """Every published article, and any other that brought something in."""
    rows = {}

    def row(article_id) -> ArticleRow:
        return rows.setdefault(article_id, ArticleRow())

    views = (
        ArticleDailyViews.objects.filter(day__gte=dates.start, day__lte=dates.end)
        .values("article")
        .annotate(total=Sum("views"))
        .order_by()
    )
    for each in views:
        row(each["article"]).views = each["total"]
    for touch, count in touches.signups.items():
        row(touch[0]).signups += count
    for touch, (orders, revenue) in touches.orders.items():
        article_row = row(touch[0])
        article_row.orders += orders
        article_row.revenue += revenue

    articles = Article.objects.filter(
        Q(pk__in=Article.objects.published().values("pk"))
        | Q(pk__in=[pk for pk in rows if pk is not None])
    ).only("title", "slug")
    for article in articles:
        row(article.pk).article = article
    no_article = rows.pop(None, None)
    ordered = sorted(
        rows.values(),
        key=lambda each: (
            -each.revenue,
            -each.signups,
            -each.views,
            each.article.title,
        ),
    )
    if no_article is not None:
        ordered.append(no_article)
    return ordered


def source_rows(touches: Touches) -> list[SourceRow]:
    """One row per source (UTM source, else the referring site) and campaign."""
    rows = {}

    def row(touch) -> SourceRow:
        source, referrer, medium, campaign = (value or "" for value in touch[1:])
        source = source or referrer or NO_SOURCE
        return rows.setdefault(
            (source, medium, campaign),
            SourceRow(source=source, medium=medium, campaign=campaign),
        )

    for touch, count in touches.signups.items():
        row(touch).signups += count
    for touch, (orders, revenue) in touches.orders.items():
        source_row = row(touch)
        source_row.orders += orders
        source_row.revenue += revenue
    return sorted(
        rows.values(),
        key=lambda each: (
            each.source == NO_SOURCE,
            -each.revenue,
            -each.signups,
            each.source,
            each.campaign,
        ),
    )


def product_rows(dates: DateRange) -> list[ProductRow]:
    """Each product sold in the range: orders, units, money kept, and how
    many of those orders an article brought."""
    start, end = dates.bounds()
    lines = Line.objects.filter(
        order__date_placed__gte=start, order__date_placed__lt=end
    )
    refunded = {
        each["product"]: _money(each["refunded"])
        for each in lines.filter(
            pk__in=PaymentEventQuantity.objects.filter(
                event__event_type__code=REFUNDED
            ).values("line")
        )
        .values("product")
        .annotate(refunded=Sum("line_price_incl_tax"))
        .order_by()
    }
    rows = [
        ProductRow(
            product_id=each["product"],
            title=each["title"],
            url=_product_url(each["product"], each["product__slug"]),
            orders=each["orders"],
            units=each["units"],
            revenue=_money(each["gross"]) - refunded.get(each["product"], 0),
            from_articles=each["from_articles"],
        )
        # An order holds a product on one line (the basket merges them).
        for each in lines.values("product", "product__slug", "title")
        .annotate(
            orders=Count("pk"),
            units=Sum("quantity"),
            gross=Sum("line_price_incl_tax"),
            from_articles=Count(
                "pk", filter=Q(order__attribution__article__isnull=False)
            ),
        )
        .order_by()
    ]
    return sorted(rows, key=lambda each: (-each.revenue, each.title))


def _product_url(pk, slug) -> str:
    if pk is None:
        return ""
    return reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": pk})


def period_rows(dates: DateRange) -> list[PeriodRow]:
    """Revenue and confirmed sign-ups per day (or per week for long ranges),
    every period present, empty ones as zero."""
    periods = {}
    first = dates.start - timedelta(days=dates.start.weekday() if dates.weekly else 0)
    step = timedelta(days=7 if dates.weekly else 1)
    day = first
    while day <= dates.end:
        periods[day] = PeriodRow(starts=day)
        day += step

    def period(day) -> PeriodRow:
        # Grouped by day in the database; days are folded into weeks here.
        if isinstance(day, str):
            day = date.fromisoformat(day)
        if dates.weekly:
            day -= timedelta(days=day.weekday())
        return periods[day]

    for (day,), (_, revenue) in _order_figures(dates, day="day").items():
        period(day).revenue += revenue
    signups = (
        _signups(dates)
        .annotate(day=local_day("created_at"))
        .values("day")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for each in signups:
        period(each["day"]).signups += each["total"]
    return list(periods.values())


def build(dates: DateRange) -> Report:
    touches = Touches.read(dates)
    articles = article_rows(dates, touches)
    sources = source_rows(touches)
    totals = ArticleRow(
        views=sum(row.views for row in articles),
        signups=sum(row.signups for row in sources),
        orders=sum(row.orders for row in sources),
        revenue=sum((row.revenue for row in sources), Decimal("0.00")),
    )
    return Report(
        dates=dates,
        articles=articles,
        products=product_rows(dates),
        sources=sources,
        periods=period_rows(dates),
        totals=totals,
    )
