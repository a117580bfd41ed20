"""Staff actions on an order, posted from Oscar's dashboard order page."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model

from shop.payments import services

Order = get_model("order", "Order")


@staff_member_required
@require_POST
def refund(request, number):
    """Refund the selected lines, or the whole order when asked to."""
    order = get_object_or_404(Order, number=number)
    if request.POST.get("whole_order"):
        lines = None
    else:
        lines = list(order.lines.filter(pk__in=request.POST.getlist("selected_line")))
        if not lines:
            messages.error(request, "Choose the lines to refund first.")
            return redirect("dashboard:order-detail", number=number)
    try:
        refunded = services.order_refund(order=order, lines=lines)
    except services.RefundRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"Refunded {refunded.amount / 100:.2f} {refunded.currency.upper()} "
            "through Stripe; the refunded files' download links are switched off.",
        )
    return redirect("dashboard:order-detail", number=number)
