"""Keeping the search documents in step with what they describe.

A product's document holds its title, description, categories and the words
printed in its active files; an article's its title, summary, body, topics and
series. Each save of one of them (or of a product's file) writes its document
again in the same transaction, and every new word joins the vocabulary.
"""

import re

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from content.articles.models import Article
from shop.apps.search.models import SearchDocument, SearchWord
from shop.downloads.models import ProductFile

Product = get_model("catalogue", "Product")

WORD = re.compile(r"[^\W\d_]{3,40}")


def words_of(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def product_document(product) -> tuple[str, str]:
    files = product.files.filter(archived_at__isnull=True).order_by("position", "pk")
    parts = [
        strip_tags(product.description or ""),
        " ".join(product.categories.values_list("name", flat=True)),
        *(f"{each.title}\n{each.text or ''}" for each in files),
    ]
    return product.title, "\n".join(part for part in parts if part)


def article_document(article) -> tuple[str, str]:
    parts = [
        article.summary,
        article.body,
        " ".join(article.topics.values_list("name", flat=True)),
        article.series.name if article.series_id else "",
    ]
    return article.title, "\n".join(part for part in parts if part)


def _write(kind: str, object_id: int, title: str, text: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=object_id, defaults={"title": title, "text": text}
    )
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words_of(f"{title}\n{text}"))],
        ignore_conflicts=True,
    )


def product_index(*, product) -> None:
    _write(SearchDocument.Kind.PRODUCT, product.pk, *product_document(product))


def article_index(*, article) -> None:
    _write(SearchDocument.Kind.ARTICLE, article.pk, *article_document(article))


def forget(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def rebuild() -> int:
    """Every product's and article's document written again; how many."""
    count = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for product in Product.objects.prefetch_related("categories"):
            product_index(product=product)
            count += 1
        for article in Article.objects.select_related("series"):
            article_index(article=article)
            count += 1
    return count


def _product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        product_index(product=instance)


def _product_deleted(sender, instance, **kwargs):
    forget(kind=SearchDocument.Kind.PRODUCT, object_id=instance.pk)


def _file_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    product = Product.objects.filter(pk=instance.product_id).first()
    if product is not None:
        product_index(product=product)


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        article_index(article=instance)


def _article_deleted(sender, instance, **kwargs):
    forget(kind=SearchDocument.Kind.ARTICLE, object_id=instance.pk)


def _article_topics_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and hasattr(instance, "topics"):
        article_index(article=instance)


def _product_categories_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and hasattr(instance, "categories"):
        product_index(product=instance)


def connect() -> None:
    uid = "search.index"
    post_save.connect(_product_saved, sender=Product, dispatch_uid=f"{uid}.p")
    post_delete.connect(_product_deleted, sender=Product, dispatch_uid=f"{uid}.pd")
    post_save.connect(_file_changed, sender=ProductFile, dispatch_uid=f"{uid}.f")
    post_delete.connect(_file_changed, sender=ProductFile, dispatch_uid=f"{uid}.fd")
    post_save.connect(_article_saved, sender=Article, dispatch_uid=f"{uid}.a")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=f"{uid}.ad")
    m2m_changed.connect(
        _article_topics_changed,
        sender=Article.topics.through,
        dispatch_uid=f"{uid}.at",
    )
    m2m_changed.connect(
        _product_categories_changed,
        sender=Product.categories.through,
        dispatch_uid=f"{uid}.pc",
    )
