default_app_config = "shop.apps.dashboard.catalogue.apps.CatalogueDashboardConfig"
