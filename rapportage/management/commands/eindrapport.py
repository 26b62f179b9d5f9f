import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapportage import pdf
from rapportage.models import Eindrapport
from trajecten.models import Traject


class Command(BaseCommand):
    help = (
        "Schrijft het eindrapport van een traject als PDF. Het traject is een nummer of een naam. Zonder "
        "--peildatum het nieuwste eindrapport van het traject (bevroren cijfers blijven bevroren)."
    )

    def add_arguments(self, parser):
        parser.add_argument("traject", help="nummer (pk) of naam van het traject")
        parser.add_argument("bestand", type=Path, help="waar de PDF komt")
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat, help="JJJJ-MM-DD")

    def handle(self, *args, traject: str, bestand: Path, peildatum: datetime.date | None = None, **options):
        trajecten = (
            Traject.objects.filter(pk=int(traject)) if traject.isdigit() else Traject.objects.filter(naam=traject)
        )
        gevonden = trajecten.select_related("werkplaats").first()
        if gevonden is None:
            raise CommandError(f"Geen traject ‘{traject}’.")
        rapport = gevonden.eindrapporten.order_by("-peildatum", "-pk").first()
        if peildatum is not None and (rapport is None or rapport.peildatum != peildatum):
            # A report at another date: the texts of the newest report, the figures of that date.
            basis = rapport
            rapport = Eindrapport(traject=gevonden, peildatum=peildatum)
            if basis is not None:
                for veld in (
                    "titel",
                    "taal",
                    "auteurs",
                    "plaats_datum",
                    "gestopte_organisaties_anoniem",
                    "vergelijking_in_bijlage",
                    "layout",
                    "uitgave",
                    "druk",
                    "correspondentie",
                    "copyright",
                ):
                    setattr(rapport, veld, getattr(basis, veld))
        if rapport is None:
            rapport = Eindrapport(traject=gevonden, peildatum=min(datetime.date.today(), gevonden.einddatum))
        bestand.write_bytes(pdf.rapport_pdf(rapport)[1])
        self.stdout.write(f"{bestand} geschreven ({rapport.traject}, peildatum {rapport.peildatum:%d-%m-%Y}).")
