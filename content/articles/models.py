import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from shop.renditions import make_renditions, picture_sources, validate_picture_upload

WORDS_READ_PER_MINUTE = 200
# An article's pictures fill the text column (38rem) on screens up to twice
# as dense as a plain one.
PICTURE_WIDTHS = (480, 960, 1280)
# An article's hero is a wide band above the text, never a square.
HERO_ASPECT = 2.0


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: the one rule every list, feed and sitemap uses.

        A scheduled article, or a published one whose time is still ahead,
        stays hidden until its publish time has passed.
        """
        return self.filter(
            status__in=[Article.Status.SCHEDULED, Article.Status.PUBLISHED],
            publish_at__lte=timezone.now(),
        )

    def visible_to(self, user):
        """Staff see every article (to preview drafts); readers the published."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()

    def for_list(self):
        """Newest first, with what a teaser shows."""
        return self.select_related("series", "author").order_by("-publish_at", "-pk")


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the topic's page."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class SeriesQuerySet(models.QuerySet):
    def open_to_readers(self):
        """Series with at least one published article, by name."""
        return (
            self.filter(articles__in=Article.objects.published())
            .distinct()
            .order_by("name")
        )


class Series(models.Model):
    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(
        blank=True, help_text="Shown on the series page and in each article's footer."
    )
    pillar_guide = models.ForeignKey(
        "Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The long guide the series' articles lead to. It comes first.",
    )

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:series", kwargs={"slug": self.slug})

    def reading_order(self):
        """Its published articles: the pillar guide first, then by position."""
        articles = list(
            self.articles.published()
            .select_related("author")
            .order_by("series_position", "publish_at", "pk")
        )
        if self.pillar_guide_id:
            pillar = [each for each in articles if each.pk == self.pillar_guide_id]
            if not pillar:
                pillar = list(
                    Article.objects.published().filter(pk=self.pillar_guide_id)
                )
            rest = [each for each in articles if each.pk != self.pillar_guide_id]
            articles = pillar + rest
        return articles


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (only staff can see it)"
        SCHEDULED = "scheduled", "Scheduled (public at its publish time)"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=160)
    slug = models.SlugField(
        max_length=160, unique=True, help_text="The last part of the page's address."
    )
    summary = models.TextField(
        max_length=400,
        help_text="One paragraph. Shown under the title, in lists and to search "
        "engines.",
    )
    body = models.TextField(
        help_text="Markdown, with blocks on lines of their own: see the help "
        "below the field."
    )
    hero_image = models.ImageField(
        upload_to="articles/",
        blank=True,
        validators=[validate_picture_upload],
        help_text="Readers get resized copies (WebP and JPEG); "
        "upload a JPEG or PNG up to a few MB.",
    )
    hero_renditions = models.JSONField(default=dict, blank=True, editable=False)
    hero_image_alt = models.CharField(
        "hero image description",
        max_length=200,
        blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    series = models.ForeignKey(
        Series,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    series_position = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the series: 1, 2, 3…"
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="articles")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="When readers can see it. Empty when publishing means now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField("last update", auto_now=True)
    seo_title = models.CharField(
        "title for search engines",
        max_length=70,
        blank=True,
        help_text="Leave empty to use the title.",
    )
    seo_description = models.CharField(
        "description for search engines",
        max_length=170,
        blank=True,
        help_text="Leave empty to use the summary.",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.hero_image and not self._hero_renditions_current():
            # The upload is stored first, so the copies are named after it.
            super().save(*args, **kwargs)
            self.hero_renditions = make_renditions(
                source=self.hero_image,
                storage=self.hero_image.storage,
                widths=PICTURE_WIDTHS,
                aspect=HERO_ASPECT,
            )
            kwargs = {"update_fields": ["hero_renditions"]}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def hero_picture(self) -> dict | None:
        """The hero's resized copies for a <picture>; None without them (the
        upload itself is never sent to readers)."""
        if not self.hero_image or self.hero_renditions.get("source") != (
            self.hero_image.name
        ):
            return None
        return picture_sources(self.hero_renditions, storage=self.hero_image.storage)

    def _hero_renditions_current(self) -> bool:
        renditions = self.hero_renditions
        return (
            renditions.get("source") == self.hero_image.name
            and renditions.get("aspect") == HERO_ASPECT
        )

    def clean(self):
        if self.status == self.Status.SCHEDULED and not self.publish_at:
            raise ValidationError(
                {"publish_at": "A scheduled article needs a publish time."}
            )
        if self.status == self.Status.PUBLISHED and not self.publish_at:
            self.publish_at = timezone.now()
        if self.hero_image and not self.hero_image_alt:
            raise ValidationError(
                {"hero_image_alt": "Describe the picture for readers who can't see it."}
            )

    @property
    def is_public(self):
        return (
            self.status != self.Status.DRAFT
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def reading_minutes(self):
        return max(1, math.ceil(len(self.body.split()) / WORDS_READ_PER_MINUTE))

    @property
    def page_title(self):
        return self.seo_title or self.title

    @property
    def page_description(self):
        return self.seo_description or self.summary

    @property
    def has_named_author(self):
        return bool(self.author_id and self.author.get_full_name())

    @property
    def author_name(self):
        """The author's full name; a user name is an account, not a byline."""
        if self.has_named_author:
            return self.author.get_full_name()
        return settings.OSCAR_SHOP_NAME


class ArticlePicture(models.Model):
    """A picture shown inside an article's body, where the body names it:
    [[image: name]] on a line of its own, or ![what it shows](name)."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="pictures"
    )
    name = models.SlugField(
        max_length=60,
        help_text="How the body calls it: lower case, digits and dashes, "
        "e.g. morning-tea.",
    )
    image = models.ImageField(
        "picture",
        upload_to="articles/pictures/",
        validators=[validate_picture_upload],
        help_text="Readers get resized copies; upload a JPEG or PNG up to a few MB.",
    )
    alt = models.CharField(
        "description",
        max_length=200,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "name"], name="article_picture_name_once"
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.image and self.renditions.get("source") != self.image.name:
            super().save(*args, **kwargs)
            self.renditions = make_renditions(
                source=self.image, storage=self.image.storage, widths=PICTURE_WIDTHS
            )
            kwargs = {"update_fields": ["renditions"]}
        super().save(*args, **kwargs)

    def picture(self) -> dict | None:
        if not self.image or self.renditions.get("source") != self.image.name:
            return None
        return picture_sources(self.renditions, storage=self.image.storage)


class FAQItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Plain text; a blank line starts a paragraph.")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "FAQ"
        verbose_name_plural = "FAQ"

    def __str__(self):
        return self.question


class RelatedProduct(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_products"
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "product"], name="article_product_once"
            )
        ]

    def __str__(self):
        return str(self.product)
