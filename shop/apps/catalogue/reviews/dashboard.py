"""The review request settings' entry in Oscar's dashboard navigation.

Kept free of model imports: shop/settings.py imports it.
"""


def can_change_review_requests(user, url_name, url_args=None, url_kwargs=None):
    # Oscar's default check only knows dashboard URLs; this page is the admin's.
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("reviews.change_reviewrequestpolicy")
    )
