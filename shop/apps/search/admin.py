from django.contrib import admin

from shop.apps.search.models import RelatedWord


@admin.register(RelatedWord)
class RelatedWordAdmin(admin.ModelAdmin):
    """Words readers search for that the pages say another way."""

    list_display = ["word", "also"]
    search_fields = ["word", "also"]
