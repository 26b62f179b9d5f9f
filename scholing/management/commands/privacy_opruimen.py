"""`manage.py privacy_opruimen`: remove import previews older than an hour and expired sessions.

Run it every quarter of an hour (cron, or Celery beat: `scholing.tasks.privacy_opruimen`). Running it twice removes
nothing twice.
"""

from django.core.management.base import BaseCommand

from scholing.services import privacy_opruimen


class Command(BaseCommand):
    help = "Verwijdert importvoorbeelden ouder dan een uur en verlopen sessies."

    def handle(self, *args, **options) -> None:
        opgeruimd = privacy_opruimen()
        self.stdout.write(
            f"{opgeruimd.importvoorbeelden} importvoorbeeld(en) en {opgeruimd.sessies} verlopen sessie(s) verwijderd."
        )
