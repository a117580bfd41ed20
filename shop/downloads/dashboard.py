"""The downloads' entries in Oscar's dashboard navigation.

Kept free of model imports: shop/settings.py imports it.
"""


def can_change_download_links(user, url_name, url_args=None, url_kwargs=None):
    # Oscar's default check only knows dashboard URLs; these pages are the admin's.
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("downloads.change_downloadlink")
    )


def can_change_download_policy(user, url_name, url_args=None, url_kwargs=None):
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("downloads.change_downloadpolicy")
    )
