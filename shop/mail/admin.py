from django.contrib import admin, messages

from shop.mail import services
from shop.mail.models import OutgoingMessage


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(admin.ModelAdmin):
    """Staff see what has not reached the mail server yet, and why, and send
    a message again once the cause (a wrong address, a mail outage) is gone."""

    list_display = [
        "created_at",
        "to",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    ]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "to",
        "subject",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Read-only: messages are sent again with the action, never edited.
        return False

    @admin.action(
        description="Send the selected e-mails again now",
        permissions=["view"],
    )
    def send_again(self, request, queryset):
        sent = sum(services.message_resend(outgoing=message) for message in queryset)
        skipped = queryset.count() - sent
        messages.success(
            request,
            f"{sent} e-mail(s) will be sent again within a minute."
            + (f" {skipped} already delivered or being sent." if skipped else ""),
        )
