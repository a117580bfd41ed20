from django.db import models


class LimitWindow(models.Model):
    """How many times one key was counted in its current window.

    Rows are reused: the first hit after ``ends_at`` starts a new window.
    Expired ones are pruned by the task queue (``tasks.py``).
    """

    # A keyed hash of the caller's key, which may hold an e-mail or IP address.
    key = models.CharField(max_length=64, unique=True)
    hits = models.PositiveIntegerField()
    ends_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.hits} until {self.ends_at:%Y-%m-%d %H:%M:%S}"
