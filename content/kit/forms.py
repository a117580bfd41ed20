from django import forms

from content.kit.consent import CONSENT_TEXT
from content.kit.models import Subscriber

SOURCE_MAX_LENGTH = Subscriber._meta.get_field("source").max_length


class ClaimForm(forms.Form):
    """The kit box's fields; the box (templates/kit/_kit_box.html) draws them."""

    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": "Please enter your e-mail address.",
            "invalid": "Please enter a whole e-mail address, like name@example.com.",
        },
    )
    first_name = forms.CharField(max_length=60, required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Please tick the box to say yes to the e-mails."},
    )
    # Where the box was (an article's slug): filled in by the page, never by
    # the reader, so a mangled one is cut down rather than refused.
    source = forms.CharField(required=False)
    # The honeypot: hidden from people, filled in by simple bots.
    website = forms.CharField(required=False)

    def clean_first_name(self):
        # A name goes into a greeting: no line breaks or control characters.
        return " ".join(self.cleaned_data["first_name"].split())

    def clean_source(self):
        return self.cleaned_data["source"][:SOURCE_MAX_LENGTH]

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))
