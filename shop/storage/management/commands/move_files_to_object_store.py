from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Copy the shop's files from the local disk (MEDIA_ROOT, "
        "PRIVATE_MEDIA_ROOT) to the object store, under the same names, so "
        "every stored reference keeps working. Safe to run again: a file "
        "already there with the same size is left alone. Nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be copied, copy nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        if not settings.OBJECT_STORAGE:
            raise CommandError(
                "No object store is set: set S3_MEDIA_BUCKET, S3_PRIVATE_BUCKET "
                "and the other S3_* settings first (README: Running on several "
                "machines)."
            )
        totals = {"copied": 0, "already there": 0}
        for label, folder, alias in (
            ("public media", settings.MEDIA_ROOT, "default"),
            ("private files", settings.PRIVATE_MEDIA_ROOT, "private"),
        ):
            counts = files_copy(
                source=FileSystemStorage(location=folder),
                target=storages[alias],
                dry_run=dry_run,
            )
            self.stdout.write(
                f"{label} ({folder}): {counts['copied']} "
                f"{'to copy' if dry_run else 'copied'}, "
                f"{counts['already there']} already there"
            )
            for key in totals:
                totals[key] += counts[key]
        self.stdout.write(
            f"{totals['copied']} {'to copy' if dry_run else 'copied'}, "
            f"{totals['already there']} already there."
        )


def files_copy(*, source, target, dry_run=False) -> dict:
    """Copy every file of `source` to `target` under its own name."""
    counts = {"copied": 0, "already there": 0}
    for name in _walk(source, ""):
        if target.exists(name) and target.size(name) == source.size(name):
            counts["already there"] += 1
            continue
        counts["copied"] += 1
        if dry_run:
            continue
        if target.exists(name):
            target.delete(name)
        with source.open(name, "rb") as content:
            saved = target.save(name, File(content, name=name))
        if saved != name:
            raise CommandError(f"{name} was stored as {saved}: run the command again.")
    return counts


def _walk(storage, folder):
    if not Path(storage.path(folder)).is_dir():
        return
    folders, files = storage.listdir(folder)
    for file in sorted(files):
        # Half-written files (".name.<random>") are never referenced.
        if not file.startswith("."):
            yield f"{folder}/{file}" if folder else file
    for sub in sorted(folders):
        yield from _walk(storage, f"{folder}/{sub}" if folder else sub)
