"""Oscar's dashboard views that the shop changes (loaded by get_class)."""

from oscar.apps.dashboard import views

from shop.signin import SignInForm


class LoginView(views.LoginView):
    # Says why while the account is cooling off after wrong passwords.
    authentication_form = SignInForm
