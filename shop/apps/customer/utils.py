"""Oscar's account e-mails (password reset, password and address changed),
built in the shop's layout. Loaded by Oscar through
get_class("customer.utils", "CustomerDispatcher")."""

from django.conf import settings
from oscar.apps.customer import utils

from shop.mail.messages import Dispatcher


class CustomerDispatcher(utils.CustomerDispatcher):
    def __init__(self, logger=None, mail_connection=None):
        self.dispatcher = Dispatcher(logger=logger, mail_connection=mail_connection)

    def send_password_reset_email_for_user(self, user, extra_context):
        """The e-mail says in days how long its link works."""
        days = settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)
        super().send_password_reset_email_for_user(
            user, {**extra_context, "days": days}
        )
