"""The dashboard's product and category lists (loaded by Oscar through
get_class("dashboard.catalogue.tables", ...))."""

from django.utils.safestring import mark_safe
from django_tables2 import Column, TemplateColumn
from oscar.apps.dashboard.catalogue import tables
from oscar.templatetags.currency_filters import currency


class ProductTable(tables.ProductTable):
    """Oscar's product list with what staff of a shop of files look at: the
    price a buyer pays and the files a buyer gets (none: not on sale).

    Reads the `default_price` and `file_count` the list's query annotates
    (ProductListView), so a page of products costs no query per row.
    """

    # A column of checkboxes has nothing to sort by.
    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/product_row_checkbox.html",
        orderable=False,
    )
    # The cover's stored renditions, not a thumbnail made (and looked up in
    # the database) per row.
    image = TemplateColumn(
        verbose_name="Cover",
        template_name="oscar/dashboard/catalogue/product_row_cover.html",
        orderable=False,
    )
    price = Column(verbose_name="Price", empty_values=(), order_by="default_price")
    files = TemplateColumn(
        verbose_name="Files",
        template_name="oscar/dashboard/catalogue/product_row_files.html",
        order_by="file_count",
    )

    class Meta(tables.ProductTable.Meta):
        sequence = (
            "checkbox",
            "title",
            "upc",
            "image",
            "price",
            "files",
            "product_class",
            "variants",
            "stock_records",
            "...",
            "is_public",
            "date_updated",
            "actions",
        )

    def render_price(self, record):
        if record.is_parent:
            return "—"  # its variants carry the prices
        if record.default_price is None:
            return mark_safe('<span class="badge badge-warning">No price</span>')
        return currency(record.default_price, record.default_price_currency)


class CategoryTable(tables.CategoryTable):
    checkbox = TemplateColumn(
        verbose_name="",
        template_name="oscar/dashboard/catalogue/category_row_checkbox.html",
        orderable=False,
    )
