from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    """Files only the shop streams to their buyer: no URL, no listing."""

    def url(self, name):
        # FileSystemStorage falls back to MEDIA_URL when base_url is None,
        # which would publish paid files; a private file has no URL at all.
        raise ValueError("Private files have no public URL.")
