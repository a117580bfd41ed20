from oscar.apps.dashboard.catalogue import apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Forked so that get_class finds our product editor (files, list columns)."""

    name = "shop.apps.dashboard.catalogue"
