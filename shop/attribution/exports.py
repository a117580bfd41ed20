"""The report's tables as CSV files, safe to open in a spreadsheet."""

import csv

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """Keep a spreadsheet from running a tag someone typed as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def _article_rows(report, absolute):
    yield (
        "article",
        "url",
        "views",
        "kit sign-ups",
        "orders",
        "revenue",
        "per 100 views",
    )
    for row in report.articles:
        article = row.article
        yield (
            article.title if article else "(no article)",
            absolute(article.get_absolute_url()) if article else "",
            row.views,
            row.signups,
            row.orders,
            row.revenue,
            "" if row.conversion is None else row.conversion,
        )


def _product_rows(report, absolute):
    yield ("product", "url", "orders", "units", "revenue", "orders from articles")
    for row in report.products:
        yield (
            row.title,
            absolute(row.url) if row.url else "",
            row.orders,
            row.units,
            row.revenue,
            row.from_articles,
        )


def _source_rows(report, absolute):
    yield ("source", "medium", "campaign", "kit sign-ups", "orders", "revenue")
    for row in report.sources:
        yield (
            row.source,
            row.medium,
            row.campaign,
            row.signups,
            row.orders,
            row.revenue,
        )


def _period_rows(report, absolute):
    yield ("week starting" if report.dates.weekly else "day", "revenue", "kit sign-ups")
    for row in report.periods:
        yield (row.starts.isoformat(), row.revenue, row.signups)


TABLES = {
    "articles": _article_rows,
    "products": _product_rows,
    "sources": _source_rows,
    "days": _period_rows,
}


def csv_response(report, table: str, *, absolute) -> HttpResponse:
    dates = report.dates
    name = (
        f"whats-working-{table}-{dates.start.isoformat()}-{dates.end.isoformat()}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    for row in TABLES[table](report, absolute):
        writer.writerow([csv_safe(value) for value in row])
    return response
