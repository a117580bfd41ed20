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
