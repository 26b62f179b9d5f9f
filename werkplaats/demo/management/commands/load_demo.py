import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkplaats import demo
from werkplaats.demo import landelijk
from werkplaats.models import Werkplaats


class Command(BaseCommand):
    help = "Laadt de demodata van Wmo-werkplaats Noord (2014-2015). Twee keer draaien verandert niets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Alleen laden als er nog geen werkplaats in de database staat."
        )
        parser.add_argument(
            "--ook-zonder-debug",
            action="store_true",
            help="Ook laden als DJANGO_DEBUG uit staat (een productie-instelling): de demo maakt accounts, waaronder "
            "een beheerder, met een gepubliceerd wachtwoord.",
        )
        parser.add_argument(
            "--landelijk",
            action="store_true",
            help="Voeg ook de andere dertien Wmo-werkplaatsen toe, met gegenereerde voorbeeldgegevens (organisaties, "
            "personen, scholing, quickscans), voor het landelijk overzicht en de vergelijking. Een werkplaats die er "
            "al is, blijft zoals hij is.",
        )
        parser.add_argument(
            "--schaal",
            type=float,
            default=None,
            help="Met --landelijk: een deel van de volledige set, groter dan 0 en hoogstens 1 (standaard 1: 13 "
            "werkplaatsen, zo'n 340 organisaties en 1000 quickscanrondes; 0.2 voor een kleine set).",
        )

    def handle(
        self,
        *args,
        if_empty: bool = False,
        ook_zonder_debug: bool = False,
        landelijk: bool = False,
        schaal: float | None = None,
        **options,
    ):
        if schaal is not None and not landelijk:
            raise CommandError("--schaal hoort bij --landelijk.")
        try:
            landelijke_schaal = self._schaal(schaal) if landelijk else None
        except ValueError as fout:
            raise CommandError(f"--schaal: {fout}.") from fout
        if not settings.DEBUG and not ook_zonder_debug:
            raise CommandError(
                "DJANGO_DEBUG staat uit: dit lijkt een productie-installatie. De demodata maakt accounts met een "
                "gepubliceerd wachtwoord en wordt daarom niet geladen. Bedoelt u het echt: --ook-zonder-debug."
            )
        if if_empty and Werkplaats.objects.exists():
            self.stdout.write("De database bevat al gegevens; demodata niet opnieuw geladen.")
            self._print_logins(demo.bestaande_logins())
            return
        demo.laden()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        if landelijke_schaal is not None:
            self._landelijk(landelijke_schaal)
        self._print_logins(demo.bestaande_logins())

    @staticmethod
    def _schaal(schaal: float | None) -> landelijk.Schaal:
        return landelijk.Schaal() if schaal is None else landelijk.Schaal.deel(schaal)

    def _landelijk(self, schaal: landelijk.Schaal) -> None:
        begin = time.perf_counter()
        resultaat = landelijk.laden(schaal)
        if resultaat.toegevoegd:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Landelijke voorbeeldgegevens: {len(resultaat.toegevoegd)} werkplaatsen toegevoegd "
                    f"in {time.perf_counter() - begin:.0f} s (gegenereerd; de landelijke cijfers staan bij jaar "
                    "2014, 2015 en 2016)."
                )
            )
        if resultaat.bestaand:
            self.stdout.write(f"Landelijke voorbeeldgegevens: {len(resultaat.bestaand)} werkplaatsen waren er al.")

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        if not logins:
            return
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {demo.DEMO_PASSWORD}):")
        for username, description in logins:
            self.stdout.write(f"  {username:<14} {description}")
