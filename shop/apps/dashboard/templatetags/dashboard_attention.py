from django import template

from shop.apps.dashboard.attention import attention_items

register = template.Library()


@register.inclusion_tag("oscar/dashboard/partials/attention.html", takes_context=True)
def attention(context):
    return {"items": attention_items(context["request"].user)}
