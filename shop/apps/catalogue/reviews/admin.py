from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from oscar.apps.catalogue.reviews.admin import *  # noqa: F403

from shop.apps.catalogue.reviews.models import ReviewRequestPolicy


@admin.register(ReviewRequestPolicy)
class ReviewRequestPolicyAdmin(admin.ModelAdmin):
    """One page: whether and when buyers are asked for a review. Its list
    goes straight to it; before staff first save it, it shows the defaults."""

    fields = ["enabled", "delay_days"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_object(self, request, object_id, from_field=None):
        if str(object_id) != str(ReviewRequestPolicy.SINGLETON_ID):
            return None
        return ReviewRequestPolicy.objects.current()

    def changelist_view(self, request, extra_context=None):
        return redirect(
            reverse(
                "admin:reviews_reviewrequestpolicy_change",
                args=[ReviewRequestPolicy.SINGLETON_ID],
            )
        )
