from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from content import views as content_views
from shop import health
from shop.apps.catalogue.reviews import views as review_views
from shop.robots import robots_txt
from shop.signin import AdminSignInForm
from shop.sitemaps import SITEMAPS

# The admin's sign-in says why while an account is cooling off (shop/signin.py).
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path("", content_views.HomeView.as_view(), name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("articles/", include("content.articles.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("admin/", admin.site.urls),
    path("dashboard/whats-working/", include("shop.attribution.urls")),
    path("kit/", include("content.kit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("content.legal.urls")),
    path("payments/", include("shop.payments.urls")),
    path("downloads/", include("shop.downloads.urls")),
    path("receipts/", include("shop.apps.order.urls")),
    path("my-downloads/", include("shop.apps.order.library_urls")),
    path(
        "reviews/no-more-requests/<str:token>/",
        review_views.review_requests_opt_out,
        name="review-requests-opt-out",
    ),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.SERVE_MEDIA:
    # Covers and thumbnails while developing; in production the web server in
    # front of gunicorn serves MEDIA_ROOT. Paid files are never in MEDIA_ROOT.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
