from django.contrib import admin

from shop.downloads.models import DownloadLink, ProductFile


@admin.register(ProductFile)
class ProductFileAdmin(admin.ModelAdmin):
    list_display = ["title", "product", "position", "updated"]
    list_select_related = ["product"]
    search_fields = ["title", "product__title"]
    autocomplete_fields = []
    raw_id_fields = ["product"]


@admin.register(DownloadLink)
class DownloadLinkAdmin(admin.ModelAdmin):
    """Staff change a link's expiry or allowance, or reset its count, here."""

    list_display = [
        "product_file",
        "line",
        "download_count",
        "max_downloads",
        "expires_at",
        "revoked_at",
    ]
    list_select_related = ["product_file", "line__order"]
    search_fields = ["line__order__number", "line__order__guest_email", "token"]
    raw_id_fields = ["line", "product_file"]
    readonly_fields = ["token", "created"]
