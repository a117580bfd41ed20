from django import forms
from oscar.apps.dashboard.orders import forms as oscar_forms

from shop.payments.models import OrderStatus


class OrderSearchForm(oscar_forms.OrderSearchForm):
    # Oscar offers the statuses of an order pipeline, which this shop does
    # not use: staff filter by the statuses its orders get instead (e.g.
    # "Partly refunded in Stripe", orders waiting for staff to choose lines).
    status = forms.ChoiceField(
        choices=[("", "---------"), *OrderStatus.choices],
        label="Status",
        required=False,
    )
