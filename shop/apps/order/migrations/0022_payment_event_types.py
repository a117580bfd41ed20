"""The payment event types the shop records, found by code from now on.

Refunds were looked up by the type's name, "Refunded"; rows made then are
kept (their codes were always "settled" and "refunded"), missing ones are
created. Order statuses need no change: the ones orders have are the keys of
OSCAR_ORDER_STATUS_PIPELINE.
"""

from django.db import migrations

TYPES = {"settled": "Settled", "refunded": "Refunded"}


def create_types(apps, schema_editor):
    PaymentEventType = apps.get_model("order", "PaymentEventType")
    for code, name in TYPES.items():
        if not PaymentEventType.objects.filter(code=code).exists():
            PaymentEventType.objects.create(code=code, name=name)


class Migration(migrations.Migration):
    dependencies = [("order", "0021_billingaddress_code_shippingaddress_code")]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
