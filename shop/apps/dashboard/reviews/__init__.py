default_app_config = "shop.apps.dashboard.reviews.apps.ReviewsDashboardConfig"
