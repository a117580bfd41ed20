from django import forms
from django.contrib import admin
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse

from shop.downloads.models import DownloadLink, DownloadPolicy, ProductFile
from shop.downloads.services import download_links_add_missing_for_product


@admin.register(ProductFile)
class ProductFileAdmin(admin.ModelAdmin):
    list_display = ["title", "product", "position", "version", "archived_at", "updated"]
    list_select_related = ["product"]
    search_fields = ["title", "product__title"]
    autocomplete_fields = []
    raw_id_fields = ["product"]
    fields = [
        "product",
        "title",
        "current_file",
        "file",
        "content_type",
        "position",
        "archived_at",
    ]
    readonly_fields = ["current_file"]
    # Django's file widget links the current file at its URL, and a paid file
    # has none (it would answer 500): show its name and offer a new upload.
    formfield_overrides = {models.FileField: {"widget": forms.FileInput}}

    @admin.display(description="Current file")
    def current_file(self, product_file):
        if not product_file.file:
            return "None yet"
        return (
            f"Version {product_file.version}: {product_file.uploaded_name} "
            f"(buyers save it as {product_file.download_name}). The product's "
            "Files tab in the dashboard keeps every version."
        )

    def save_model(self, request, obj, form, change):
        # A new upload here is a new version too, recorded with who made it.
        first = (
            not change
            and not ProductFile.objects.active().filter(product=obj.product).exists()
        )
        obj.save(uploaded_by=request.user)
        if first:
            download_links_add_missing_for_product(product=obj.product)


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
    change_list_template = "admin/downloads/downloadlink/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "download_policy": DownloadPolicy.objects.current(),
        }
        return super().changelist_view(request, extra_context)


@admin.register(DownloadPolicy)
class DownloadPolicyAdmin(admin.ModelAdmin):
    """One page: the limits new links get. Its list goes straight to it.

    Before staff first save it, the page shows the environment's
    DOWNLOAD_EXPIRY_DAYS and DOWNLOAD_LIMIT, which new links get until then.
    """

    fields = ["expiry_days", "download_limit"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        if str(object_id) != str(DownloadPolicy.SINGLETON_ID):
            return None
        return DownloadPolicy.objects.current()

    def changelist_view(self, request, extra_context=None):
        return redirect(
            reverse(
                "admin:downloads_downloadpolicy_change",
                args=[DownloadPolicy.SINGLETON_ID],
            )
        )
