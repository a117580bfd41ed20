from oscar.apps.partner import apps


class PartnerConfig(apps.PartnerConfig):
    """Forked so that get_class finds our strategy (strategy.py)."""

    name = "shop.apps.partner"
