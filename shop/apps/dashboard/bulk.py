"""Bulk actions on the dashboard's lists (a checkbox per row, one action)."""


class WholeNumberIdsMixin:
    """For a view with Oscar's BulkEditMixin: a posted row id that is no
    whole number picks nothing, instead of making the database refuse the
    lookup (a server error); the page then asks to select some rows."""

    def get_selected_ids(self, request):
        if request.POST.get(self.select_across_param, "").lower() == "1":
            return super().get_selected_ids(request)
        posted = request.POST.getlist(f"selected_{self.get_checkbox_object_name()}")
        ids = [value for value in posted if value.isdigit()]
        return list(self.get_queryset().filter(pk__in=ids).values_list("pk", flat=True))
