from django.contrib import admin, messages
from django.utils.html import format_html

from content.articles import blocks, rendering
from content.articles.models import (
    Article,
    ArticlePicture,
    FAQItem,
    RelatedProduct,
    Series,
    Topic,
)

BLOCK_HELP = """Write in Markdown: ## for a section heading, *single stars* for
emphasis, - for a bullet. Blocks go on lines of their own:
[[product: Simple Meal Planner]] a product card ·
[[cross-sell: Ultimate Habit Tracker | Ready to track more than one habit?]] ·
[[kit]] the free starter-kit box ·
[[mini-tool: A 3-minute evening check-in]] then numbered steps, then [[/mini-tool]] ·
[[quote: who said it]] then the words, then [[/quote]] ·
[[image: morning-tea | an optional caption]] a picture uploaded under
“Pictures in the body” below, by its name; inside a paragraph write
![what it shows](morning-tea). Readers get resized copies; pictures from
other sites are not shown. Save, then press “View on site” to preview the
real page: mistakes in blocks are shown there in red, to staff only."""


class FAQInline(admin.StackedInline):
    model = FAQItem
    extra = 1
    fields = ["position", "question", "answer"]


class PictureInline(admin.StackedInline):
    model = ArticlePicture
    extra = 1
    fields = ["name", "image", "alt"]
    verbose_name = "picture in the body"
    verbose_name_plural = "pictures in the body (the body shows one as [[image: name]])"


class RelatedProductInline(admin.TabularInline):
    model = RelatedProduct
    extra = 1
    autocomplete_fields = ["product"]
    fields = ["position", "product"]
    verbose_name = "related product (shown in a row at the end)"
    verbose_name_plural = "related products (shown in a row at the end)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "publish_at", "series", "updated_at", "page"]
    list_filter = ["status", "series", "topics"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "topics"]
    inlines = [PictureInline, FAQInline, RelatedProductInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "publish_at", "author"]}),
        ("Picture", {"fields": ["hero_image", "hero_image_alt"]}),
        ("Series and topics", {"fields": ["series", "series_position", "topics"]}),
        (
            "Search engines",
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("help_texts", {})["body"] = BLOCK_HELP
        form = super().get_form(request, obj, change=change, **kwargs)
        form.base_fields["author"].initial = request.user.pk
        return form

    def view_on_site(self, article):
        # The page on this host, not on the domain stored in Django's Site.
        return article.get_absolute_url()

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="page")
    def page(self, article):
        label = "Read" if article.is_public else "Preview"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), label)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pictures = form.instance.pictures.values_list("name", flat=True)
        for problem in block_problems(form.instance.body, pictures=pictures):
            messages.warning(request, f"Readers will not see a block: {problem}")


def block_problems(body, *, pictures=()):
    """What the preview would flag in red, so staff hear of it when saving.

    pictures: the names of the pictures uploaded with the article.
    """
    parts = blocks.parse(body)
    problems = [part.message for part in parts if isinstance(part, blocks.Problem)]
    named = {
        part.product_name
        for part in parts
        if isinstance(part, blocks.ProductCard | blocks.CrossSell)
    }
    on_sale = {
        title.casefold()
        for title in rendering.products_for_cards().values_list("title", flat=True)
    }
    problems += [
        f"no product called “{name}” is on sale."
        for name in sorted(named)
        if name.casefold() not in on_sale
    ]
    uploaded = set(pictures)
    problems += [
        f"no picture called “{name}” is uploaded with this article."
        for name in sorted(blocks.picture_names(parts))
        if name not in uploaded
    ]
    return problems


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "pillar_guide"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["pillar_guide"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
