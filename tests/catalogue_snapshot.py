"""The demo catalogue drawn once per test process, then put back row for row.

Loading it draws five covers and reads five PDFs into previews, each resized
to WebP and JPEG copies: seconds of work that gives the same rows and the same
files every time. The first test that asks for the catalogue loads it as
`make run` does and records the rows it added; later tests load those rows
again (as `manage.py loaddata` does: raw, no save() and no task), and the
files are still where the first test stored them. When one of the files has
gone (a test deleted it), the catalogue is drawn again.
"""

from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.db import connection
from django.db.models import FileField

from shop.demo.catalogue import ensure_site, load_catalogue


def _models():
    # Only models with a table: importing oscar.test.factories registers a
    # test model of Oscar's own ("oscar_band") that no migration creates.
    tables = set(connection.introspection.table_names())
    return [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in tables
    ]


def _pks(model):
    return set(model._base_manager.values_list("pk", flat=True))


def _files_present(objects) -> bool:
    for obj in objects:
        for field in obj._meta.concrete_fields:
            if isinstance(field, FileField):
                stored = getattr(obj, field.attname)
                if stored and not field.storage.exists(str(stored)):
                    return False
    return True


class CatalogueSnapshot:
    """Kept apart for tests in a transaction (whose commit hooks never run,
    so the files are never read) and tests that commit (files read)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.objects = {}

    def load(self):
        committing = not connection.in_atomic_block
        path = self.folder / f"catalogue-{'committed' if committing else 'atomic'}.json"
        objects = self.objects.get(committing)
        if objects is not None and _files_present(objects):
            # The site is the one row the catalogue changes rather than adds.
            ensure_site()
            call_command("loaddata", str(path), verbosity=0)
            return
        before = {model: _pks(model) for model in _models()}
        load_catalogue()
        added = []
        for model, pks in before.items():
            added.extend(model._base_manager.exclude(pk__in=pks).order_by("pk"))
        path.write_text(
            serializers.serialize(
                "json", added, use_natural_foreign_keys=True, indent=None
            )
        )
        self.objects[committing] = added
