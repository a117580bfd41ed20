"""What led to each kit sign-up and order, and how often each article is read.

A touch is the last article read before the reader acted (within
``ATTRIBUTION_WINDOW_HOURS``), the page they acted on when it was not an
article, and the landing's referrer domain and UTM tags. It is stored only
when the reader signs up or adds to the basket; an order takes its basket's.
"""

from django.db import models


class Touch(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    article_read_at = models.DateTimeField(null=True, blank=True)
    page = models.CharField(
        max_length=200, blank=True, help_text="The page acted on, when not an article."
    )
    referrer_domain = models.CharField(max_length=253, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.article.title if self.article else self.page or self.source_label

    @property
    def source_label(self) -> str:
        return self.utm_source or self.referrer_domain or "(direct)"


class BasketAttribution(Touch):
    """The basket's last touch, until the order takes it (or it is pruned)."""

    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.CASCADE, related_name="attribution"
    )


class OrderAttribution(Touch):
    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="attribution"
    )

    class Meta:
        permissions = [("view_report", "Can view the What's working report")]


class SignupAttribution(Touch):
    subscriber = models.OneToOneField(
        "kit.Subscriber", on_delete=models.CASCADE, related_name="attribution"
    )


class ArticleDailyViews(models.Model):
    """Readers' views of an article on one day (local time), added in bulk."""

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "day"], name="article_daily_views_once"
            )
        ]
        indexes = [models.Index(fields=["day", "article"])]
        verbose_name_plural = "article daily views"

    def __str__(self):
        return f"{self.day}: {self.views}"
