"""The base of every dashboard table (loaded by Oscar through
get_class("dashboard.tables", "DashboardTable"))."""

from django.core.exceptions import FieldError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django_tables2 import Table
from django_tables2.utils import OrderBy
from oscar.apps.dashboard import tables

# The most rows a `?per_page=` shows on one page.
MAX_PER_PAGE = 100


class DashboardTable(tables.DashboardTable):
    """Oscar's dashboard table, sorted only by what it can be sorted by, in
    pages of a sensible size.

    django-tables2 ignores a `?sort=` that names no column, but sorts by any
    column that does, even one whose accessor is no database field (a
    checkbox, the actions): the database then refuses and the page fails. A
    sort link typed or kept from an older page shows the list in its usual
    order instead. A `?per_page=` below one (which the paginator cannot
    divide by) or above MAX_PER_PAGE is brought within those bounds.
    """

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, **kwargs):
        per_page = min(max(per_page or self._meta.per_page, 1), MAX_PER_PAGE)
        return super().paginate(paginator_class, per_page, page, **kwargs)

    @property
    def order_by(self):
        return Table.order_by.fget(self)

    @order_by.setter
    def order_by(self, value):
        aliases = value.split(",") if isinstance(value, str) else list(value or ())
        Table.order_by.fset(self, [a for a in aliases if self.can_sort_by(a)])

    def can_sort_by(self, alias: str) -> bool:
        name = OrderBy(alias).bare
        if name not in self.columns or not self.columns[name].orderable:
            return False
        if hasattr(self, f"order_{name}"):
            return True
        queryset = getattr(self.data, "data", None)
        if not isinstance(queryset, QuerySet):
            return True
        column = self.columns[name]
        keys = column.column.order_by or (column.accessor,)
        fields = [OrderBy(key).for_queryset() for key in keys]
        try:
            queryset.order_by(*fields)
        except FieldError:
            return False
        return True
