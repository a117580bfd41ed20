"""The account pages: Oscar's views, with the shop's page titles, orders read
in a fixed number of queries, and a sign-out that takes a POST.

Loaded by Oscar through get_class("customer.views", ...).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.views import generic
from oscar.apps.customer import views
from oscar.core.loading import get_model

Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")


class ProfileView(views.ProfileView):
    page_title = "Your details"


class ProfileUpdateView(views.ProfileUpdateView):
    page_title = "Change your details"


class ChangePasswordView(views.ChangePasswordView):
    page_title = "Change your password"


class ProfileDeleteView(views.ProfileDeleteView):
    page_title = "Delete your account"


class OrderHistoryView(views.OrderHistoryView):
    page_title = "Your orders"

    def get_queryset(self):
        # Each row names what was bought: the lines of a whole page at once.
        return super().get_queryset().prefetch_related("lines")


class OrderDetailView(views.OrderDetailView):
    """One order of the signed-in customer, with its downloads."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            self.model.objects.prefetch_related(
                Prefetch("lines", queryset=self.get_lines_queryset())
            ),
            user=self.request.user,
            number=self.kwargs["order_number"],
        )

    def get_lines_queryset(self):
        # Everything the page shows per line, in a fixed number of queries
        # however many lines and files the order has: the product (its link
        # and "Write a review"), the line's options (its description) and
        # its download links with their files.
        reviewed = ProductReview.objects.filter(
            product=OuterRef("product"), user=self.request.user
        )
        return (
            Line.objects.select_related("product")
            .prefetch_related("attributes__option", "download_links__product_file")
            .annotate(reviewed_by_customer=Exists(reviewed))
        )


class LogoutView(generic.TemplateView):
    """Signing out changes state, so it is a POST (the account menu's button).
    A GET, from an old link or a bookmark, asks first instead of acting, so a
    link on another site cannot sign a customer out."""

    template_name = "oscar/customer/logout.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.OSCAR_HOMEPAGE)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        signed_in = request.user.is_authenticated
        auth_logout(request)
        if signed_in:
            messages.info(request, "You are signed out. See you soon.")
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response
