"""The three legal pages: short, plain, and kept as templates beside the code."""

from django.urls import path
from django.views.generic import TemplateView

app_name = "legal"


def _page(name):
    return TemplateView.as_view(template_name=f"legal/{name}.html")


urlpatterns = [
    path("privacy/", _page("privacy"), name="privacy"),
    path("terms/", _page("terms"), name="terms"),
    path("refunds/", _page("refunds"), name="refunds"),
]
