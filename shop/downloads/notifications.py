from shop.downloads.models import DownloadLink
from shop.mail.messages import absolute_url, send_templated


def send_fresh_link(*, link_id: int) -> None:
    link = DownloadLink.objects.select_related("line__order", "product_file").get(
        pk=link_id
    )
    order = link.line.order
    send_templated(
        template="downloads/email/fresh_link",
        context={
            "order": order,
            "link": link,
            "url": absolute_url(link.get_absolute_url()),
        },
        to=order.email,
    )


def send_links_added(*, order_id: int, link_ids: list[int]) -> None:
    """Links for files an order was owed (its product had none yet)."""
    links = list(
        DownloadLink.objects.filter(pk__in=link_ids, line__order_id=order_id)
        .select_related("line__order", "product_file")
        .order_by("line", "product_file__position", "pk")
    )
    order = links[0].line.order
    send_templated(
        template="downloads/email/links_added",
        context={
            "order": order,
            "links": [
                {
                    "title": link.product_file.title,
                    "url": absolute_url(link.get_absolute_url()),
                    "link": link,
                }
                for link in links
            ],
        },
        to=order.email,
    )


def send_new_version(*, notice) -> None:
    """A new version of a file a buyer has, with a fresh link of their own."""
    link = notice.link
    version = notice.version
    send_templated(
        template="downloads/email/new_version",
        context={
            "order": link.line.order,
            "product_title": link.product_file.product.get_title(),
            "link": link,
            "version": version,
            "url": absolute_url(link.get_absolute_url()),
        },
        to=notice.email,
    )
