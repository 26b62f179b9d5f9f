"""Benchmark: what does the end report's PDF cost next to WeasyPrint alone rendering the same document in one pass?

For the demo trajectory and large ones (`--organisaties` organisations with four quickscan rounds each, plus
participants), it times the whole PDF (the report object from the data, charts, HTML and PDF: in parts in worker
processes from `EINDRAPPORT_IN_DELEN_VANAF` organisations on, rapportage/pdf_delen.py) and WeasyPrint alone rendering
the same final HTML in one pass, and reports the ratio, cold (no chart cached anywhere) and warm (the charts in
Django's cache, as a second web worker finds them). Every measurement runs in a fresh process of its own (started with
`--meting`, its URLs loaded as a serving process has them), so its peak RSS is its own; the worker processes' peak
is reported apart. Then the report is frozen and
its stored PDF's download timed against the floor view. Goals (issue 12): the demo cold at most 1.15x; a frozen
download within 5x the floor; the 350-organisation report at most 0.6x with at most 400 MiB per process.

    make bench-pdf        # or: DJANGO_DEBUG=1 .venv/bin/python bench/pdf.py --organisaties 20,50
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import statistics
import subprocess
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


def _meting(soort: str, rapport_id: int, html_pad: str) -> dict[str, float]:
    """One measurement, in this (fresh) process: `ons-koud`, `ons-warm`, `weasyprint` or `bevroren`."""
    import django

    django.setup()
    from django.urls import get_resolver
    from pypdf import PdfReader

    from rapportage import pdf
    from rapportage.models import Eindrapport
    from werkplaats.lib import grafieken, werkers
    from werkplaats.lib import pdf as lib_pdf

    rapport = Eindrapport.objects.select_related("traject").get(pk=rapport_id)
    # As a serving process is before its first PDF: its URLs loaded, with every view and what they import (the
    # chart modules, matplotlib). What is timed is the report, not the start of a Python process.
    get_resolver().url_patterns  # noqa: B018
    uitkomst: dict[str, float] = {}
    if soort.startswith("ons"):
        if soort == "ons-koud":
            grafieken.cache_legen()
        begin = time.perf_counter()
        html, document = pdf.rapport_pdf(rapport)
        uitkomst["tijd"] = time.perf_counter() - begin
        uitkomst["paginas"] = len(PdfReader(io.BytesIO(document)).pages)
        per_deel = settings_waarde("EINDRAPPORT_DEEL_ORGANISATIES")
        uitkomst["delen"] = len(pdf.pdf_delen.delen(html, per_deel=per_deel))
        uitkomst["in_delen"] = float(pdf.pdf_delen.in_delen(html))
        Path(html_pad).write_text(html, encoding="utf-8")
    elif soort == "weasyprint":
        html = Path(html_pad).read_text(encoding="utf-8")
        begin = time.perf_counter()
        lib_pdf.pdf(html)
        uitkomst["tijd"] = time.perf_counter() - begin
    else:
        uitkomst.update(_bevroren(rapport))
    uitkomst["piek_mib"] = werkers.piek_mib()
    uitkomst["werkers_mib"] = max(
        lib_pdf.LAATSTE_IN_DELEN.get("werkers_piek_mib", 0.0), lib_pdf.LAATSTE_IN_DELEN.get("samenvoegen_piek_mib", 0.0)
    )
    return uitkomst


def settings_waarde(naam: str) -> int:
    from django.conf import settings

    waarde: int = getattr(settings, naam)
    return waarde


def _bevroren(rapport) -> dict[str, float]:
    """A frozen download (the stored file), timed against the floor view (bench/urls.py), interleaved."""
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from rapportage import services
    from werkplaats.models import User

    setup_test_environment()
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
        "frozen_ms": statistics.median(samples["bevroren"]) * 1000,
        "floor_ms": statistics.median(samples["vloer"]) * 1000,
    }


def in_proces(soort: str, rapport_id: int, html_pad: str) -> dict[str, float]:
    """A measurement in a fresh Python process (its peak RSS is its own, no memory of this one in it)."""
    uitslag = subprocess.run(
        [sys.executable, __file__, "--meting", soort, "--rapport", str(rapport_id), "--html", html_pad],
        capture_output=True,
        text=True,
        env=os.environ,
    )
    if uitslag.returncode != 0:
        raise RuntimeError(f"measurement {soort} failed:\n{uitslag.stderr[-4000:]}")
    return json.loads(uitslag.stdout.strip().splitlines()[-1])


def measure(rapport_id: int, repeat: int, map_: str) -> dict[str, float]:
    """`repeat` times cold, then `repeat` times warm, each next to WeasyPrint alone on the same HTML (the medians of
    the pairs' ratios: one pair swings with the machine's load); then the frozen download."""
    html_pad = f"{map_}/rapport-{rapport_id}.html"
    koud = []
    for _ in range(repeat):
        ons = in_proces("ons-koud", rapport_id, html_pad)
        koud.append((ons, in_proces("weasyprint", rapport_id, html_pad)))
    warm = []
    for _ in range(repeat):
        ons = in_proces("ons-warm", rapport_id, html_pad)
        warm.append((ons, in_proces("weasyprint", rapport_id, html_pad)))
    bevroren = in_proces("bevroren", rapport_id, html_pad)
    paren = koud + warm
    return {
        "pages": koud[0][0]["paginas"],
        "parts": koud[0][0]["delen"] if koud[0][0]["in_delen"] else 1,
        "cold_total": statistics.median(o["tijd"] for o, _w in koud),
        "cold_ratio": statistics.median(o["tijd"] / w["tijd"] for o, w in koud),
        "warm_total": statistics.median(o["tijd"] for o, _w in warm),
        "weasy": statistics.median(w["tijd"] for _o, w in warm),
        "warm_ratio": statistics.median(o["tijd"] / w["tijd"] for o, w in warm),
        "peak_mib": max(o["piek_mib"] for o, _w in paren),
        "workers_mib": max(o["werkers_mib"] for o, _w in paren),
        "weasy_mib": max(w["piek_mib"] for _o, w in paren),
        "frozen_ms": bevroren["frozen_ms"],
        "floor_ms": bevroren["floor_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisaties", default="20,50,100,350", help="comma-separated sizes of the large reports")
    parser.add_argument("--repeat", type=int, default=1, help="measurements of each large report, cold and warm")
    parser.add_argument("--repeat-demo", type=int, default=5, help="measurements of the demo report, cold and warm")
    parser.add_argument("--meting", help=argparse.SUPPRESS)
    parser.add_argument("--rapport", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--html", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.meting:  # a child: one measurement against the database the parent made
        print(json.dumps(_meting(args.meting, args.rapport, args.html)))
        return
    sizes = [int(n) for n in args.organisaties.split(",") if n.strip()]
    map_ = tempfile.mkdtemp(prefix="werkplaats-bench-")
    database = f"{map_}/bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"  # the children open it as their database
    os.environ.setdefault("GRAFIEKEN_CACHE_DIR", tempfile.mkdtemp(prefix="werkplaats-bench-grafieken-"))
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="werkplaats-bench-media-"))
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    from quickscan.instrument import paraplumodel_laden

    setup_test_environment()  # mail to memory, not the console

    # The tables from the models, as the tests make them (no migrations to render), in the file the children open.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), "NAME": database}
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    paraplumodel_laden()
    results = {}
    call_command("load_demo", "--ook-zonder-debug", stdout=io.StringIO())
    from rapportage.models import Eindrapport

    demo = Eindrapport.objects.get(traject__naam="Implementatietraject 2014-2015")
    connection.close()
    results["demo"] = measure(demo.pk, args.repeat_demo, map_)
    print("... demo measured", file=sys.stderr, flush=True)
    for n in sizes:
        with transaction.atomic():  # one commit: the services' own transactions become savepoints
            rapport = build_large(n)
        connection.close()
        results[f"{n} organisaties"] = measure(rapport.pk, args.repeat, map_)
        print(f"... {n} organisaties measured", file=sys.stderr, flush=True)
    print(
        f"{'report':<18}{'pages':>6}{'parts':>6}{'cold s':>8}{'ratio':>7}{'warm s':>8}{'weasy s':>9}{'ratio':>7}"
        f"{'peak MiB':>9}{'workers':>8}{'weasy MiB':>10}{'frozen ms':>10}{'floor ms':>9}"
    )
    for name, r in results.items():
        print(
            f"{name:<18}{r['pages']:>6.0f}{r['parts']:>6.0f}{r['cold_total']:>8.2f}{r['cold_ratio']:>7.2f}"
            f"{r['warm_total']:>8.2f}{r['weasy']:>9.2f}{r['warm_ratio']:>7.2f}"
            f"{r['peak_mib']:>9.0f}{r['workers_mib']:>8.0f}{r['weasy_mib']:>10.0f}{r['frozen_ms']:>10.1f}"
            f"{r['floor_ms']:>9.1f}"
        )
    print(
        "ratio = whole PDF (data, charts, HTML, layout; in parts when parts > 1) / WeasyPrint alone on the same HTML "
        "in one pass; peak MiB = the rendering process, workers = the largest worker process, weasy MiB = WeasyPrint "
        "alone; each measurement a fresh process. Goals: demo cold <= 1.15, 350 warm <= 0.6 with <= 400 MiB per "
        "process, frozen download <= 5x the floor (PDF/UA-1, tagged)"
    )


if __name__ == "__main__":
    main()
