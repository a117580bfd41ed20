"""Oscar's account e-mails (password reset, password and address changed),
built in the shop's layout. Loaded by Oscar through
get_class("customer.utils", "CustomerDispatcher")."""

from oscar.apps.customer import utils

from shop.mail.messages import Dispatcher


class CustomerDispatcher(utils.CustomerDispatcher):
    def __init__(self, logger=None, mail_connection=None):
        self.dispatcher = Dispatcher(logger=logger, mail_connection=mail_connection)
