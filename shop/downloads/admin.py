from django.contrib import admin

from shop.downloads.models import ProductFile


@admin.register(ProductFile)
class ProductFileAdmin(admin.ModelAdmin):
    list_display = ["title", "product", "position", "updated"]
    list_select_related = ["product"]
    search_fields = ["title", "product__title"]
    autocomplete_fields = []
    raw_id_fields = ["product"]
