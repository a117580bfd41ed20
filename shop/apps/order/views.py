"""The receipt page, opened from the receipt e-mail's signed link, and the
buyer's library: every order of one address, from a link e-mailed to it."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from shop.apps.catalogue.reviews.services import review_invitations
from shop.apps.order import library as buyer_library
from shop.apps.order import receipts
from shop.apps.order.forms import LibraryRequestForm
from shop.client_ip import client_ip

TOO_MANY = "That was a lot of requests from here. Please try again in an hour."


@never_cache
@require_safe
def receipt(request, token):
    """The order's receipt, to read and print. The signed order number is
    the key: a forged or altered one is a 404, like an unknown page."""
    number = receipts.order_number_of(token)
    order = receipts.orders().filter(number=number).first() if number else None
    if order is None:
        raise Http404("No such receipt")
    return render(
        request,
        "order/receipt.html",
        {"receipt": receipts.receipt_for(order), "seller": receipts.seller()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def library_request(request):
    """ "Get my downloads again": the answer is the same for any address."""
    form = LibraryRequestForm(request.POST or None)
    if request.method == "POST":
        if not buyer_library.library_request_allowed(ip=client_ip(request)):
            return render(
                request,
                "order/library/request.html",
                {"form": form, "error": TOO_MANY},
                status=429,
            )
        if form.is_valid():
            buyer_library.library_link_send(email=form.cleaned_data["email"])
            return redirect("library:sent")
    status = 400 if form.is_bound else 200
    return render(request, "order/library/request.html", {"form": form}, status=status)


@never_cache
@require_safe
def library_sent(request):
    return render(request, "order/library/sent.html")


@never_cache
@require_safe
def library(request, token):
    """Every order placed with the link's address and its files. Opening it
    counts nothing: only a file's own link counts a download."""
    email = buyer_library.library_email_of(token)
    if email is None:
        return render(
            request,
            "order/library/expired.html",
            {"form": LibraryRequestForm()},
            status=410,
        )
    orders = list(buyer_library.library_orders(email))
    return render(
        request,
        "order/library/library.html",
        {
            "email": email,
            "receipts": [receipts.receipt_for(order) for order in orders],
            "reviews": review_invitations(email=email, orders=orders),
            "seller": receipts.seller(),
        },
    )
