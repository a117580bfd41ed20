from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("downloads", "0005_merge_previews_and_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="productfile",
            name="text",
            field=models.TextField(blank=True, default="", editable=False),
            preserve_default=False,
        ),
    ]
