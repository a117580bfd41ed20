default_app_config = "shop.apps.dashboard.users.apps.UsersDashboardConfig"
