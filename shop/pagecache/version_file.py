"""The content version on the embedded default, shared by its processes.

Without Redis the cache is each process's own memory: a change saved by the
task worker (a product file read after upload) or by another gunicorn
worker would not retire this process's pages. The version therefore lives
in a small file in ``VAR_DIR`` that every process of the one machine sees:
a change writes a new one (replacing it whole), and each request looks at
the file's inode and time (one ``stat``, no read) to know whether it moved.
"""

import os
import uuid
from pathlib import Path

from django.conf import settings

NAME = "pagecache-version"

# (the file's inode, time and size when read, the version it held)
_seen: tuple[tuple, str] | None = None


def _path() -> Path:
    return Path(settings.VAR_DIR) / NAME


def read() -> str:
    global _seen
    path = _path()
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return bump()
    mark = (status.st_ino, status.st_mtime_ns, status.st_size)
    if _seen is not None and _seen[0] == mark:
        return _seen[1]
    version = path.read_text().strip() or bump()
    _seen = (mark, version)
    return version


def bump() -> str:
    """A new version, for every process (written whole, never half)."""
    version = uuid.uuid4().hex
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    written = path.with_name(f".{NAME}.{os.getpid()}.{version}")
    written.write_text(version)
    os.replace(written, path)
    return version
