"""The account pages: Oscar's views, with the shop's page titles, orders read
in a fixed number of queries, and a sign-out that takes a POST.

Loaded by Oscar through get_class("customer.views", ...).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from oscar.apps.customer import signals, views
from oscar.core.loading import get_model

from shop import pagecache
from shop.apps.customer import services, verification

Line = get_model("order", "Line")
ProductReview = get_model("reviews", "ProductReview")


class AccountRegistrationView(views.AccountRegistrationView):
    def form_valid(self, form):
        self.register_user(form)
        return redirect("customer:register-sent")


class AccountAuthView(pagecache.CachedPageMixin, views.AccountAuthView):
    """The sign-in page, whose second form creates an account; the same for
    every visitor not signed in (their own CSRF token filled in), so it comes
    from the page cache, one copy for each page asked to go back to."""

    page_cache_params = ("next",)

    def get_context_data(self, **kwargs):
        # The forms post back here with the page to go back to, and nothing
        # else the first visitor's address carried (the page is cached).
        action = self.request.path
        if "next" in self.request.GET:
            action += "?" + urlencode({"next": self.request.GET["next"]})
        return super().get_context_data(form_action=action, **kwargs)

    def validate_registration_form(self):
        form = self.get_registration_form(bind_data=True)
        if form.is_valid():
            self.register_user(form)
            return redirect("customer:register-sent")
        return self.render_to_response(self.get_context_data(registration_form=form))


class RegistrationSentView(generic.TemplateView):
    """The same page whether or not the address already had an account."""

    template_name = "oscar/customer/registration_sent.html"


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class AccountActivateView(generic.TemplateView):
    """Opens the account from the e-mailed link: a GET only asks (mail
    scanners open links), the button's POST opens it and signs in."""

    template_name = "oscar/customer/activate.html"

    def get(self, request, uidb64, token):
        user = services.account_for_activation(uidb64=uidb64, token=token)
        return self.render_to_response(
            {"usable": user is not None}, status=200 if user else 400
        )

    def post(self, request, uidb64, token):
        user = services.account_activate(uidb64=uidb64, token=token)
        if user is None:
            return self.render_to_response({"usable": False}, status=400)
        auth_login(
            request, user, backend="oscar.apps.customer.auth_backends.EmailBackend"
        )
        signals.user_registered.send_robust(sender=self, request=request, user=user)
        messages.success(request, "Welcome! Your account is open.")
        return redirect(settings.LOGIN_REDIRECT_URL)


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
        # Guest orders of a proved address too; each row names what was
        # bought: the lines of a whole page at once.
        orders = verification.customer_orders(user=self.request.user)
        if self.form.is_bound and self.form.is_valid():
            orders = orders.filter(**self.form.get_filters())
        return orders.order_by("-date_placed", "-pk").prefetch_related("lines")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            email_verified=verification.email_is_verified(user=self.request.user),
            **kwargs,
        )


class OrderDetailView(views.OrderDetailView):
    """One order of the signed-in customer, with its downloads."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            verification.customer_orders(user=self.request.user).prefetch_related(
                Prefetch("lines", queryset=self.get_lines_queryset())
            ),
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


@method_decorator(never_cache, name="dispatch")
class EmailVerificationSendView(generic.View):
    """The account page's "Confirm my address": a link goes to it."""

    def post(self, request):
        verification.verification_link_send(user=request.user)
        messages.success(
            request,
            f"We sent a link to {request.user.email}. Open it to bring the "
            "orders placed with that address into your account.",
        )
        return redirect("customer:order-list")


@method_decorator(never_cache, name="dispatch")
class EmailVerifyView(generic.TemplateView):
    """Opened from the e-mailed link: a GET only asks (mail scanners open
    links), the button's POST proves the address."""

    template_name = "oscar/customer/verify_email.html"

    def post(self, request, token):
        if not verification.email_verify(user=request.user, token=token):
            return self.render_to_response({"usable": False}, status=400)
        messages.success(
            request,
            "Thank you: your address is confirmed. Orders placed with it are here.",
        )
        return redirect("customer:order-list")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "usable": True}


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
