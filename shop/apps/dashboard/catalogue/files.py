"""The product editor's Files tab: a formset of the product's files, saved
with the rest of the product (plain forms, no JavaScript needed).

Each file can be renamed, moved, replaced by a new version, taken back to an
earlier version (optionally e-mailing past buyers), removed (archived when
buyers have links), or put back on sale; an empty form adds a file.
"""

from django import forms
from django.db.models import Count, F
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.formats import date_format
from oscar.core.loading import get_model

from shop.downloads import product_files
from shop.downloads.models import ProductFile
from shop.downloads.uploads import upload_check

Product = get_model("catalogue", "Product")

CHANGE_FILES = "downloads.change_productfile"


def can_change_files(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(CHANGE_FILES)


class ProductFileForm(forms.ModelForm):
    replacement = forms.FileField(
        required=False,
        label="Replace with a new version",
        help_text="A PDF or ZIP. Every buyer's link, old or new, gives the new "
        "version; this one is kept in the history.",
        widget=forms.FileInput(attrs={"accept": ".pdf,.zip"}),
    )
    restore = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label="Or go back to an earlier version",
    )
    note = forms.CharField(
        required=False,
        max_length=200,
        label="What changed (optional)",
        help_text="Kept in the history, and quoted in the e-mail to past buyers.",
    )
    tell_buyers = forms.BooleanField(
        required=False,
        label="E-mail past buyers a fresh link to the new version",
        help_text="Refunded orders are left out; nobody is e-mailed twice for "
        "one version. They go out a few a minute.",
    )
    unarchive = forms.BooleanField(
        required=False,
        label="Put back on sale (new orders get this file again)",
    )

    class Meta:
        model = ProductFile
        fields = ["title", "position", "file"]
        labels = {"file": "PDF or ZIP file", "position": "Order in the list"}
        help_texts = {
            "title": "What the buyer sees. Left empty: the product's name and "
            "“(PDF)” or “(ZIP)”.",
        }
        # Django's default widget links the stored file, which has no URL.
        widgets = {"file": forms.FileInput(attrs={"accept": ".pdf,.zip"})}
        error_messages = {
            "file": {"required": "Choose the PDF or ZIP file to upload."},
        }

    def __init__(self, *args, product=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["title"].required = False
        if self.instance.pk is None:
            # Adding a file is optional: the form is skipped while left empty,
            # and asks for the file (clean) only once something is filled in.
            self.fields["file"].required = False
            self.fields["position"].required = False
            self.fields["position"].initial = None
            self.fields["position"].help_text = "Left empty: after the others."
            for name in ("replacement", "restore", "note", "tell_buyers", "unarchive"):
                del self.fields[name]
            return
        del self.fields["file"]
        self.versions = list(self.instance.versions.all())
        # A version whose file buyers get already is not "earlier" (it came
        # back as the current one).
        current = self.instance.file.name
        earlier = [v for v in self.versions if v.file.name != current]
        if earlier:
            self.fields["restore"].choices = [("", "Keep the current version")] + [
                (v.version, _version_label(v)) for v in earlier
            ]
        else:
            del self.fields["restore"]
        if self.instance.is_archived:
            for name in ("replacement", "restore", "note", "tell_buyers"):
                self.fields.pop(name, None)
        else:
            del self.fields["unarchive"]

    @property
    def stored_size(self) -> int | None:
        try:
            return self.instance.file.size
        except (OSError, ValueError):
            return None

    def clean_replacement(self):
        upload = self.cleaned_data.get("replacement")
        if upload:
            upload_check(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file") or cleaned.get("replacement")
        if not cleaned.get("title"):
            name = upload.name if upload else self.instance.file.name
            if name and self.product is not None:
                cleaned["title"] = product_files.default_title(
                    product=self.product, file_name=name
                )
                self.instance.title = cleaned["title"]
        if self.instance.pk is None and not upload and "file" not in self.errors:
            self.add_error("file", self.fields["file"].error_messages["required"])
        if self.instance.pk is None and cleaned.get("position") is None:
            cleaned["position"] = self._next_position()
        if cleaned.get("replacement") and cleaned.get("restore"):
            raise forms.ValidationError(
                "Choose either a new file or an earlier version, not both."
            )
        new_version = cleaned.get("replacement") or cleaned.get("restore")
        if cleaned.get("tell_buyers") and not new_version:
            self.add_error(
                "tell_buyers",
                "There is no new version to tell buyers about: choose a new "
                "file or an earlier version, or untick this.",
            )
        return cleaned

    def _next_position(self) -> int:
        if self.product is None or self.product.pk is None:
            return 0
        positions = self.product.files.values_list("position", flat=True)
        return max(positions, default=-1) + 1

    def upload_name(self) -> str:
        """The name of the file this form was given, if any (to say which
        file to choose again when the page could not be saved)."""
        for name in ("file", "replacement"):
            upload = self.files.get(self.add_prefix(name)) if self.is_bound else None
            if upload:
                return upload.name
        return ""

    def save_with(self, *, user) -> list[str]:
        """Save what staff changed in this form; returns what to tell them."""
        product_file = self.instance
        said = []
        if product_file.pk is None:
            added = product_files.product_file_add(
                product=self.product,
                upload=self.cleaned_data["file"],
                title=self.cleaned_data["title"],
                position=self.cleaned_data["position"],
                user=user,
            )
            return [f"“{added.title}” was uploaded: buyers get it from now on."]
        if {"title", "position"} & set(self.changed_data):
            product_files.product_file_change(
                product_file=product_file,
                title=self.cleaned_data["title"],
                position=self.cleaned_data["position"],
            )
        tell = self.cleaned_data.get("tell_buyers", False)
        if self.cleaned_data.get("replacement"):
            version = product_files.product_file_replace(
                product_file=product_file,
                upload=self.cleaned_data["replacement"],
                user=user,
                note=self.cleaned_data.get("note", ""),
                tell_buyers=tell,
            )
            said.append(_new_version_said(product_file, version, tell))
        elif self.cleaned_data.get("restore"):
            version = product_files.product_file_restore(
                product_file=product_file,
                version=self.cleaned_data["restore"],
                user=user,
                tell_buyers=tell,
            )
            said.append(_new_version_said(product_file, version, tell))
        if self.cleaned_data.get("unarchive"):
            product_files.product_file_unarchive(product_file=product_file)
            said.append(f"“{product_file.title}” is on sale again.")
        return said


def _version_label(version) -> str:
    when = date_format(version.uploaded_at, "DATETIME_FORMAT")
    return f"Version {version.version}, {version.uploaded_name}, uploaded {when}"


def _new_version_said(product_file, version, told) -> str:
    said = (
        f"“{product_file.title}” is now version {version.version}: every "
        "buyer's link gives it."
    )
    if told:
        said += " Past buyers are being e-mailed a fresh link, a few a minute."
    return said


class BaseProductFileFormSet(BaseInlineFormSet):
    """Built by Oscar's product editor as (product_class, user, data, files,
    instance=product)."""

    def __init__(self, product_class, user, *args, **kwargs):
        self.user = user
        self.said = []
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        # Read once: each form takes its file from this one list.
        if not hasattr(self, "_files"):
            self._files = (
                super()
                .get_queryset()
                .annotate(links=Count("download_links"))
                .prefetch_related("versions__uploaded_by")
                .order_by(F("archived_at").asc(nulls_first=True), "position", "pk")
            )
        return self._files

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "product": self.instance}

    @property
    def empty_form(self):
        form = super().empty_form
        form.product = self.instance
        return form

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            if self._should_delete_form(form) and form.upload_name():
                raise forms.ValidationError(
                    f"“{form.instance.title}”: either remove it or give it a new "
                    "version, not both."
                )

    def uploads_not_saved(self) -> list[str]:
        return [name for form in self.forms if (name := form.upload_name())]

    def save(self, commit=True):
        for form in self.initial_forms:
            if self._should_delete_form(form):
                self.said.append(_removed_said(form.instance))
            elif form.has_changed():
                self.said.extend(form.save_with(user=self.user))
        for form in self.extra_forms:
            if form.has_changed() and not self._should_delete_form(form):
                self.said.extend(form.save_with(user=self.user))
        return []


def _removed_said(product_file) -> str:
    outcome = product_files.product_file_remove(product_file=product_file)
    if outcome == product_files.ARCHIVED:
        return (
            f"“{product_file.title}” was archived, not deleted: buyers have "
            "links to it, and those keep working. New orders no longer get it."
        )
    return f"“{product_file.title}” was deleted (nobody had a link to it)."


ProductFileFormSet = inlineformset_factory(
    Product,
    ProductFile,
    form=ProductFileForm,
    formset=BaseProductFileFormSet,
    fields=["title", "position", "file"],
    extra=1,
    can_delete=True,
)
