from django.core.management.base import BaseCommand

from shop.demo.activity import load_activity


class Command(BaseCommand):
    help = (
        "Add three months of demo readers, kit sign-ups and orders for the "
        "What's working report (once; needs the demo catalogue and articles)."
    )

    def handle(self, *args, **options):
        placed = load_activity()
        if placed:
            self.stdout.write(f"placed   {placed} demo orders, sign-ups and views")
        else:
            self.stdout.write("kept     demo activity (there already, or no catalogue)")
