from django.db import models


class SearchDocument(models.Model):
    """The words of one product or article, in the row search reads.

    Kept in step with the product, its files and the article on every save
    (`index.py`); whether the product or article may be shown is decided when
    searching, by `Product.objects.listed()` and `Article.objects.published()`,
    so publishing needs no re-indexing.
    """

    class Kind(models.TextChoices):
        PRODUCT = "product", "Printable"
        ARTICLE = "article", "Article"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveIntegerField()
    title = models.TextField()
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_document_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class SearchWord(models.Model):
    """Every word the shop's pages hold: where a misspelt word finds the one
    it was meant to be ("did you mean")."""

    word = models.CharField(max_length=40, unique=True)

    def __str__(self):
        return self.word


class RelatedWord(models.Model):
    """A word readers search for that the shop's pages say another way:
    searching for ``word`` also finds pages holding ``also``."""

    word = models.CharField(
        max_length=40, help_text="What readers type, one word, e.g. “sleep”."
    )
    also = models.CharField(
        max_length=40, help_text="A word the pages use for it, e.g. “bed”."
    )

    class Meta:
        ordering = ["word", "also"]
        constraints = [
            models.UniqueConstraint(fields=["word", "also"], name="related_word_once")
        ]

    def __str__(self):
        return f"{self.word} → {self.also}"

    def save(self, *args, **kwargs):
        self.word, self.also = self.word.strip().lower(), self.also.strip().lower()
        super().save(*args, **kwargs)
