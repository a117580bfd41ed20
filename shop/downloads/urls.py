from django.urls import path

from shop.downloads import views

app_name = "downloads"
urlpatterns = [
    path("sent/", views.renewed, name="renewed"),
    path("<str:token>/", views.download, name="file"),
    path("<str:token>/renew/", views.renew, name="renew"),
]
