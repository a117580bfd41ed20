"""The starter kit's entry in Oscar's dashboard navigation.

Kept free of model imports: shop/settings.py imports it.
"""


def can_view_subscribers(user, url_name, url_args=None, url_kwargs=None):
    # Oscar's default check only knows dashboard URLs; the list is Django's admin.
    return user.is_staff and user.has_perm("kit.view_subscriber")
