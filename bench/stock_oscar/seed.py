"""One product with a price and a category in the stock Oscar shop."""

from decimal import Decimal

from django.contrib.sites.models import Site
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def seed() -> str:
    """The product page's path."""
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "127.0.0.1", "name": "Stock"}
    )
    kind, _ = ProductClass.objects.get_or_create(
        name="Printable", defaults={"requires_shipping": False, "track_stock": False}
    )
    product = Product.objects.filter(upc="STOCK-1").first()
    if product is None:
        product = Product.objects.create(
            title="Self-Care Tracker",
            upc="STOCK-1",
            product_class=kind,
            description="<p>Small daily self-care check-ins.</p>",
        )
        product.categories.add(create_from_breadcrumbs("Trackers"))
        partner, _ = Partner.objects.get_or_create(name="Stock")
        StockRecord.objects.create(
            product=product,
            partner=partner,
            partner_sku="STOCK-1",
            price=Decimal("9.90"),
            price_currency="USD",
        )
    return product.get_absolute_url()


print(seed())
