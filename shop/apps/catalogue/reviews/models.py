"""Reviews from verified buyers: each review names the order line that
bought what it reviews, and the name its writer chose to show; staff set
when buyers are asked for one (ReviewRequestPolicy), and any buyer can say
no to being asked (ReviewRequestOptOut)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview

MAX_DELAY_DAYS = 365


class ProductReview(AbstractProductReview):
    # The purchase the review is for: every review on the shop has one.
    line = models.ForeignKey(
        "order.Line",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )

    class Meta(AbstractProductReview.Meta):
        constraints = [
            models.UniqueConstraint(fields=["line"], name="reviews_one_per_line")
        ]

    @property
    def is_verified_buyer(self) -> bool:
        return self.line_id is not None

    @property
    def reviewer_name(self) -> str:
        if self.name:
            return self.name
        if self.user:
            return self.user.get_full_name() or "A buyer"
        return "A buyer"


class ReviewRequestPolicyQuerySet(models.QuerySet):
    def current(self) -> "ReviewRequestPolicy":
        return self.filter(pk=ReviewRequestPolicy.SINGLETON_ID).first() or self.model()


class ReviewRequestPolicy(models.Model):
    """Whether, and how many days after buying, a buyer is asked by e-mail to
    review what they bought. One row at most; staff edit it in the admin."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=SINGLETON_ID, editable=False
    )
    enabled = models.BooleanField(
        "ask buyers for a review", default=True, help_text="Untick to send none."
    )
    delay_days = models.IntegerField(
        "days after buying",
        default=14,
        validators=[
            MinValueValidator(1, "Ask at least 1 day after buying."),
            MaxValueValidator(
                MAX_DELAY_DAYS, f"Ask at most {MAX_DELAY_DAYS} days after buying."
            ),
        ],
        help_text=f"From 1 to {MAX_DELAY_DAYS}. One e-mail per order at most.",
    )
    updated = models.DateTimeField(auto_now=True)

    objects = ReviewRequestPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = "review request e-mails"
        verbose_name_plural = "review request e-mails"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(id=1), name="review_request_policy_single_row"
            ),
            models.CheckConstraint(
                condition=models.Q(delay_days__range=(1, MAX_DELAY_DAYS)),
                name="review_request_policy_delay_days_range",
            ),
        ]

    def __str__(self):
        if not self.enabled:
            return "Buyers are not asked for reviews"
        return f"Buyers are asked for a review {self.delay_days} days after buying"


class ReviewRequest(models.Model):
    """The review request e-mail an order was sent: at most one per order."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="review_request"
    )
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Review request for order {self.order_id}"


class ReviewRequestOptOut(models.Model):
    """An address that asked never to be sent review requests."""

    email = models.EmailField(max_length=254, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.email


from oscar.apps.catalogue.reviews.models import *  # noqa: E402, F403
