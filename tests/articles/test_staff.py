"""Staff write and preview articles in the admin, reached from Oscar's dashboard."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.articles.models import Article
from shop.demo.covers import draw_cover
from tests.factories import ArticleFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser(
        "chief", "chief@example.com", "pw", first_name="Rosa", last_name="Lane"
    )
    client.force_login(user)
    return client


def article_form(**overrides):
    data = {
        "title": "Tiny Start",
        "slug": "tiny-start",
        "summary": "One small thing.",
        "body": "Hello\n\n[[product: Calm Week Planner]]",
        "status": "published",
        "publish_at_0": "",
        "publish_at_1": "",
        "series_position": "0",
        "faqs-TOTAL_FORMS": "1",
        "faqs-INITIAL_FORMS": "0",
        "faqs-0-position": "1",
        "faqs-0-question": "Why tiny?",
        "faqs-0-answer": "It fits any day.",
        "related_products-TOTAL_FORMS": "0",
        "related_products-INITIAL_FORMS": "0",
        "pictures-TOTAL_FORMS": "0",
        "pictures-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_dashboard_menu_links_to_the_articles_admin(admin_client):
    html = admin_client.get(reverse("dashboard:index")).content.decode()

    assert reverse("admin:articles_article_changelist") in html


def test_admin_pages_link_back_to_the_dashboard(admin_client):
    html = admin_client.get(
        reverse("admin:articles_article_changelist")
    ).content.decode()

    assert f'<a href="{reverse("dashboard:index")}">Back to the dashboard</a>' in html


def test_staff_publish_an_article_with_an_faq_from_the_admin(admin_client, client):
    ProductFactory(title="Calm Week Planner")

    response = admin_client.post(reverse("admin:articles_article_add"), article_form())

    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="tiny-start")
    assert article.is_public
    assert article.author_name == "Rosa Lane"
    assert [faq.question for faq in article.faqs.all()] == ["Why tiny?"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<summary>Why tiny?</summary>" in html


def test_scheduled_article_without_a_time_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"), article_form(status="scheduled")
    )

    assert response.status_code == 200
    assert "A scheduled article needs a publish time." in response.content.decode()
    assert not Article.objects.exists()


def test_saving_warns_about_blocks_readers_will_not_see(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        article_form(body="[[product: Gone Planner]]\n\n[[video: x]]"),
        follow=True,
    )

    html = response.content.decode()
    assert "no product called “Gone Planner” is on sale." in html
    assert "is not a block this page knows" in html


def test_article_change_page_has_view_on_site(admin_client):
    article = ArticleFactory(status="draft")

    html = admin_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert "View on site" in html


def test_product_autocomplete_finds_products_by_title(admin_client):
    ProductFactory(title="Calm Week Planner")
    ProductFactory(title="Loud Month Tracker")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "calm",
            "app_label": "articles",
            "model_name": "relatedproduct",
            "field_name": "product",
        },
    )

    assert [item["text"] for item in response.json()["results"]] == [
        "Calm Week Planner"
    ]


def test_hero_image_without_a_description_is_refused(admin_client):
    cover = draw_cover(title="Tiny", subtitle="Start", palette="sage")
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **article_form(),
            "hero_image": SimpleUploadedFile("hero.png", cover, "image/png"),
        },
    )

    assert "Describe the picture for readers who can" in response.content.decode()
    assert not Article.objects.exists()
