"""Lines get statuses (OSCAR_LINE_STATUS_PIPELINE): those placed before had
none, so each becomes "Refunded" if a refund named it, else "Paid"."""

from django.db import migrations


def set_line_statuses(apps, schema_editor):
    Line = apps.get_model("order", "Line")
    PaymentEventQuantity = apps.get_model("order", "PaymentEventQuantity")
    refunded = PaymentEventQuantity.objects.filter(
        event__event_type__code="refunded"
    ).values("line_id")
    unset = Line.objects.filter(status="")
    unset.filter(pk__in=refunded).update(status="Refunded")
    unset.exclude(pk__in=refunded).update(status="Paid")


class Migration(migrations.Migration):
    dependencies = [("order", "0022_payment_event_types")]

    operations = [migrations.RunPython(set_line_statuses, migrations.RunPython.noop)]
