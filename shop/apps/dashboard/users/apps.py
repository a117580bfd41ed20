from oscar.apps.dashboard.users import apps


class UsersDashboardConfig(apps.UsersDashboardConfig):
    """Forked so that get_class finds our customer table (sortable columns)."""

    name = "shop.apps.dashboard.users"
