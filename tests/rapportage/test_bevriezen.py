"""Frozen means frozen: a freeze stores the whole rendered input and the PDF, edits wait, versions stay."""

from __future__ import annotations

import datetime
import hashlib
import io

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from rapportage import bevroren, eindrapport, pdf, services
from rapportage.models import Correctie, Eindrapport, Eindrapportversie
from scholing import services as scholing_services
from scholing.models import Inschrijving
from tests.factories import MethodeFactory
from trajecten import services as traject_services
from trajecten.models import Deelname, Traject
from werkplaats.models import Mailbericht, User

pytestmark = pytest.mark.django_db


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_bevroren_download_is_het_opgeslagen_bestand_en_teksten_wachten(client, demo):
    rapport = Eindrapport.objects.get()
    lectoraat = User.objects.get(username="lectoraat")
    client.force_login(lectoraat)
    assert client.post(reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": rapport.pk})).status_code == 302

    versie = Eindrapportversie.objects.get(rapport=rapport)
    assert (versie.nummer, versie.status, versie.bevroren_door) == (1, "klaar", lectoraat)
    opgeslagen = versie.pdf.read()
    assert hashlib.sha256(opgeslagen).hexdigest() == versie.pdf_sha256
    assert versie.paginas == len(PdfReader(io.BytesIO(opgeslagen)).pages) > 10
    url = reverse("rapportage:eindrapport_pdf", kwargs={"pk": rapport.pk})
    assert _download(client, url) == opgeslagen  # the stored file, byte for byte

    # While frozen, texts and overrides are refused (400, Dutch message), and nothing changes.
    tekst_url = reverse("rapportage:eindrapport_tekst", kwargs={"pk": rapport.pk, "sectie": "voorwoord"})
    response = client.post(tekst_url, {"tekst": "Een nieuw voorwoord na het bevriezen."})
    assert response.status_code == 400
    assert "Het rapport is bevroren" in response.content.decode()
    assert client.get(tekst_url).status_code == 302  # the editor leads back to the report
    response = client.post(
        reverse("rapportage:eindrapport_correctie", kwargs={"pk": rapport.pk}),
        {"sleutel": "vrijwilligers", "waarde": "ruim 50", "toelichting": "afgerond"},
    )
    assert response.status_code == 400 and "Het rapport is bevroren" in response.content.decode()
    assert not Correctie.objects.filter(rapport=rapport, sleutel="vrijwilligers").exists()
    with pytest.raises(ValidationError, match="bevroren"):
        services.tekst_opslaan(rapport=rapport, sectie="voorwoord", tekst="Toch")
    rapport.refresh_from_db()
    rapport.titel = "Een andere titel"
    with pytest.raises(ValidationError, match="bevroren"):
        services.rapport_opslaan(rapport=rapport)

    # The data changes: the page and the PDF do not.
    inschrijving = Inschrijving.objects.filter(status="afgerond").first()
    inschrijving.status, inschrijving.einddatum = "actief", None
    inschrijving.save()
    scholing_services.deelnemer_afmelden(inschrijving=inschrijving, datum=datetime.date(2015, 7, 1), reden="te_druk")
    assert _download(client, url) == opgeslagen
    pagina = client.get(rapport.get_absolute_url()).content.decode()
    assert "Een nieuw voorwoord" not in pagina
    assert "Bevroren versies" in pagina and reverse("rapportage:eindrapport_versie_pdf", args=[versie.pk]) in pagina
    assert reverse("rapportage:eindrapport_tekst", kwargs={"pk": rapport.pk, "sectie": "voorwoord"}) not in pagina

    # Unfreezing starts a new version; the old PDF stays downloadable, unchanged.
    client.post(reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": rapport.pk}), {"actie": "ontdooien"})
    assert client.post(tekst_url, {"tekst": "Een nieuw voorwoord na het ontdooien."}).status_code == 302
    assert client.post(reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": rapport.pk})).status_code == 302
    eerste, tweede = Eindrapportversie.objects.filter(rapport=rapport).order_by("nummer")
    assert eerste.ontdooid_op is not None and tweede.ontdooid_op is None and tweede.nummer == 2
    assert _download(client, reverse("rapportage:eindrapport_versie_pdf", args=[eerste.pk])) == opgeslagen
    nieuw = _download(client, url)
    assert nieuw == tweede.pdf.read() != opgeslagen
    assert "Een nieuw voorwoord na het ontdooien." in "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(nieuw)).pages
    )
    assert eerste.history.filter(ontdooid_op__isnull=False).exists()  # the version's history records the unfreeze


def test_momentopname_geeft_dezelfde_html_als_het_levende_rapport(demo):
    rapport = Eindrapport.objects.get()
    services.rapport_bevriezen(rapport=rapport)
    rapport = Eindrapport.objects.get(pk=rapport.pk)
    levend = pdf.html(eindrapport.gegevens(rapport))
    versie = rapport.huidige_versie()
    assert pdf.html(bevroren.weergave(rapport)) == levend
    # Only the strings that were safe become markup again: a register title with markup stays text.
    momentopname = versie.gegevens
    assert momentopname[bevroren.VEILIG] and all(isinstance(p, list) for p in momentopname[bevroren.VEILIG])
    assert (
        "<script" not in pdf.html(bevroren.laden({**momentopname, "traject": "<script>x</script>"})).split("<body>")[1]
    )


@pytest.fixture
def klein(world):
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Klein",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    for organisatie in (world.org_a, world.org_b):
        traject_services.deelname_opslaan(
            deelname=Deelname(traject=traject, organisatie=organisatie, vanaf=datetime.date(2014, 1, 1)),
            methoden=[methode],
        )
    world.lectoraat.email = "lectoraat@example.nl"
    world.lectoraat.save()
    world.rapport = services.rapport_opslaan(
        rapport=Eindrapport(traject=traject, peildatum=datetime.date(2015, 12, 31))
    )
    return world


def test_groot_rapport_op_de_achtergrond_met_voortgang_en_mail(
    client, klein, settings, django_capture_on_commit_callbacks
):
    settings.EINDRAPPORT_ACHTERGROND_VANAF = 1  # two organisations: "large"
    client.force_login(klein.lectoraat)
    url = reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": klein.rapport.pk})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, follow=True)
    assert "op de achtergrond gemaakt" in response.content.decode()
    versie = Eindrapportversie.objects.get()
    assert versie.status == "wachtrij" and not versie.pdf
    pagina = client.get(klein.rapport.get_absolute_url()).content.decode()
    assert "in de wachtrij" in pagina and 'http-equiv="refresh"' in pagina
    # The download waits for the worker instead of rendering in the request.
    response = client.get(reverse("rapportage:eindrapport_pdf", kwargs={"pk": klein.rapport.pk}))
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:  # the worker (eager without a broker) picks the version up
            callback()
    versie.refresh_from_db()
    assert versie.status == "klaar" and versie.paginas
    bericht = Mailbericht.objects.get(soort=Mailbericht.Soort.EINDRAPPORT_KLAAR)
    assert (bericht.ontvanger, bericht.status) == (klein.lectoraat, "verzonden")
    assert "staat klaar" in django_mail.outbox[-1].subject
    assert klein.rapport.get_absolute_url() in django_mail.outbox[-1].body
    pagina = client.get(klein.rapport.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in pagina and "Downloaden" in pagina
    gedownload = _download(client, reverse("rapportage:eindrapport_pdf", kwargs={"pk": klein.rapport.pk}))
    assert hashlib.sha256(gedownload).hexdigest() == versie.pdf_sha256


def test_mislukte_pdf_staat_op_de_pagina_en_wordt_opnieuw_geprobeerd(client, klein, monkeypatch):
    def kapot(document, **_opties):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(pdf, "pdf", kapot)
    client.force_login(klein.coordinator)
    response = client.post(reverse("rapportage:eindrapport_bevriezen", kwargs={"pk": klein.rapport.pk}), follow=True)
    assert "kon niet worden gemaakt" in response.content.decode()
    versie = Eindrapportversie.objects.get()
    assert versie.status == "mislukt" and "lettertype ontbreekt" in versie.fout
    assert Eindrapport.objects.get(pk=klein.rapport.pk).is_bevroren  # the freeze itself stands
    monkeypatch.undo()
    gedownload = _download(client, reverse("rapportage:eindrapport_pdf", kwargs={"pk": klein.rapport.pk}))
    versie.refresh_from_db()
    assert versie.status == "klaar" and gedownload == versie.pdf.read()


def test_rapportpagina_met_versies_kost_vaste_queries(client, klein, django_assert_max_num_queries):
    client.force_login(klein.coordinator)
    for _ronde in range(3):
        services.rapport_bevriezen(rapport=klein.rapport, door=klein.coordinator)
        services.rapport_ontdooien(rapport=Eindrapport.objects.get(pk=klein.rapport.pk))
    services.rapport_bevriezen(rapport=klein.rapport, door=klein.coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(klein.rapport.get_absolute_url())
    assert response.content.decode().count("ontdooid op") == 3


def test_pdf_van_een_versie_alleen_voor_wie_het_rapport_mag_zien(client, klein):
    services.rapport_bevriezen(rapport=klein.rapport)
    versie = Eindrapportversie.objects.get()
    url = reverse("rapportage:eindrapport_versie_pdf", args=[versie.pk])
    client.force_login(klein.leider_a)
    assert client.get(url).status_code == 403
    client.force_login(User.objects.create(username="elders"))
    assert client.get(url).status_code in (403, 404)
    assert not versie.pdf  # nothing was rendered for them
