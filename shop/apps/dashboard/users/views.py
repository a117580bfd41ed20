"""The dashboard's customer pages (loaded by Oscar through
get_class("dashboard.users.views", ...))."""

from oscar.apps.dashboard.users import views

from shop.apps.dashboard.bulk import WholeNumberIdsMixin


class IndexView(WholeNumberIdsMixin, views.IndexView):
    pass
