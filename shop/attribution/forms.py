from datetime import timedelta

from django import forms
from django.utils import timezone

from shop.attribution.report import DateRange

DEFAULT_DAYS = 30
LONGEST = timedelta(days=3 * 366)
PRESETS = (
    ("Last 7 days", 7),
    ("Last 30 days", 30),
    ("Last 90 days", 90),
    ("Last 12 months", 365),
)


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the first day as a date, like 2026-01-31."},
    )
    end = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the last day as a date, like 2026-01-31."},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        today = timezone.localdate()
        if self.errors:
            return cleaned
        end = end or today
        start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError("The first day comes after the last day.")
        if end - start > LONGEST:
            raise forms.ValidationError("Choose at most three years at a time.")
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def date_range(self) -> DateRange:
        """The range asked for, or the last 30 days when it cannot be read."""
        if self.is_valid():
            return DateRange(
                start=self.cleaned_data["start"], end=self.cleaned_data["end"]
            )
        return DateRange.last_days(DEFAULT_DAYS)


def presets(*, today=None) -> list[tuple[str, DateRange]]:
    return [(label, DateRange.last_days(days, today=today)) for label, days in PRESETS]
