"""Who sees the articles entry in Oscar's dashboard menu.

Imported by settings (OSCAR_DASHBOARD_NAVIGATION), so it imports no model.
"""


def can_change_articles(user, url_name, url_args=None, url_kwargs=None):
    return user.is_active and user.is_staff and user.has_perm("articles.change_article")
