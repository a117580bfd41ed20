from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "shop.mail"
    label = "mail"
    verbose_name = "Outgoing mail"
