from decimal import Decimal
from io import BytesIO

import factory
from django.core.files.base import ContentFile
from oscar.core.loading import get_model
from PIL import Image

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Printable"
    requires_shipping = False
    track_stock = False


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name",)

    name = "GoToBetter"


class ProductFactory(factory.django.DjangoModelFactory):
    """A public printable with a price, as the shop sells it."""

    class Meta:
        model = Product

    title = factory.Sequence(lambda n: f"Gentle Planner {n}")
    upc = factory.Sequence(lambda n: f"TEST-{n:04d}")
    description = "<p>A calm page for a busy week.</p>"
    product_class = factory.SubFactory(ProductClassFactory)
    structure = Product.STANDALONE
    is_public = True

    @factory.post_generation
    def price(obj, create, extracted, **kwargs):
        """A stock record at this price (Oscar sells nothing without one)."""
        if not create:
            return
        StockRecord.objects.create(
            product=obj,
            partner=PartnerFactory(),
            partner_sku=obj.upc,
            price=extracted if extracted is not None else Decimal("9.90"),
            price_currency="USD",
        )

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            for category in extracted:
                obj.categories.add(category)


def category(name: str) -> Category:
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    return create_from_breadcrumbs(name)


def cover_png(*, width: int = 600, height: int = 600) -> bytes:
    """A small real PNG, so resizing at upload runs as it does for staff."""
    buffer = BytesIO()
    Image.new("RGB", (width, height), (221, 230, 214)).save(buffer, "PNG")
    return buffer.getvalue()


class ProductImageFactory(factory.django.DjangoModelFactory):
    """A product's cover, uploaded as staff upload it."""

    class Meta:
        model = ProductImage

    product = factory.SubFactory(ProductFactory)
    caption = "Cover"
    original = factory.LazyFunction(lambda: ContentFile(cover_png(), name="cover.png"))
