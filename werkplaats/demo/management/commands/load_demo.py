from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkplaats import demo
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

    def handle(self, *args, if_empty: bool = False, ook_zonder_debug: bool = False, **options):
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
        self._print_logins(demo.bestaande_logins())

    def _print_logins(self, logins: list[tuple[str, str]]) -> None:
        if not logins:
            return
        self.stdout.write(f"Demo-logins (wachtwoord voor allemaal: {demo.DEMO_PASSWORD}):")
        for username, description in logins:
            self.stdout.write(f"  {username:<14} {description}")
