from oscar.apps.order import apps


class OrderConfig(apps.OrderConfig):
    """Forked so that get_class finds our order EventHandler (processing.py)."""

    name = "shop.apps.order"
