"""System checks for a shop that runs on several machines."""

from django.conf import settings
from django.core import checks


def shared_by_every_host(app_configs, **kwargs):
    """`check --deploy` with object storage: files are shared by every web
    host, so whatever else a request or a task needs must be shared too."""
    if not settings.OBJECT_STORAGE:
        return []
    problems = []
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append(
            checks.Warning(
                "The files are in an object store but the database is a SQLite "
                "file on this host's disk, which other hosts cannot share.",
                hint="Set DATABASE_URL to PostgreSQL.",
                id="storage.W001",
            )
        )
    if not settings.REDIS_URL:
        problems.append(
            checks.Warning(
                "The files are in an object store but the cache and the task "
                "queue are on this host: each host would have its own queue "
                "and its own page cache.",
                hint="Set REDIS_URL.",
                id="storage.W002",
            )
        )
    if not settings.EMAIL_URL:
        problems.append(
            checks.Warning(
                "The worker writes e-mails to files on its own disk instead of "
                "sending them.",
                hint="Set EMAIL_URL to the mail server.",
                id="storage.W003",
            )
        )
    return problems
