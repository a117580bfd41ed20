"""Cut the copies of heroes stored before heroes were wide to a 2:1 band."""

from django.db import migrations

from shop.renditions import make_renditions

HERO_ASPECT = 2.0
PICTURE_WIDTHS = (480, 960, 1280)


def cut_heroes_wide(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(hero_image="").iterator():
        if article.hero_renditions.get("aspect") == HERO_ASPECT:
            continue
        image = article.hero_image
        if not image.storage.exists(image.name):
            continue
        article.hero_renditions = make_renditions(
            source=image,
            storage=image.storage,
            widths=PICTURE_WIDTHS,
            aspect=HERO_ASPECT,
        )
        article.save(update_fields=["hero_renditions"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_article_pictures")]

    operations = [migrations.RunPython(cut_heroes_wide, migrations.RunPython.noop)]
