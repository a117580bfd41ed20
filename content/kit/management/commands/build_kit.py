from django.core.management.base import BaseCommand

from content.kit.files import ensure_kit_files


class Command(BaseCommand):
    help = "Build the starter kit's PDFs and zip into private storage (once)."

    def handle(self, *args, **options):
        built = ensure_kit_files()
        if built:
            self.stdout.write(f"Built the starter kit: {', '.join(built)}")
        else:
            self.stdout.write("The starter kit is already built.")
