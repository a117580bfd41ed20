from django.urls import path

from content.kit import views

app_name = "kit"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("claim/", views.claim, name="claim"),
    path("check-your-inbox/", views.check_inbox, name="check-inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("yours/<str:token>/", views.downloads, name="downloads"),
    path("yours/<str:token>/<str:name>", views.download_file, name="file"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
