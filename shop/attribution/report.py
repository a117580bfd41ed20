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

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncWeek
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from content.articles.models import Article
from content.kit.models import Subscriber
from shop.apps.order.figures import MONEY, ZERO, with_net_totals
from shop.apps.order.processing import REFUNDED
from shop.attribution.models import ArticleDailyViews

Order = get_model("order", "Order")
Line = get_model("order", "Line")
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
    return with_net_totals(
        Order.objects.filter(date_placed__gte=start, date_placed__lt=end)
    )


def _money(value) -> Decimal:
    """A sum of money to the cent (SQLite hands sums back with more places)."""
    return Decimal(value if value is not None else 0).quantize(Decimal("0.01"))


def article_rows(dates: DateRange) -> list[ArticleRow]:
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
    signups = (
        _signups(dates)
        .values("attribution__article")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for each in signups:
        row(each["attribution__article"]).signups = each["total"]
    orders = (
        _orders(dates)
        .values("attribution__article")
        .annotate(total=Count("pk"), revenue=Sum("net_total"))
        .order_by()
    )
    for each in orders:
        article_row = row(each["attribution__article"])
        article_row.orders = each["total"]
        article_row.revenue = _money(each["revenue"])

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


def source_rows(dates: DateRange) -> list[SourceRow]:
    """One row per source (UTM source, else the referring site) and campaign."""
    keys = (
        "attribution__utm_source",
        "attribution__referrer_domain",
        "attribution__utm_medium",
        "attribution__utm_campaign",
    )
    rows = {}

    def row(each) -> SourceRow:
        source = each[keys[0]] or each[keys[1]] or NO_SOURCE
        medium, campaign = each[keys[2]] or "", each[keys[3]] or ""
        return rows.setdefault(
            (source, medium, campaign),
            SourceRow(source=source, medium=medium, campaign=campaign),
        )

    for each in _signups(dates).values(*keys).annotate(total=Count("pk")).order_by():
        row(each).signups += each["total"]
    orders = (
        _orders(dates)
        .values(*keys)
        .annotate(total=Count("pk"), revenue=Sum("net_total"))
        .order_by()
    )
    for each in orders:
        source_row = row(each)
        source_row.orders += each["total"]
        source_row.revenue += _money(each["revenue"])
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
    refunded = PaymentEventQuantity.objects.filter(
        line=OuterRef("pk"), event__event_type__code=REFUNDED
    )
    lines = (
        Line.objects.filter(order__date_placed__gte=start, order__date_placed__lt=end)
        .annotate(refunded=Exists(refunded))
        .values("product", "product__slug", "title")
        .annotate(
            orders=Count("order", distinct=True),
            units=Sum("quantity"),
            revenue=Coalesce(
                Sum(
                    Case(
                        When(refunded=True, then=ZERO),
                        default=F("line_price_incl_tax"),
                        output_field=MONEY,
                    )
                ),
                ZERO,
                output_field=MONEY,
            ),
            from_articles=Count(
                "order",
                filter=Q(order__attribution__article__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-revenue", "title")
    )
    return [
        ProductRow(
            product_id=each["product"],
            title=each["title"],
            url=_product_url(each["product"], each["product__slug"]),
            orders=each["orders"],
            units=each["units"],
            revenue=_money(each["revenue"]),
            from_articles=each["from_articles"],
        )
        for each in lines
    ]


def _product_url(pk, slug) -> str:
    if pk is None:
        return ""
    return reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": pk})


def period_rows(dates: DateRange) -> list[PeriodRow]:
    """Revenue and confirmed sign-ups per day (or per week for long ranges),
    every period present, empty ones as zero."""
    trunc = TruncWeek if dates.weekly else TruncDate
    periods = {}
    first = dates.start - timedelta(days=dates.start.weekday() if dates.weekly else 0)
    step = timedelta(days=7 if dates.weekly else 1)
    day = first
    while day <= dates.end:
        periods[day] = PeriodRow(starts=day)
        day += step

    def period(value) -> PeriodRow | None:
        value = value.date() if isinstance(value, datetime) else value
        return periods.get(value)

    orders = (
        _orders(dates)
        .annotate(period=trunc("date_placed"))
        .values("period")
        .annotate(revenue=Sum("net_total"))
        .order_by()
    )
    for each in orders:
        if (row := period(each["period"])) is not None:
            row.revenue += _money(each["revenue"])
    signups = (
        _signups(dates)
        .annotate(period=trunc("created_at"))
        .values("period")
        .annotate(total=Count("pk"))
        .order_by()
    )
    for each in signups:
        if (row := period(each["period"])) is not None:
            row.signups += each["total"]
    return list(periods.values())


def build(dates: DateRange) -> Report:
    articles = article_rows(dates)
    sources = source_rows(dates)
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
