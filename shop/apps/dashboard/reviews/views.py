from oscar.apps.dashboard.reviews import views

from shop.apps.dashboard.bulk import WholeNumberIdsMixin


class ReviewListView(WholeNumberIdsMixin, views.ReviewListView):
    pass
