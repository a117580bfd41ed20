"""The dashboard's customer list (loaded by Oscar through
get_class("dashboard.users.tables", "UserTable"))."""

from django_tables2 import TemplateColumn
from oscar.apps.dashboard.users import tables


class UserTable(tables.UserTable):
    # A column of buttons has nothing to sort by.
    actions = TemplateColumn(
        template_name="oscar/dashboard/users/user_row_actions.html",
        verbose_name=" ",
        orderable=False,
    )
