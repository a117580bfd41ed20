"""Writing a review: only a verified buyer, once per product, by either
route (signed in, or a guest's signed link); anyone else is told why and
nothing is stored."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView
from oscar.apps.catalogue.reviews import views
from oscar.apps.catalogue.reviews.views import *  # noqa: F403
from oscar.core.loading import get_model

from shop.apps.catalogue.reviews import requests, services
from shop.apps.catalogue.reviews.forms import ProductReviewForm

Product = get_model("catalogue", "Product")

THANKS = "Thank you for your review! It appears here once we have read it."


@method_decorator(never_cache, name="dispatch")
class CreateProductReview(views.CreateProductReview):
    """A signed-in buyer's review, from the product page or their order."""

    template_name = "oscar/catalogue/reviews/review_form.html"
    form_class = ProductReviewForm

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(
            Product, pk=kwargs["product_pk"], is_public=True
        )
        self.line = self.get_line()
        if self.line is None:
            return self.refuse()
        # Oscar's own dispatch would check its looser rule again.
        return CreateView.dispatch(self, request, *args, **kwargs)

    def get_line(self):
        return services.customer_review_line(
            product=self.product, user=self.request.user
        )

    def refuse(self):
        if self.request.user.is_authenticated and services.customer_has_reviewed(
            product=self.product, user=self.request.user
        ):
            message = services.ALREADY_REVIEWED
        else:
            message = services.NOT_A_BUYER
        return render(
            self.request,
            "oscar/catalogue/reviews/review_refused.html",
            {"product": self.product, "message": message},
            status=403,
        )

    def get_form_kwargs(self):
        return {
            **CreateView.get_form_kwargs(self),
            "instance": services.review_draft(line=self.line, user=self.review_user()),
        }

    def get_initial(self):
        user = self.request.user
        return {"name": user.first_name} if user.is_authenticated else {}

    def form_valid(self, form):
        self.object = services.review_submit(form=form)
        response = redirect(self.product.get_absolute_url())
        self.send_signal(self.request, response, self.object)
        messages.success(self.request, THANKS)
        return response

    def review_user(self):
        return self.request.user


class CreateBoughtProductReview(CreateProductReview):
    """A guest buyer's review, from the signed link made for their order line."""

    def get_line(self):
        line = services.line_of_review_link(
            token=self.kwargs["token"], product=self.product
        )
        if line is None or services.line_reviewed(line=line):
            return None
        return line

    def refuse(self):
        line = services.line_of_review_link(
            token=self.kwargs["token"], product=self.product
        )
        message = (
            services.ALREADY_REVIEWED
            if line is not None
            else "This review link does not work. " + services.NOT_A_BUYER
        )
        return render(
            self.request,
            "oscar/catalogue/reviews/review_refused.html",
            {"product": self.product, "message": message},
            status=403,
        )

    def get_initial(self):
        return {}

    def review_user(self):
        # The account that placed the order, if any: never whoever holds the link.
        return self.line.order.user


@never_cache
@require_http_methods(["GET", "POST"])
def review_requests_opt_out(request, token):
    """From the review request e-mail: a GET only asks (mail scanners open
    links), the button's POST stops the e-mails for that address."""
    email = requests.email_of_opt_out(token)
    context = {"email": email, "usable": email is not None}
    if email is None:
        return render(request, "reviews/opt_out.html", context, status=400)
    if request.method == "POST":
        requests.review_requests_opt_out(email=email)
        context["done"] = True
    return render(request, "reviews/opt_out.html", context)
