"""The product editor's forms (loaded by Oscar through
get_class("dashboard.catalogue.forms", ...))."""

from django import forms
from oscar.apps.dashboard.catalogue import forms as oscar_forms
from oscar.apps.dashboard.catalogue.widgets import ProductSelect


class ProductClassSelectForm(oscar_forms.ProductClassSelectForm):
    """With one product type (a shop of printables), "New product" needs no
    choice: the type is sent along unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["product_class"]
        if field.initial is not None:
            field.widget = forms.HiddenInput()


class RecommendationSelect(ProductSelect):
    """Oscar's product picker, shown again after a failed save with only the
    products it was sent a real id of: a forged value ("abc") made the page
    look it up in the database and fail."""

    def optgroups(self, name, value, attrs=None):
        ids = [v for v in value if str(v).isdigit()]
        return super().optgroups(name, ids, attrs=attrs)


class ProductRecommendationForm(oscar_forms.ProductRecommendationForm):
    class Meta(oscar_forms.ProductRecommendationForm.Meta):
        widgets = {"recommendation": RecommendationSelect}


class CategoryForm(oscar_forms.CategoryForm):
    """Oscar's category form, where a blank address ("Leave blank to
    generate from category name") keeps a category's current one: shown
    again with an error, the page links the category by it, and a blank
    one failed with a server error."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not cleaned_data.get("slug"):
            cleaned_data["slug"] = self.instance.slug
        return cleaned_data
