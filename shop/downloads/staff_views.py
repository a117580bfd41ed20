"""Staff actions on downloads, posted from Oscar's dashboard order page."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from shop.downloads import services
from shop.downloads.models import DownloadLink

Order = get_model("order", "Order")


@staff_member_required
@require_POST
def resend(request, number):
    order = get_object_or_404(Order, number=number)
    services.download_email_resend(order=order)
    messages.success(request, f"The download e-mail is on its way to {order.email}.")
    return redirect("dashboard:order-detail", number=number)


@staff_member_required
@require_POST
def reset_count(request, pk):
    link = get_object_or_404(DownloadLink.objects.select_related("line__order"), pk=pk)
    services.download_count_reset(link=link)
    messages.success(request, f"{link.product_file.title} can be downloaded again.")
    return redirect("dashboard:order-detail", number=link.line.order.number)
