from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from shop.attribution import chart, exports, report
from shop.attribution.access import REPORT_PERMISSION
from shop.attribution.forms import DateRangeForm, presets


@method_decorator(
    user_passes_test(
        lambda user: user.is_active and user.is_staff,
        login_url=reverse_lazy("dashboard:login"),
    ),
    name="dispatch",
)
class ReportView(TemplateView):
    """What's working: the owner's report, with CSV exports of each table."""

    template_name = "attribution/report.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = DateRangeForm(request.GET or None)
        dates = form.date_range()
        if form.is_bound and not form.is_valid():
            problems = [
                *form.errors.get("start", []),
                *form.errors.get("end", []),
                *form.non_field_errors(),
            ]
            messages.error(
                request,
                "Those dates could not be used, so this shows the last 30 days. "
                + " ".join(problems),
            )
        built = report.build(dates)
        table = request.GET.get("export")
        if table in exports.TABLES:
            return exports.csv_response(
                built, table, absolute=request.build_absolute_uri
            )
        return self.render_to_response(
            self.get_context_data(form=form, report=built, dates=dates)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        built = context["report"]
        context.update(
            title="What's working",
            presets=presets(),
            chart=chart.draw(
                built.periods,
                label_format=lambda day: day.strftime("%b %-d"),
            ),
            period_label="Week starting" if built.dates.weekly else "Day",
            window_hours=settings.ATTRIBUTION_WINDOW_HOURS,
        )
        return context
