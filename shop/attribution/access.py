"""Who may open the report, for Oscar's dashboard navigation.

Kept free of model imports: shop/settings.py imports it.
"""

REPORT_PERMISSION = "attribution.view_report"


def can_view_report(user, url_name=None, url_args=None, url_kwargs=None):
    return user.is_active and user.is_staff and user.has_perm(REPORT_PERMISSION)
