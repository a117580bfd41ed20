import pytest
from django.urls import reverse
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name", ["home", "catalogue:index", "basket:summary", "articles:list"]
)
def test_every_page_head_links_the_article_feed(client, url_name):
    html = client.get(reverse(url_name)).content.decode()

    head = html.split("</head>")[0]
    feed = reverse("articles:feed")
    assert (
        f'type="application/atom+xml" title="GoToBetter articles" href="{feed}"' in head
    )


def test_product_page_head_links_the_article_feed(client, demo_catalogue):
    product = Product.objects.first()

    html = client.get(product.get_absolute_url()).content.decode()

    assert reverse("articles:feed") in html.split("</head>")[0]
