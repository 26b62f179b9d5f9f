"""Send today's quickscan reminders (and, with --overzicht, the weekly digest): for sites that use cron instead of
Celery beat. Running it twice sends nothing twice."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from quickscan import herinneringen


class Command(BaseCommand):
    help = "Verstuur de quickscan-herinneringen van vandaag (en met --overzicht het weekoverzicht)."

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", help="JJJJ-MM-DD; standaard vandaag")
        parser.add_argument("--overzicht", action="store_true", help="ook het weekoverzicht voor de coördinatoren")

    def handle(self, *args, peildatum=None, overzicht=False, **options):
        try:
            datum = datetime.date.fromisoformat(peildatum) if peildatum else None
        except ValueError:
            raise CommandError(f"Ongeldige peildatum {peildatum!r}; gebruik JJJJ-MM-DD.") from None
        aantal = herinneringen.herinneringen_versturen(datum)
        self.stdout.write(f"{aantal} herinnering(en) verstuurd.")
        if overzicht:
            self.stdout.write(f"{herinneringen.overzicht_versturen(datum)} weekoverzicht(en) verstuurd.")
