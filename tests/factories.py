from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductFile = get_model("downloads", "ProductFile")


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


def pdf_bytes(text: str, pages: int = 1) -> bytes:
    """A small, real PDF with `text` on each page."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    for __ in range(pages):
        drawing.drawString(72, 720, text)
        drawing.showPage()
    drawing.save()
    return buffer.getvalue()


class ProductFileFactory(factory.django.DjangoModelFactory):
    """A PDF that a printable delivers, in private storage."""

    class Meta:
        model = ProductFile

    product = factory.SubFactory(ProductFactory)
    title = factory.LazyAttribute(lambda o: f"{o.product.title} (PDF)")
    content_type = "application/pdf"
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            pdf_bytes(f"Contents of {o.product.title}"),
            name=f"{o.product.slug or 'printable'}.pdf",
        )
    )
