import csv
from datetime import date, datetime, time, timedelta

from django.contrib import admin
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from content.articles.models import Article
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


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


class SignedUpBetween(admin.ListFilter):
    """Sign-ups from one day to another (both included), typed as dates."""

    title = "signed up between"
    template = "admin/kit/subscriber/date_range_filter.html"
    parameters = ("signed_up_from", "signed_up_to")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.values = {}
        for name in self.parameters:
            if name in params:
                value = params.pop(name)
                value = value[-1] if isinstance(value, list) else value
                self.used_parameters[name] = value
                self.values[name] = _day(value)
        self.preserved = [
            (key, value)
            for key, values in request.GET.lists()
            if key not in self.parameters
            for value in values
        ]

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def choices(self, changelist):
        return []

    def queryset(self, request, queryset):
        zone = timezone.get_current_timezone()
        start, end = self.values.get("signed_up_from"), self.values.get("signed_up_to")
        if start:
            queryset = queryset.filter(
                created_at__gte=datetime.combine(start, time.min, tzinfo=zone)
            )
        if end:
            queryset = queryset.filter(
                created_at__lt=datetime.combine(
                    end + timedelta(days=1), time.min, tzinfo=zone
                )
            )
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = (
        "email",
        "first_name",
        "status",
        "article",
        "source",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    )
    list_filter = (SignedUpBetween, "status", "source", "confirmed_at")
    list_select_related = ("attribution__article",)
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

    @admin.display(description="Article", ordering="attribution__article__title")
    def article(self, subscriber):
        """The article that led to the sign-up, linked to where readers read it."""
        attribution = getattr(subscriber, "attribution", None)
        if attribution is None or attribution.article is None:
            return "–"
        article = attribution.article
        return format_html(
            '<a href="{}">{}</a>', article.get_absolute_url(), article.title
        )

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
        dates = SignedUpBetween(request, dict(request.GET.lists()), Subscriber, self)
        rows = list(
            dates.queryset(request, Subscriber.objects.all()).counts_by_source()
        )
        # A box in an article names it by slug: show its title, linked.
        articles = Article.objects.filter(
            slug__in=[row["source"] for row in rows]
        ).in_bulk(field_name="slug")
        for row in rows:
            row["article"] = articles.get(row["source"])
        context = {
            **self.admin_site.each_context(request),
            "title": "Subscribers per source",
            "opts": self.model._meta,
            "rows": rows,
            "spec": dates,
        }
        return TemplateResponse(request, "admin/kit/subscriber/sources.html", context)


def _csv_safe(value):
    """Keep a spreadsheet from running what a subscriber typed as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
