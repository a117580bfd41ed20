from django.urls import path

from shop.apps.order import views

app_name = "library"
urlpatterns = [
    path("", views.library_request, name="request"),
    path("sent/", views.library_sent, name="sent"),
    path("<str:token>/", views.library, name="page"),
]
