import csv

from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path

from content.kit.models import Subscriber

CSV_FIELDS = (
    "email",
    "first_name",
    "status",
    "source",
    "consent_version",
    "created_at",
    "confirmed_at",
    "unsubscribed_at",
)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "first_name",
        "status",
        "source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    list_filter = ("status", "source", "created_at", "confirmed_at")
    search_fields = ("email", "first_name", "source")
    date_hierarchy = "created_at"
    readonly_fields = (
        "email",
        "consent_version",
        "ip_hash",
        "created_at",
        "updated_at",
        "confirmation_sent_at",
        "kit_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    actions = ["export_csv"]
    change_list_template = "admin/kit/subscriber/change_list.html"

    def has_add_permission(self, request):
        # Subscribers sign up themselves: consent cannot be entered for them.
        return False

    @admin.action(description="Export selected subscribers as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_FIELDS)
        for row in queryset.values_list(*CSV_FIELDS):
            writer.writerow([_csv_safe(value) for value in row])
        return response

    def get_urls(self):
        sources = path(
            "sources/",
            self.admin_site.admin_view(self.sources_view),
            name="kit_subscriber_sources",
        )
        return [sources, *super().get_urls()]

    def sources_view(self, request):
        if not self.has_view_permission(request):
            return self.admin_site.login(request)
        context = {
            **self.admin_site.each_context(request),
            "title": "Subscribers per source",
            "opts": self.model._meta,
            "rows": Subscriber.objects.counts_by_source(),
        }
        return TemplateResponse(request, "admin/kit/subscriber/sources.html", context)


def _csv_safe(value):
    """Keep a spreadsheet from running what a subscriber typed as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
