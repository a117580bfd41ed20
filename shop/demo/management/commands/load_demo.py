from django.core.management.base import BaseCommand

from shop.demo.catalogue import STAFF_EMAIL, STAFF_USERNAME, load_catalogue


class Command(BaseCommand):
    help = "Create the GoToBetter demo catalogue and staff account (safe to re-run)."

    def handle(self, *args, **options):
        report = load_catalogue()
        for title in report.created:
            self.stdout.write(f"created  {title}")
        for title in report.kept:
            self.stdout.write(f"kept     {title} (already there, left as it is)")
        if report.staff_password:
            self.stdout.write(
                self.style.SUCCESS(
                    "\nDemo staff account (shown once, not stored anywhere):\n"
                    f"  username: {STAFF_USERNAME}  (or e-mail {STAFF_EMAIL})\n"
                    f"  password: {report.staff_password}\n"
                    "  sign in at http://127.0.0.1:8000/dashboard/\n"
                )
            )
        else:
            self.stdout.write(
                f"\nDemo staff account '{STAFF_USERNAME}' already exists. "
                "To set a new password: "
                f"python manage.py changepassword {STAFF_USERNAME}"
            )
