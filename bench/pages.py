"""Benchmark: do the busiest pages stay as fast at national scale as on the demo?

Builds two data sets in a throw-away database: the demo (one werkplaats), then a national one (the demo
plus `--scale` werkplaatsen of 20 organisations with participants, buddies, leaders and four quickscan
rounds each). It times the pages the demo's coordinator opens every week and counts their queries, and
reports per page the median time on each data set, the ratio national / demo, and the number of queries
(which must not grow with the data).

    make bench                       # or: DJANGO_DEBUG=1 .venv/bin/python bench/pages.py --scale 14

Runs against SQLite files in a temporary folder unless DATABASE_URL is set (then it uses that server,
creating and dropping a `bench_*` database through Django's test database machinery).
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


def build_national(scale: int) -> None:
    """`scale` extra werkplaatsen, each with 20 organisations, participants, buddies, leaders and 4 rounds."""
    from quickscan import services as quickscan_services
    from scholing import services as scholing_services
    from scholing.models import Implementatieleider, Persoon, Scholingsgroep
    from trajecten import services as traject_services
    from trajecten.models import Deelname, Methode, Traject
    from werkplaats.models import Organisatie, Werkplaats
    from werkplaats.services import opslaan

    methoden = list(Methode.objects.filter(trajecten__isnull=False).distinct())
    start = datetime.date(2014, 1, 1)
    for w in range(scale):
        werkplaats = Werkplaats.objects.create(naam=f"Werkplaats {w:02d}", hogeschool="Hogeschool", lectoraat="L")
        traject = traject_services.traject_opslaan(
            traject=Traject(
                werkplaats=werkplaats, naam="Traject", startdatum=start, einddatum=datetime.date(2015, 12, 31)
            ),
            methoden_aangeboden=methoden,
            methoden=methoden,
        )
        groepen = [opslaan(obj=Scholingsgroep(traject=traject, methode=m, nummer=1)) for m in methoden]
        for o in range(20):
            organisatie = opslaan(obj=Organisatie(werkplaats=werkplaats, naam=f"Organisatie {w:02d}-{o:02d}"))
            traject_services.deelname_opslaan(
                deelname=Deelname(traject=traject, organisatie=organisatie, vanaf=start), methoden=methoden
            )
            for p in range(5):
                persoon = opslaan(obj=Persoon(organisatie=organisatie, naam=f"Deelnemer {w}-{o}-{p}"))
                inschrijving = scholing_services.deelnemer_inschrijven(
                    persoon=persoon, groep=groepen[p % len(groepen)], startdatum=datetime.date(2014, 3, 1)
                )
                scholing_services.buddy_toevoegen(
                    inschrijving=inschrijving, naam="Team", is_team=True, aantal=6, vanaf=datetime.date(2014, 4, 1)
                )
            leider = opslaan(obj=Persoon(organisatie=organisatie, naam=f"Leider {w}-{o}", soort="manager"))
            opslaan(obj=Implementatieleider(persoon=leider, traject=traject, functie="manager", actief_vanaf=start))
            for r in range(4):
                ronde = quickscan_services.ronde_aanmaken(
                    organisatie=organisatie,
                    datum=datetime.date(2014, 3 + 3 * r, 1),
                    ingevuld_door="Leider",
                    functie="Manager",
                )
                elementen = {e.code: e.pk for e in ronde.instrument.elementen.all()}
                invoer = {
                    pk: quickscan_services.ElementInvoer(score=1 + (i + r + o) % 5)
                    for i, pk in enumerate(elementen.values())
                }
                quickscan_services.ronde_opslaan(
                    ronde=ronde, versie=ronde.versie, gegevens={}, invoer=invoer, afronden=True
                )


def measure(urls: dict[str, str], repeat: int) -> dict[str, tuple[float, int]]:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from werkplaats.models import User

    client = Client()
    # The coordinator of the demo werkplaats: the person who opens these pages every week.
    client.force_login(User.objects.get(username="coordinator"))
    results = {}
    for name, url in urls.items():
        client.get(url)  # warm up: template loading, first connection
        times = []
        for _ in range(repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - begin)
            assert response.status_code == 200, (url, response.status_code)
        results[name] = (statistics.median(times), len(queries))
    return results


def urls() -> dict[str, str]:
    from django.urls import reverse

    from trajecten.models import Traject
    from werkplaats.models import Organisatie

    traject = Traject.objects.get(naam="Implementatietraject 2014-2015")
    hoa = Organisatie.objects.get(naam="Het Oude Ambt")
    return {
        "home": reverse("werkplaats:home"),
        "organisaties": reverse("werkplaats:organisatie_list"),
        "dashboard": reverse("rapportage:dashboard", kwargs={"pk": traject.pk}) + "?peildatum=2015-12-31",
        "quickscan overzicht": reverse("quickscan:overzicht"),
        "quickscan organisatie": reverse("quickscan:organisatie", kwargs={"pk": hoa.pk}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=14, help="extra werkplaatsen in the national data set")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="werkplaats-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_demo", stdout=io.StringIO())
        demo = measure(urls(), args.repeat)
        begin = time.perf_counter()
        build_national(args.scale)
        built = time.perf_counter() - begin
        national = measure(urls(), args.repeat)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(f"National data set: {args.scale} extra werkplaatsen x 20 organisations, built in {built:.0f} s")
    print(f"{'page':<24}{'demo ms':>10}{'national ms':>14}{'ratio':>8}{'queries':>10}")
    worst = 0.0
    for name, (t_demo, q_demo) in demo.items():
        t_nat, q_nat = national[name]
        ratio = t_nat / t_demo
        worst = max(worst, ratio)
        queries = f"{q_demo}" if q_demo == q_nat else f"{q_demo}->{q_nat}"
        print(f"{name:<24}{t_demo * 1000:>10.1f}{t_nat * 1000:>14.1f}{ratio:>8.2f}{queries:>10}")
    print(f"worst ratio national / demo: {worst:.2f}")


if __name__ == "__main__":
    main()
