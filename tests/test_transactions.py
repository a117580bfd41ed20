"""A request that writes is all or nothing, on either database."""

import pytest
from django.http import HttpResponse
from django.urls import path

from content.kit.models import Subscriber
from shop.urls import urlpatterns as shop_urlpatterns
from tests.factories import SubscriberFactory


def half_written(request):
    SubscriberFactory(email="half@example.test")
    if request.method == "POST":
        raise RuntimeError("failed after its first write")
    return HttpResponse("written")


urlpatterns = [path("half-written/", half_written), *shop_urlpatterns]


@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_a_post_that_fails_half_way_stores_nothing(client):
    client.raise_request_exception = False

    response = client.post("/half-written/")

    assert response.status_code == 500
    assert not Subscriber.objects.filter(email="half@example.test").exists()
