from django import forms


class GuestEmailForm(forms.Form):
    """The only thing a guest is asked before paying: where to send the files."""

    # What an order and its payment record hold (Django allows 320 here).
    email = forms.EmailField(
        max_length=254,
        label="Your e-mail address",
        help_text="Your receipt and download links go here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CardPaymentForm(forms.Form):
    """What the card form posts: Stripe's id for the card, never its number."""

    payment_method = forms.RegexField(
        regex=r"^(pm|card|src)_[A-Za-z0-9_]+$",
        max_length=255,
        widget=forms.HiddenInput,
        error_messages={"required": "Please enter your card details."},
    )
