"""Write every e-mail the shop sends, built from demo data, into a folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from shop.demo.emails import NoProducts, sample_emails


class Command(BaseCommand):
    help = (
        "Build every e-mail the shop sends from demo data (nothing is kept or "
        "sent) and write each as <name>.html, <name>.txt and <name>.eml."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        try:
            samples = sample_emails()
        except NoProducts as error:
            raise CommandError(str(error)) from error
        folder.mkdir(parents=True, exist_ok=True)
        for name, message in samples.items():
            [(html, __)] = message.alternatives
            (folder / f"{name}.html").write_text(html)
            (folder / f"{name}.txt").write_text(message.body)
            (folder / f"{name}.eml").write_bytes(message.message().as_bytes())
            self.stdout.write(f"{folder / name}.html  {message.subject}")
