from django import forms


class LibraryRequestForm(forms.Form):
    """ "Get my downloads again": the address the orders were placed with."""

    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="The address you gave at checkout.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Please enter your e-mail address.",
            "invalid": "Please enter a whole e-mail address, like name@example.com.",
        },
    )
