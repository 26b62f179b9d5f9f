"""The demo's end report as PDF, rendered once per process for every module that reads it back (rendering takes
seconds): in one pass from the records (`demo_rapport_pdf`), and frozen and made in parts as the worker makes it
(`demo_in_delen`). The tests that use them are in the shared demo's xdist group (tests/conftest.py)."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

from rapportage import eindrapport, pdf, services
from rapportage.models import Eindrapport
from werkplaats.lib import grafieken, grafieken_tegelijk
from werkplaats.lib import pdf as lib_pdf

# The demo cut small (threshold 2, three organisations a part), so that it has four parts.
IN_DELEN = {"EINDRAPPORT_IN_DELEN_VANAF": 2, "EINDRAPPORT_DEEL_ORGANISATIES": 3}


@pytest.fixture(scope="session")
def demo_rapport_pdf(demo_database, django_db_blocker):
    """The demo's report as a download makes it (`pdf.rapport_pdf`, in one pass): {"html", "pdf", "paginas" (text per
    page), "reader"}. Its charts are not cached and are drawn in a forked child, as a single-threaded web worker draws
    them (a test worker has threads, so by itself it would draw them here), and WeasyPrint fetches them by their
    stand-ins."""
    demo_database.openen()
    gestart = []
    starten = grafieken_tegelijk.Naast._starten
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(EINDRAPPORT_IN_DELEN_VANAF=0),
        mock.patch.object(grafieken_tegelijk, "_kan_vorken", return_value=True),
        mock.patch.object(grafieken_tegelijk.Naast, "_starten", lambda naast: gestart.append(1) or starten(naast)),
    ):
        grafieken.cache_legen()
        document, inhoud = pdf.rapport_pdf(Eindrapport.objects.get())
        transaction.set_rollback(True)
    assert gestart == [1], "the charts were not drawn in a child"
    assert 'src="grafiek:' not in document and document.count('src="data:image/svg+xml;base64,') >= 9
    reader = PdfReader(io.BytesIO(inhoud))
    return {"html": document, "pdf": inhoud, "paginas": [p.extract_text() for p in reader.pages], "reader": reader}


@pytest.fixture(scope="session")
def demo_in_delen(demo_database, django_db_blocker, tmp_path_factory):
    """The demo report frozen, its PDF made from the snapshot as the worker makes it (in parts), and the same HTML in
    one pass by WeasyPrint alone; with the report's names in Bijlage 5 (built once, rolled back)."""
    demo_database.openen()
    with django_db_blocker.unblock(), transaction.atomic():
        rapport = Eindrapport.objects.get()
        with (
            override_settings(**IN_DELEN),
            mock.patch.object(lib_pdf, "pdf_in_delen", wraps=lib_pdf.pdf_in_delen) as spion,
            mock.patch.object(services, "_voortgang", wraps=services._voortgang) as voortgang,
        ):
            services.rapport_bevriezen(rapport=rapport)
            versie = services.versie_pdf_maken(versie=rapport.versies.get())
        with versie.pdf.open("rb") as bestand:
            delen = bestand.read()
        gegevens = eindrapport.gegevens(Eindrapport.objects.get(pk=rapport.pk))  # the snapshot
        html = pdf.html(gegevens)
        een = lib_pdf.pdf(html)
        transaction.set_rollback(True)
    map_ = tmp_path_factory.mktemp("pdf_delen")
    (map_ / "een.pdf").write_bytes(een)
    (map_ / "delen.pdf").write_bytes(delen)
    return {
        "html": html,
        "namen": [g["plek"] for g in gegevens["quickscans"]["grafieken"]],
        "een": een,
        "delen": delen,
        "versie": versie,
        "aanroepen": spion.call_args_list,
        "voortgang": [c.args[1] for c in voortgang.call_args_list],
        "map": map_,
    }
