"""The outbox's entry in Oscar's dashboard navigation.

Kept free of model imports: shop/settings.py imports it.
"""


def can_view_outbox(user, url_name, url_args=None, url_kwargs=None):
    return (
        user.is_active and user.is_staff and user.has_perm("mail.view_outgoingmessage")
    )
