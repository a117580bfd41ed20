from django.urls import path

from shop.apps.order import views

app_name = "order"
urlpatterns = [
    path("<str:token>/", views.receipt, name="receipt"),
]
