"""Every e-mail the shop sends, built by the shop's own code from demo data
(`manage.py render_emails`, the screenshots and the e-mail tests).

The demo order, buyer, accounts and subscriber exist only inside a
transaction that is rolled back: nothing is kept and nothing is sent (the
messages are caught in memory instead of the outbox).
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.test import override_settings
from oscar.core.loading import get_class, get_model

from content.kit import emails as kit_emails
from content.kit.models import Subscriber
from shop.apps.catalogue.reviews import requests as review_requests
from shop.apps.customer import services as accounts
from shop.apps.customer import verification
from shop.apps.customer.forms import EmailUserCreationForm, PasswordResetForm
from shop.apps.order import emails as order_emails
from shop.apps.order import library as buyer_library
from shop.demo.orders import place_demo_order
from shop.downloads.models import DownloadLink, NewVersionNotice
from shop.downloads.services import download_links_revoke
from shop.payments import notifications as payment_emails
from shop.payments.models import StripePayment

Product = get_model("catalogue", "Product")
PaymentEventType = get_model("order", "PaymentEventType")
CustomerDispatcher = get_class("customer.utils", "CustomerDispatcher")
get_password_reset_url = get_class("customer.utils", "get_password_reset_url")
User = get_user_model()

BUYER = "reader@example.com"


class NoProducts(Exception):
    """The demo catalogue is not loaded: there is nothing to order."""


def sample_emails() -> dict:
    """Each e-mail the shop sends, by name: {name: EmailMultiAlternatives}."""
    samples = {}
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        for name, build in BUILDERS:
            mail.outbox = []
            with transaction.atomic():
                build()
                transaction.set_rollback(True)
            if len(mail.outbox) != 1:
                raise AssertionError(f"{name}: {len(mail.outbox)} e-mails, not 1")
            [samples[name]] = mail.outbox
    mail.outbox = []
    return samples


def _order(*, number="100042"):
    products = list(
        Product.objects.filter(files__isnull=False).distinct().order_by("pk")[:2]
    )
    if not products:
        raise NoProducts("Load the demo catalogue first: manage.py load_demo")
    order = place_demo_order(products=products, number=number, email=BUYER)
    StripePayment.objects.create(
        basket=order.basket,
        email=BUYER,
        order_number=number,
        order=order,
        status=StripePayment.Status.PAID,
        amount=int(order.total_incl_tax * 100),
        currency=order.currency.lower(),
        card_brand="visa",
        card_last4="4242",
    )
    return order


def _receipt():
    order_emails.send_receipt(order_id=_order().pk)


def _receipt_after_refund():
    order = _order(number="100043")
    line = order.lines.order_by("pk").last()
    refunded, __ = PaymentEventType.objects.get_or_create(
        code="refunded", defaults={"name": "Refunded"}
    )
    event = order.payment_events.create(
        event_type=refunded, amount=line.line_price_incl_tax, reference="re_demo"
    )
    event.line_quantities.create(line=line, quantity=line.quantity)
    download_links_revoke(lines=[line])
    order_emails.send_receipt(order_id=order.pk)


def _refund():
    order = _order(number="100046")
    line = order.lines.order_by("pk").last()
    links = list(line.download_links.select_related("product_file"))
    download_links_revoke(lines=[line])
    order_emails.send_order_refunded(
        order=order, amount=line.line_price_incl_tax, lines=[line], links=links
    )


def _links_added():
    order = _order(number="100047")
    link_ids = list(
        DownloadLink.objects.filter(line__order=order).values_list("pk", flat=True)
    )
    order_emails.send_links_added(order_id=order.pk, link_ids=link_ids)


def _new_version():
    link = DownloadLink.objects.filter(line__order=_order(number="100048")).first()
    version = link.product_file.versions.first()
    version.note = "Wider boxes for the evening check-in."
    notice = NewVersionNotice(version=version, email=BUYER, link=link)
    order_emails.send_new_version(notice=notice)


def _fresh_link():
    link = DownloadLink.objects.filter(line__order=_order(number="100044")).first()
    order_emails.send_fresh_link(link_id=link.pk)


def _library():
    _order(number="100049")
    buyer_library.library_link_send(email=BUYER)


def _review_request():
    review_requests.review_request_send(order=_order(number="100050"))


def _payment_refunded():
    payment = StripePayment(
        order_number="100045", email=BUYER, currency="usd", amount=1980
    )
    payment_emails.send_payment_refunded(payment=payment, amount=Decimal("19.80"))


def _subscriber():
    return Subscriber.objects.create(
        email="kit-reader@example.com", first_name="Ann", consent_version="demo"
    )


def _kit_confirm():
    kit_emails.send_confirmation(_subscriber())


def _kit():
    kit_emails.send_kit(_subscriber())


def _sign_up(email):
    password = "a demo passphrase, never kept"
    form = EmailUserCreationForm(
        data={"email": email, "password1": password, "password2": password}
    )
    form.is_valid()
    accounts.account_register(form=form)


def _activate():
    _sign_up("new-reader@example.com")


def _already_registered():
    User.objects.create_user(
        username="known-reader", email="known-reader@example.com", is_active=True
    )
    _sign_up("known-reader@example.com")


def _customer():
    return User.objects.create_user(
        username="customer",
        email="customer@example.com",
        password="a demo passphrase, never kept",
        is_active=True,
    )


def _verify_email():
    verification.verification_link_send(user=_customer())


def _password_reset():
    form = PasswordResetForm(data={"email": _customer().email})
    form.is_valid()
    form.save(domain_override=None, request=None)


def _password_changed():
    user = _customer()
    CustomerDispatcher().send_password_changed_email_for_user(
        user, {"user": user, "reset_url": get_password_reset_url(user)}
    )


def _email_changed():
    user = _customer()
    CustomerDispatcher().send_email_changed_email_for_user(
        user,
        {
            "user": user,
            "reset_url": get_password_reset_url(user),
            "new_email": "new-address@example.com",
        },
    )


BUILDERS = (
    ("order-receipt", _receipt),
    ("order-receipt-after-refund", _receipt_after_refund),
    ("order-refund", _refund),
    ("order-fresh-link", _fresh_link),
    ("order-links-added", _links_added),
    ("order-new-version", _new_version),
    ("order-library", _library),
    ("order-review-request", _review_request),
    ("payment-refunded", _payment_refunded),
    ("kit-confirm", _kit_confirm),
    ("kit", _kit),
    ("account-activate", _activate),
    ("account-already-registered", _already_registered),
    ("account-verify-email", _verify_email),
    ("account-password-reset", _password_reset),
    ("account-password-changed", _password_changed),
    ("account-email-changed", _email_changed),
)
