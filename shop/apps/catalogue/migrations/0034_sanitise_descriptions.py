"""Clean the descriptions saved before the shop's HTML policy applied to them."""

from django.db import migrations


def sanitise_descriptions(apps, schema_editor):
    from shop.markup.policy import sanitise

    for model_name, fields in (
        ("Category", ("description", "long_description")),
        ("Product", ("description",)),
    ):
        model = apps.get_model("catalogue", model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator():
            before = [getattr(row, name) for name in fields]
            for name in fields:
                setattr(row, name, sanitise(getattr(row, name) or ""))
            if before != [getattr(row, name) for name in fields]:
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_productimage_renditions")]

    operations = [
        migrations.RunPython(sanitise_descriptions, migrations.RunPython.noop),
    ]
