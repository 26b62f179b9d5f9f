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
import json
import os
import resource
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
        werkplaats=Werkplaats(naam=f"Werkplaats Groot {organisaties}", hogeschool="Hogeschool", lectoraat="L")
    )
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=werkplaats,
            naam=f"Groot traject {organisaties}",
            startdatum=start,
            einddatum=datetime.date(2015, 12, 31),
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
    """Cold (no chart cached anywhere), warm, WeasyPrint alone, and a frozen download against the floor view."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    from rapportage import eindrapport, pdf, services
    from werkplaats.lib import grafieken
    from werkplaats.models import User

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
    pages = len(PdfReader(io.BytesIO(pdf.pdf(html))).pages)

    # Frozen: the stored file is served; timed against the floor (bench/urls.py), interleaved.
    settings.ROOT_URLCONF = "bench.urls"
    settings.EINDRAPPORT_ACHTERGROND_VANAF = 10**6  # make the PDF here, not in a worker
    services.rapport_bevriezen(rapport=rapport)
    services.versie_pdf_maken(versie=rapport.versies.get())
    client = Client()
    client.force_login(User.objects.create_superuser(f"bench-{rapport.pk}", "bench@example.nl", "x"))
    urls = {"vloer": reverse("bench_vloer"), "bevroren": reverse("rapportage:eindrapport_pdf", args=[rapport.pk])}
    samples: dict[str, list[float]] = {k: [] for k in urls}
    for _ in range(15):
        for naam, url in urls.items():
            begin = time.perf_counter()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            samples[naam].append(time.perf_counter() - begin)
            assert response.status_code == 200, (url, response.status_code)
    return {
        "pages": pages,
        "cold_total": cold_total,
        "cold_ratio": cold_total / cold_weasy,
        "warm_total": statistics.median(w[0] for w in warm),
        "weasy": statistics.median(w[1] for w in warm),
        "warm_ratio": statistics.median(w[0] / w[1] for w in warm),
        "frozen_ms": statistics.median(samples["bevroren"]) * 1000,
        "floor_ms": statistics.median(samples["vloer"]) * 1000,
    }


def in_child(functie) -> dict[str, float]:
    """Run a measurement in a forked process, so that its peak RSS is its own (and nothing it writes stays)."""
    lezen, schrijven = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without running the parent's cleanup
        os.close(lezen)
        try:
            result = functie()
            result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            os.write(schrijven, json.dumps(result).encode())
        finally:
            os._exit(0)
    os.close(schrijven)
    with os.fdopen(lezen) as handle:
        data = handle.read()
    os.waitpid(pid, 0)
    return json.loads(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisaties", default="20,50,100,350", help="comma-separated sizes of the large reports")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(n) for n in args.organisaties.split(",") if n.strip()]
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='werkplaats-bench-')}/bench.sqlite3")
    os.environ.setdefault("GRAFIEKEN_CACHE_DIR", tempfile.mkdtemp(prefix="werkplaats-bench-grafieken-"))
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="werkplaats-bench-media-"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    results = {}
    try:
        call_command("load_demo", "--ook-zonder-debug", stdout=io.StringIO())
        from rapportage.models import Eindrapport

        demo = Eindrapport.objects.get(traject__naam="Implementatietraject 2014-2015")
        results["demo"] = in_child(lambda: measure(demo, args.repeat))
        for n in sizes:
            with transaction.atomic():  # one commit: the services' own transactions become savepoints
                rapport = build_large(n)
            results[f"{n} organisaties"] = in_child(lambda rapport=rapport: measure(rapport, args.repeat))
            print(f"... {n} organisaties measured", file=sys.stderr, flush=True)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        f"{'report':<18}{'pages':>6}{'cold s':>9}{'ratio':>7}{'warm s':>9}{'weasy s':>9}{'ratio':>7}"
        f"{'peak MiB':>10}{'frozen ms':>11}{'floor ms':>10}"
    )
    for name, r in results.items():
        print(
            f"{name:<18}{r['pages']:>6}{r['cold_total']:>9.2f}{r['cold_ratio']:>7.2f}"
            f"{r['warm_total']:>9.2f}{r['weasy']:>9.2f}{r['warm_ratio']:>7.2f}"
            f"{r['peak_mib']:>10.0f}{r['frozen_ms']:>11.1f}{r['floor_ms']:>10.1f}"
        )
    print(
        "ratio = whole PDF (data, charts, HTML, layout) / WeasyPrint alone on the same HTML; goals: cold <= 1.15 on "
        "the demo, frozen download <= 5x the floor; peak MiB = the measuring process's peak RSS (PDF/UA-1, tagged)"
    )


if __name__ == "__main__":
    main()
