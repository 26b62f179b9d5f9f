"""Privacy (AVG): erasure keeps every figure and leaves no trace of the name; retention of previews and sessions."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quickscan.models import Ronde
from rapportage import eindrapport
from rapportage import services as rapportage_services
from rapportage.models import Eindrapport
from scholing import privacy, services
from scholing.models import (
    Aanwezigheid,
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Importvoorbeeld,
    Inschrijving,
    Persoon,
    Scholingsgroep,
    Verwijdering,
)
from scholing.selectors import traject_cijfers
from tests.factories import MethodeFactory, UserFactory
from trajecten import services as traject_services
from trajecten.models import Deelname, Traject
from werkplaats import services as werkplaats_services
from werkplaats.api_tokens import api_token_aanmaken
from werkplaats.models import Mailbericht, Rol

NAAM = "Xaviera Quintijn"
PEILDATUM = datetime.date(2015, 12, 31)


@dataclass
class Opzet:
    world: object
    traject: Traject
    groep: Scholingsgroep
    xaviera: Persoon
    bert: Persoon
    rapport: Eindrapport


@pytest.fixture
def opzet(world) -> Opzet:
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Privacy",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    traject_services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)), methoden=[methode]
    )
    groep = services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=methode, nummer=1))
    bijeenkomst = services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(traject=traject, groep=groep, soort="basistraining", datum=datetime.date(2014, 3, 1))
    )
    account = UserFactory(username="xquintijn", first_name="Xaviera", last_name="Quintijn", email="xq@example.nl")
    werkplaats_services.rol_toekennen(
        user=account, soort=Rol.Soort.IMPLEMENTATIELEIDER, organisatie=world.org_a, door=world.coordinator
    )
    api_token_aanmaken(user=account, naam="Zwaluwstaart-analyse")
    Mailbericht.objects.create(
        sleutel="welkom-xq", soort="uitnodiging", ontvanger=account, adres=account.email, onderwerp=f"Welkom {NAAM}"
    )
    xaviera = services.persoon_opslaan(
        persoon=Persoon(organisatie=world.org_a, naam="Xaviera Q.", functie="Wijkcoach", account=account)
    )
    xaviera.naam = NAAM  # a rename: the old name stays in the history, and must go too
    services.persoon_opslaan(persoon=xaviera)
    inschrijving = services.deelnemer_inschrijven(persoon=xaviera, groep=groep, startdatum=datetime.date(2014, 2, 1))
    services.aanwezigheid_registreren(bijeenkomst=bijeenkomst, aanwezig=[inschrijving.pk])
    services.buddy_toevoegen(inschrijving=inschrijving, naam="Yolanda Ypma", vanaf=datetime.date(2014, 4, 1))
    services.buddy_toevoegen(
        inschrijving=inschrijving, naam="Team Noord", vanaf=datetime.date(2014, 4, 1), is_team=True, aantal=6
    )
    services.deelnemer_afmelden(
        inschrijving=inschrijving, datum=datetime.date(2014, 9, 1), reden="anders", toelichting=f"{NAAM} verhuist"
    )
    services.implementatieleider_opslaan(
        leider=Implementatieleider(
            persoon=xaviera, traject=traject, functie="manager", actief_vanaf=datetime.date(2014, 1, 15)
        )
    )
    bert = services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Bert Bos"))
    bert_inschrijving = services.deelnemer_inschrijven(persoon=bert, groep=groep, startdatum=datetime.date(2014, 2, 1))
    services.buddy_toevoegen(inschrijving=bert_inschrijving, naam=NAAM, vanaf=datetime.date(2014, 5, 1))
    # The name in other apps' texts, in the admin log and in a session.
    Ronde.objects.filter(pk=world.concept_a.pk).update(ingevuld_door=NAAM)
    rapport = rapportage_services.rapport_opslaan(rapport=Eindrapport(traject=traject, peildatum=PEILDATUM))
    rapportage_services.tekst_opslaan(rapport=rapport, sectie="voorwoord", tekst=f"Dank aan {NAAM.upper()}.")
    LogEntry.objects.create(
        user=world.beheerder,
        content_type=ContentType.objects.get_for_model(Persoon),
        object_id=str(xaviera.pk),
        object_repr=NAAM,
        action_flag=CHANGE,
        change_message="[]",
    )
    sessie = SessionStore()
    sessie["_auth_user_id"] = str(account.pk)
    sessie.save()
    andere = SessionStore()
    andere["bericht"] = f"{NAAM} is opgeslagen"
    andere.save()
    blijft = SessionStore()
    blijft["bericht"] = "iets anders"
    blijft.save()
    return Opzet(world=world, traject=traject, groep=groep, xaviera=xaviera, bert=bert, rapport=rapport)


def database_tekst() -> str:
    """Every row of every table, history and sessions (decoded) included, as one lower-case text."""
    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # table names come from the schema
            delen.extend(repr(rij) for rij in cursor.fetchall())
    delen.extend(json.dumps(s.get_decoded(), ensure_ascii=False) for s in Session.objects.all())
    return "\n".join(delen).lower()


def cijfers(opzet):
    rapport = Eindrapport.objects.get(pk=opzet.rapport.pk)
    return traject_cijfers(opzet.traject, PEILDATUM), eindrapport.figuren(rapport)


def test_vergeten_laat_geen_spoor_van_de_naam_en_de_cijfers_blijven(opzet):
    tekst = database_tekst()
    for spoor in ("xaviera", "quintijn", "xq@example.nl", "yolanda ypma", "wijkcoach", "zwaluwstaart"):
        assert spoor in tekst, spoor  # the check can fail
    voor = cijfers(opzet)

    resultaat = services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)

    assert resultaat.pseudoniem == "Verwijderde deelnemer 1"
    assert resultaat.bevroren == []
    tekst = database_tekst()
    for spoor in ("xaviera", "quintijn", "xq@example.nl", "yolanda ypma", "wijkcoach", "zwaluwstaart"):
        assert spoor not in tekst, spoor
    assert cijfers(opzet) == voor
    xaviera = Persoon.objects.get(pk=opzet.xaviera.pk)
    assert xaviera.naam == "Verwijderde deelnemer 1" and xaviera.is_verwijderd
    assert Buddy.objects.filter(inschrijving__persoon=opzet.bert).get().naam == "Verwijderde deelnemer 1"
    assert Buddy.objects.get(inschrijving__persoon=xaviera, is_team=True).naam == "Team Noord"
    assert Ronde.objects.get(pk=opzet.world.concept_a.pk).ingevuld_door == "Verwijderde deelnemer 1"
    account = xaviera.account
    assert not account.is_active and not account.has_usable_password() and account.username == "verwijderd-1"
    assert not account.api_tokens.filter(ingetrokken_op__isnull=True).exists()
    # the account's session ended, the one holding the name too; another stays
    assert Session.objects.count() == 1
    assert Aanwezigheid.objects.filter(inschrijving__persoon=xaviera).count() == 1
    log = Verwijdering.objects.get()
    assert (log.persoon, log.pseudoniem, log.door) == (xaviera, "Verwijderde deelnemer 1", opzet.world.coordinator)


def test_tweede_verwijdering_krijgt_volgend_nummer_en_al_verwijderd_is_een_fout(opzet):
    services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)
    assert services.persoon_vergeten(persoon=opzet.bert, door=None).pseudoniem == "Verwijderde deelnemer 2"
    with pytest.raises(ValidationError, match="al verwijderd"):
        services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)
    assert Verwijdering.objects.count() == 2


def test_bevroren_eindrapport_houdt_cijfers_en_de_coordinator_hoort_het(client, opzet):
    rapport = rapportage_services.rapport_bevriezen(rapport=opzet.rapport)
    bevroren = Eindrapport.objects.get(pk=rapport.pk).bevroren_gegevens
    assert bevroren["figuren"]
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:persoon_vergeten", kwargs={"pk": opzet.xaviera.pk})
    assert "Deze bevroren rapporten noemen de persoon" in client.get(url).content.decode()

    response = client.post(url, {"bevestigen": "on"}, follow=True)

    assert response.status_code == 200
    assert Eindrapport.objects.get(pk=rapport.pk).bevroren_gegevens == bevroren
    assert rapport.teksten.get(sectie="voorwoord").tekst == f"Dank aan {NAAM.upper()}."  # the frozen text stays
    inhoud = response.content.decode()
    assert "Verwijderde deelnemer 1" in inhoud
    assert "noemt deze persoon nog" in inhoud


def test_persoon_in_concept_import_wordt_niet_verwijderd(opzet):
    voorbeeld = services.importvoorbeeld_opslaan(
        traject=opzet.traject,
        door=opzet.world.coordinator,
        bestand="deelnemers.csv",
        rijen=[{"rij": 2, "naam": " xaviera  QUINTIJN", "organisatie": "organisatie a"}],
    )
    with pytest.raises(ValidationError, match="import die nog niet is bevestigd"):
        services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)
    assert Persoon.objects.get(pk=opzet.xaviera.pk).naam == NAAM
    assert not Verwijdering.objects.exists()
    # after an hour the preview no longer counts, and the erasure removes it
    Importvoorbeeld.objects.filter(pk=voorbeeld.pk).update(aangemaakt_op=timezone.now() - datetime.timedelta(hours=2))
    services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)
    assert not Importvoorbeeld.objects.exists()


def test_een_fout_halverwege_laat_niets_half_gedaan(opzet, monkeypatch):
    def stuk(*args, **kwargs):
        raise ValidationError("stuk")

    monkeypatch.setattr(privacy, "sessies_met", stuk)
    with pytest.raises(ValidationError):
        services.persoon_vergeten(persoon=opzet.xaviera, door=opzet.world.coordinator)
    assert Persoon.objects.get(pk=opzet.xaviera.pk).naam == NAAM
    assert Inschrijving.objects.get(persoon=opzet.xaviera).toelichting
    assert Ronde.objects.get(pk=opzet.world.concept_a.pk).ingevuld_door == NAAM
    assert not Verwijdering.objects.exists()


def test_vergeten_via_de_pagina_vraagt_bevestiging(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:persoon_vergeten", kwargs={"pk": opzet.xaviera.pk})
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Vink aan dat u de persoon wilt verwijderen." in response.content.decode()
    assert Persoon.objects.get(pk=opzet.xaviera.pk).naam == NAAM
    assert client.post(url, {"bevestigen": "on"}).status_code == 302
    response = client.post(url, {"bevestigen": "on"})
    assert response.status_code == 400
    assert Verwijdering.objects.count() == 1


def test_persoon_van_andere_werkplaats_is_404(client, opzet):
    elders = services.persoon_opslaan(persoon=Persoon(organisatie=opzet.world.org_elders, naam="Elders"))
    client.force_login(opzet.world.coordinator)
    for naam in ("scholing:persoon_inzage", "scholing:persoon_inzage_json", "scholing:persoon_vergeten"):
        assert client.get(reverse(naam, kwargs={"pk": elders.pk})).status_code == 404, naam
    assert (
        client.post(reverse("scholing:persoon_vergeten", kwargs={"pk": elders.pk}), {"bevestigen": "on"}).status_code
        == 404
    )
    assert Persoon.objects.get(pk=elders.pk).naam == "Elders"


# Retention ------------------------------------------------------------------------------------------------------


def test_bewaartermijn_stelt_wie_lang_geleden_vertrok_voor(client, opzet, settings):
    settings.BEWAARTERMIJN_MAANDEN = 24
    # Xaviera's leader role is still open until the trajectory's end (2015-12-31); Bert is enrolled until then too.
    voorstellen = privacy.te_vergeten(opzet.world.coordinator, vandaag=datetime.date(2017, 12, 30))
    assert voorstellen == []
    voorstellen = privacy.te_vergeten(opzet.world.coordinator, vandaag=datetime.date(2018, 1, 1))
    assert {v.persoon.naam for v in voorstellen} == {NAAM, "Bert Bos"}
    assert privacy.te_vergeten(opzet.world.leider_a) == []
    client.force_login(opzet.world.coordinator)
    response = client.get(reverse("scholing:bewaartermijn"))
    assert response.status_code == 200
    assert NAAM in response.content.decode()  # today is long after 2017


def test_opruimen_verwijdert_oude_voorbeelden_en_verlopen_sessies(opzet):
    oud = services.importvoorbeeld_opslaan(
        traject=opzet.traject, door=opzet.world.coordinator, bestand="a.csv", rijen=[{"rij": 2}]
    )
    nieuw = services.importvoorbeeld_opslaan(
        traject=opzet.traject, door=opzet.world.leider_a, bestand="b.csv", rijen=[{"rij": 2}]
    )
    Importvoorbeeld.objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - datetime.timedelta(minutes=61))
    verlopen = SessionStore()
    verlopen.set_expiry(-10)
    verlopen["x"] = 1
    verlopen.save()
    aantal = Session.objects.count()

    call_command("privacy_opruimen", stdout=None)

    assert list(Importvoorbeeld.objects.all()) == [nieuw]
    assert Session.objects.count() == aantal - 1
    assert services.privacy_opruimen().importvoorbeelden == 0  # twice does nothing twice


UPLOAD = "naam;organisatie;methode;groep;startdatum\nZora Zwart;Organisatie A;HG;1;2014-03-01\n"


def _upload(client, traject):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bestand = SimpleUploadedFile("deelnemers.csv", UPLOAD.encode(), content_type="text/csv")
    return client.post(reverse("scholing:import", kwargs={"pk": traject.pk}), {"bestand": bestand})


def _in_sessies(tekst: str) -> bool:
    return any(tekst in json.dumps(s.get_decoded(), ensure_ascii=False) for s in Session.objects.all())


@pytest.mark.parametrize("afloop", ["bevestigen", "annuleren", "verlopen"])
def test_importvoorbeeld_blijft_niet_achter(client, opzet, afloop):
    client.force_login(opzet.world.coordinator)
    response = _upload(client, opzet.traject)
    assert response.status_code == 200
    assert Importvoorbeeld.objects.count() == 1
    assert not _in_sessies("Zora Zwart")  # never in the session table
    token = Importvoorbeeld.objects.get().token
    if afloop == "bevestigen":
        url = reverse("scholing:import_bevestigen", kwargs={"pk": opzet.traject.pk})
        assert client.post(url, {"token": token}).status_code == 302
        assert Persoon.objects.filter(naam="Zora Zwart").exists()
    elif afloop == "annuleren":
        url = reverse("scholing:import_annuleren", kwargs={"pk": opzet.traject.pk})
        assert client.post(url, {"token": token}).status_code == 302
    else:
        Importvoorbeeld.objects.update(aangemaakt_op=timezone.now() - datetime.timedelta(hours=1, seconds=1))
        url = reverse("scholing:import_bevestigen", kwargs={"pk": opzet.traject.pk})
        assert client.post(url, {"token": token}).status_code == 400  # too old to confirm
        services.privacy_opruimen()
        assert not Persoon.objects.filter(naam="Zora Zwart").exists()
    assert not Importvoorbeeld.objects.exists()
    assert not _in_sessies("Zora Zwart")


def test_privacypagina_is_openbaar_en_staat_in_de_voettekst(client, world):
    response = client.get(reverse("scholing:privacy"))
    assert response.status_code == 200
    assert "Wie ziet wat" in response.content.decode()
    client.force_login(world.leider_a)
    assert reverse("scholing:privacy") in client.get(reverse("werkplaats:home")).content.decode()
