"""Staff actions on downloads, posted from Oscar's dashboard order page.

Each one needs the downloads app's permission to change links, and to see
the order it belongs to: being staff is not enough.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model
from oscar.views.decorators import permissions_required

from shop.downloads import services
from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")

CHANGE_LINKS = ["is_staff", "order.view_order", "downloads.change_downloadlink"]


@permissions_required(CHANGE_LINKS)
@require_POST
def resend(request, number):
    order = get_object_or_404(Order, number=number)
    services.download_email_resend(order=order)
    messages.success(request, f"The download e-mail is on its way to {order.email}.")
    return redirect("dashboard:order-detail", number=number)


@permissions_required(CHANGE_LINKS)
@require_POST
def reset_count(request, pk):
    link = get_object_or_404(DownloadLink.objects.select_related("line__order"), pk=pk)
    services.download_count_reset(link=link)
    messages.success(request, f"{link.product_file.title} can be downloaded again.")
    return redirect("dashboard:order-detail", number=link.line.order.number)


@permissions_required(CHANGE_LINKS)
@require_POST
def give_missing_links(request, number):
    order = get_object_or_404(Order, number=number)
    links = services.download_links_add_missing(order=order)
    if links:
        messages.success(
            request,
            f"{len(links)} new download link{'s' if len(links) > 1 else ''} "
            f"e-mailed to {order.email}.",
        )
    else:
        messages.info(
            request,
            "Nothing was missing: every line still paid for has a link to each "
            "of its product's files.",
        )
    return redirect("dashboard:order-detail", number=number)
