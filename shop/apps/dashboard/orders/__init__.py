default_app_config = "shop.apps.dashboard.orders.apps.OrdersDashboardConfig"
