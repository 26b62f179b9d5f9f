"""Benchmark: what does the end report cost beyond WeasyPrint's own layout work?

For the demo trajectory and a large one (`--organisaties` organisations with four quickscan rounds each,
plus participants), it times the whole PDF (the report object from the data, charts, HTML and PDF) and
WeasyPrint alone rendering the same final HTML, and reports the ratio. Goal: at most 1.5. Charts are
cached by a hash of their data, so a second PDF of unchanged data skips drawing them ("warm").

    make bench-pdf        # or: DJANGO_DEBUG=1 .venv/bin/python bench/pdf.py --organisaties 50
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkplaats.settings")


def build_large(organisaties: int):
    from quickscan import services as quickscan_services
    from rapportage import services as rapportage_services
    from rapportage.models import Eindrapport
    from scholing import services as scholing_services
    from scholing.models import Persoon, Scholingsgroep
    from trajecten import services as traject_services
    from trajecten.models import Deelname, Methode, Traject
    from werkplaats import services as werkplaats_services
    from werkplaats.models import Organisatie, Werkplaats

    methoden = list(Methode.objects.filter(trajecten__isnull=False).distinct())
    elementen = list(quickscan_services.standaard_instrument().elementen.all())
    start = datetime.date(2014, 1, 1)
    werkplaats = werkplaats_services.werkplaats_opslaan(
        werkplaats=Werkplaats(naam="Werkplaats Groot", hogeschool="Hogeschool", lectoraat="L")
    )
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=werkplaats, naam="Groot traject", startdatum=start, einddatum=datetime.date(2015, 12, 31)
        ),
        methoden_aangeboden=methoden,
        methoden=methoden,
    )
    groepen = [
        scholing_services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=m, nummer=1)) for m in methoden
    ]
    for o in range(organisaties):
        organisatie = werkplaats_services.organisatie_opslaan(
            organisatie=Organisatie(werkplaats=werkplaats, naam=f"Organisatie {o:02d}")
        )
        traject_services.deelname_opslaan(
            deelname=Deelname(traject=traject, organisatie=organisatie, vanaf=start), methoden=methoden
        )
        for p in range(3):
            persoon = scholing_services.persoon_opslaan(
                persoon=Persoon(organisatie=organisatie, naam=f"Deelnemer {o}-{p}")
            )
            scholing_services.deelnemer_inschrijven(persoon=persoon, groep=groepen[p % len(groepen)], startdatum=start)
        for r in range(4):
            quickscan_services.ronde_invullen(
                organisatie=organisatie,
                gegevens={"datum": datetime.date(2014, 3 + 3 * r, 1), "ingevuld_door": "Leider", "functie": "Manager"},
                invoer={
                    e.pk: quickscan_services.ElementInvoer(score=1 + (i + r + o) % 5) for i, e in enumerate(elementen)
                },
                afronden=True,
            )
    return rapportage_services.rapport_opslaan(
        rapport=Eindrapport(traject=traject, peildatum=datetime.date(2015, 12, 31))
    )


def measure(rapport, repeat: int) -> dict[str, float]:
    from rapportage import eindrapport, pdf
    from werkplaats.lib import grafieken

    def once() -> tuple[float, float, str]:
        begin = time.perf_counter()
        html = pdf.html(eindrapport.gegevens(rapport))
        document = pdf.pdf(html)
        total = time.perf_counter() - begin
        assert document.startswith(b"%PDF")
        begin = time.perf_counter()
        pdf.pdf(html)
        return total, time.perf_counter() - begin, html

    grafieken.cache_legen()
    cold_total, cold_weasy, html = once()
    warm = [once() for _ in range(repeat)]
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf.pdf(html))).pages)
    return {
        "pages": pages,
        "cold_total": cold_total,
        "cold_ratio": cold_total / cold_weasy,
        "warm_total": statistics.median(w[0] for w in warm),
        "weasy": statistics.median(w[1] for w in warm),
        "warm_ratio": statistics.median(w[0] / w[1] for w in warm),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisaties", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='werkplaats-bench-')}/bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_demo", "--ook-zonder-debug", stdout=io.StringIO())
        from rapportage.models import Eindrapport

        results = {
            "demo": measure(Eindrapport.objects.get(traject__naam="Implementatietraject 2014-2015"), args.repeat)
        }
        with transaction.atomic():  # one commit: the services' own transactions become savepoints
            rapport = build_large(args.organisaties)
        results[f"{args.organisaties} organisaties"] = measure(rapport, args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"{'report':<18}{'pages':>6}{'cold s':>9}{'ratio':>7}{'warm s':>9}{'weasy s':>9}{'ratio':>7}")
    for name, r in results.items():
        print(
            f"{name:<18}{r['pages']:>6}{r['cold_total']:>9.2f}{r['cold_ratio']:>7.2f}"
            f"{r['warm_total']:>9.2f}{r['weasy']:>9.2f}{r['warm_ratio']:>7.2f}"
        )
    print("ratio = whole PDF (data, charts, HTML, layout) / WeasyPrint alone on the same HTML; goal <= 1.5")


if __name__ == "__main__":
    main()
