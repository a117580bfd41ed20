from django import forms
from oscar.apps.catalogue.reviews.forms import *  # noqa: F403
from oscar.core.loading import get_model

ProductReview = get_model("reviews", "ProductReview")


class ProductReviewForm(forms.ModelForm):
    """A verified buyer's review: the name shown with it is theirs to choose;
    the address is the order's, never typed here."""

    score = forms.TypedChoiceField(
        label="Your rating",
        choices=[(n, f"{n} out of 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose a rating from 1 to 5."},
    )

    class Meta:
        model = ProductReview
        fields = ("score", "title", "body", "name")
        labels = {
            "title": "A title for your review",
            "body": "Your review",
            "name": "The name shown with your review",
        }
        help_texts = {
            "name": "A first name or a nickname is fine.",
        }
        error_messages = {
            "title": {"required": "Please give your review a title."},
            "body": {"required": "Please write a few words."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].max_length = 60
        self.fields["name"].error_messages["required"] = (
            "Please give a name to show with your review."
        )
        self.fields["name"].widget.attrs.update(maxlength=60, autocomplete="nickname")
        self.fields["title"].widget.attrs.update(autocomplete="off")

    def clean_name(self):
        # A name is shown on the product page: one line, no control characters.
        return " ".join(self.cleaned_data["name"].split())
