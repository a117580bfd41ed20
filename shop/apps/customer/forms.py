"""Oscar's account forms with the shop's labels, the password rules shown
before they are broken, and autocomplete hints, so browsers and password
managers fill in what they know (WCAG 1.3.5, identify input purpose)."""

from django.contrib.auth.password_validation import password_validators_help_text_html
from oscar.apps.customer import forms
from oscar.apps.customer.utils import normalise_email

from shop.signin import ThrottledSignInMixin

EMAIL_LABEL = "E-mail address"


def _describe(field, *, autocomplete, label=None, help_text=None):
    field.widget.attrs["autocomplete"] = autocomplete
    if label:
        field.label = label
    if help_text:
        field.help_text = help_text


class EmailAuthenticationForm(ThrottledSignInMixin, forms.EmailAuthenticationForm):
    error_messages = {
        **forms.EmailAuthenticationForm.error_messages,
        "invalid_login": (
            "That e-mail address and password do not match an account. "
            "Please check both: the password is case-sensitive."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self.fields["username"], autocomplete="email", label=EMAIL_LABEL)
        _describe(self.fields["password"], autocomplete="current-password")


class EmailUserCreationForm(forms.EmailUserCreationForm):
    def clean_email(self):
        # Oscar refuses a known address here ("already exists"), which tells
        # anyone who shops here; the sign-up service answers both the same.
        return normalise_email(self.cleaned_data["email"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self.fields["email"], autocomplete="email", label=EMAIL_LABEL)
        _describe(
            self.fields["password1"],
            autocomplete="new-password",
            help_text=password_validators_help_text_html(),
        )
        _describe(
            self.fields["password2"],
            autocomplete="new-password",
            label="Password again",
        )


class ProfileForm(forms.ProfileForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self.fields["first_name"], autocomplete="given-name")
        _describe(self.fields["last_name"], autocomplete="family-name")
        _describe(self.fields["email"], autocomplete="email", label=EMAIL_LABEL)


class ConfirmPasswordForm(forms.ConfirmPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self.fields["password"], autocomplete="current-password")


class PasswordResetForm(forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _describe(self.fields["email"], autocomplete="email", label=EMAIL_LABEL)
