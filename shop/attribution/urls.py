from django.urls import path

from shop.attribution import views

app_name = "attribution"

urlpatterns = [
    path("", views.ReportView.as_view(), name="report"),
]
