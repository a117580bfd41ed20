"""The product editor's forms (loaded by Oscar through
get_class("dashboard.catalogue.forms", ...))."""

from django import forms
from oscar.apps.dashboard.catalogue import forms as oscar_forms


class ProductClassSelectForm(oscar_forms.ProductClassSelectForm):
    """With one product type (a shop of printables), "New product" needs no
    choice: the type is sent along unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["product_class"]
        if field.initial is not None:
            field.widget = forms.HiddenInput()
