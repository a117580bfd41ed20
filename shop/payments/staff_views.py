"""Staff actions on an order, posted from Oscar's dashboard order page.

Each one needs the permissions Oscar's dashboard asks for to change an
order: being staff is not enough (an editor of articles refunds nothing).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from oscar.core.loading import get_model
from oscar.views.decorators import permissions_required

from shop.payments import services

Order = get_model("order", "Order")

# What Oscar's dashboard asks of staff to change an order (its order notes).
CHANGE_ORDER = ["is_staff", "order.view_order", "order.change_order"]


@permissions_required(CHANGE_ORDER)
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


@permissions_required(CHANGE_ORDER)
@require_POST
def switch_off_line(request, number, line_id):
    """Switch off one line's downloads for a partial refund made in Stripe."""
    order = get_object_or_404(Order, number=number)
    line = get_object_or_404(order.lines, pk=line_id)
    try:
        services.order_line_downloads_switch_off(
            order=order, line=line, user=request.user
        )
    except services.RefundRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            f"The downloads of “{line.title}” are switched off; nothing was "
            "refunded again. Switch off another line, or mark the refund as "
            "handled when the rest stay on.",
        )
    return redirect("dashboard:order-detail", number=number)


@permissions_required(CHANGE_ORDER)
@require_POST
def partial_refund_handled(request, number):
    """The lines a partial refund made in Stripe covered are chosen."""
    order = get_object_or_404(Order, number=number)
    try:
        services.stripe_partial_refund_mark_handled(order=order, user=request.user)
    except services.RefundRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, "The partial refund made in Stripe is handled.")
    return redirect("dashboard:order-detail", number=number)
