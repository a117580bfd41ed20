from django.urls import path

from shop.downloads import staff_views, views

app_name = "downloads"
urlpatterns = [
    path("sent/", views.renewed, name="renewed"),
    path(
        "staff/orders/<str:number>/resend/",
        staff_views.resend,
        name="staff-resend",
    ),
    path(
        "staff/orders/<str:number>/missing-links/",
        staff_views.give_missing_links,
        name="staff-missing-links",
    ),
    path(
        "staff/links/<int:pk>/reset/",
        staff_views.reset_count,
        name="staff-reset",
    ),
    path("<str:token>/", views.download, name="file"),
    path("<str:token>/renew/", views.renew, name="renew"),
]
