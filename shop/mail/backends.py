from django.core.mail.backends.base import BaseEmailBackend


class OutboxEmailBackend(BaseEmailBackend):
    """Writes every message to the outbox instead of a mail server.

    The row is part of the sender's transaction: an order, a sign-up or a
    refund and the e-mail it owes are committed together or not at all. The
    worker delivers it through settings.MAIL_DELIVERY_BACKEND (shop.mail
    .services), so a request that sends mail never waits on, or fails with,
    the mail server or the task queue.
    """

    def send_messages(self, email_messages):
        from shop.mail.services import message_queue

        for message in email_messages:
            message_queue(message=message)
        return len(email_messages)
