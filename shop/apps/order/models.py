from oscar.apps.order.models import *  # noqa: F403  (Oscar's order models, unchanged)
