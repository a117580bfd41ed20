from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
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
        skip_postgeneration_save = True

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

    @factory.post_generation
    def files(obj, create, extracted, **kwargs):
        """One PDF, "<title> (PDF)": a printable is on sale only with a file
        to deliver. `files=False` makes one that has none yet."""
        if create and extracted is not False:
            ProductFileFactory(product=obj)


def category(name: str) -> Category:
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    return create_from_breadcrumbs(name)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.Topic"

    name = factory.Sequence(lambda n: f"Gentle topic {n}")
    slug = factory.Sequence(lambda n: f"gentle-topic-{n}")


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.Series"

    name = factory.Sequence(lambda n: f"Small Steps Series {n}")
    slug = factory.Sequence(lambda n: f"small-steps-{n}")
    description = "Tiny actions, one at a time."


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article, public since yesterday."""

    class Meta:
        model = "articles.Article"

    title = factory.Sequence(lambda n: f"A Small Win {n}")
    slug = factory.Sequence(lambda n: f"a-small-win-{n}")
    summary = "One tiny action, counted gently."
    body = "## Start small\n\nOne glass of water counts."
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class FAQItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "articles.FAQItem"

    article = factory.SubFactory(ArticleFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "A short, kind answer."
    position = factory.Sequence(int)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A reader who claimed the starter kit; pending unless told otherwise."""

    class Meta:
        model = "kit.Subscriber"

    email = factory.Sequence(lambda n: f"reader{n}@example.test")
    first_name = "Sam"
    source = "kit"
    consent_version = "2026-11"

    class Params:
        confirmed = factory.Trait(
            status="confirmed", confirmed_at=factory.LazyFunction(timezone.now)
        )
        unsubscribed = factory.Trait(
            status="unsubscribed", unsubscribed_at=factory.LazyFunction(timezone.now)
        )


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

    product = factory.SubFactory(ProductFactory, files=False)
    title = factory.LazyAttribute(lambda o: f"{o.product.title} (PDF)")
    content_type = "application/pdf"
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            pdf_bytes(f"Contents of {o.product.title}"),
            name=f"{o.product.slug or 'printable'}.pdf",
        )
    )


def paid_order(*, products, email="reader@example.com"):
    """A paid guest order for these products with its download links, as
    fulfilment leaves it (whether or not each product had a file then)."""
    from oscar.apps.partner.strategy import Default
    from oscar.test.factories import create_order

    from shop.downloads.services import download_links_create

    Basket = get_model("basket", "Basket")
    basket = Basket.objects.create()
    basket.strategy = Default()
    for product in products:
        basket.add_product(product)
    order = create_order(basket=basket, guest_email=email, status="Paid")
    download_links_create(order=order)
    return order


def zip_bytes(**files: bytes) -> bytes:
    """A small, real ZIP holding these files (name=content)."""
    import zipfile

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
