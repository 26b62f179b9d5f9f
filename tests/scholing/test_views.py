import csv
import datetime
import io
from html.parser import HTMLParser
from types import SimpleNamespace

import openpyxl
import pytest
from django.contrib import admin
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse

from scholing import services
from scholing.models import (
    Aanwezigheid,
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Inschrijving,
    Persoon,
    Scholingsgroep,
)
from tests.conftest import gedeeld
from tests.factories import (
    BijeenkomstFactory,
    BuddyFactory,
    ImplementatieleiderFactory,
    InschrijvingFactory,
    MethodeFactory,
    OrganisatieFactory,
    PersoonFactory,
    ScholingsgroepFactory,
    TrajectFactory,
    WerkplaatsFactory,
    coordinator_van,
)
from trajecten.models import Deelname, Traject
from trajecten.services import deelname_opslaan, traject_opslaan
from werkplaats.models import User

pytestmark = pytest.mark.django_db

START = datetime.date(2014, 2, 1)


@pytest.fixture
def opzet(world):
    """A trajectory both organisations take part in; Anna (A) and Bram (B) in group HG 1, with a session."""
    hg = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    irb = MethodeFactory(naam="IRB in de wijk", korte_naam="IRB")
    traject = traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Test",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[hg, irb],
        methoden=[hg, irb],
    )
    for organisatie in (world.org_a, world.org_b):
        deelname_opslaan(
            deelname=Deelname(traject=traject, organisatie=organisatie, vanaf=traject.startdatum), methoden=[hg]
        )
    groep = services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=hg, nummer=1))
    anna = services.persoon_opslaan(
        persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries", functie="Begeleider")
    )
    bram = services.persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam="Bram Bakker"))
    return SimpleNamespace(
        world=world,
        hg=hg,
        irb=irb,
        traject=traject,
        groep=groep,
        anna=anna,
        bram=bram,
        inschrijving_anna=services.deelnemer_inschrijven(persoon=anna, groep=groep, startdatum=START),
        inschrijving_bram=services.deelnemer_inschrijven(persoon=bram, groep=groep, startdatum=START),
        bijeenkomst=services.bijeenkomst_opslaan(
            bijeenkomst=Bijeenkomst(
                traject=traject, groep=groep, soort="basistraining", datum=datetime.date(2014, 3, 1)
            )
        ),
    )


def fouten(response, veld):
    return " ".join(response.context["form"].errors.get(veld, []))


# People ---------------------------------------------------------------------------------------------


def test_coordinator_voegt_deelnemer_toe(client, world):
    client.force_login(world.coordinator)
    data = {"organisatie": world.org_a.pk, "naam": "Carla Jansen", "functie": "Wijkwerker", "soort": "professional"}
    response = client.post(reverse("scholing:persoon_create"), data)
    persoon = Persoon.objects.get(naam="Carla Jansen")
    assert response.status_code == 302 and response.url == persoon.get_absolute_url()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"naam": ""}, "naam", "Dit veld is verplicht."),
        ({"soort": "robot"}, "soort", "Selecteer een geldige keuze"),
        ({"organisatie": "elders"}, "organisatie", "Selecteer een geldige keuze"),
    ],
)
def test_foute_deelnemer_geeft_400(client, world, velden, veld, melding):
    if velden.get("organisatie") == "elders":
        velden["organisatie"] = world.org_elders.pk
    client.force_login(world.coordinator)
    data = {"organisatie": world.org_a.pk, "naam": "Carla", "soort": "professional", **velden}
    response = client.post(reverse("scholing:persoon_create"), data)
    assert response.status_code == 400
    assert melding in fouten(response, veld) and melding in response.content.decode()
    assert not Persoon.objects.exists()


def test_coordinator_archiveert_deelnemer(client, opzet):
    client.force_login(opzet.world.coordinator)
    data = {"organisatie": opzet.world.org_a.pk, "naam": "Anna de Vries", "soort": "professional", "gearchiveerd": "on"}
    response = client.post(reverse("scholing:persoon_update", kwargs={"pk": opzet.anna.pk}), data)
    assert response.status_code == 302
    opzet.anna.refresh_from_db()
    assert opzet.anna.gearchiveerd
    assert "gearchiveerd" in client.get(opzet.anna.get_absolute_url()).content.decode()


def test_script_in_naam_wordt_als_tekst_getoond(client, opzet):
    opzet.anna.naam = "<script>alert(1)</script>"
    services.persoon_opslaan(persoon=opzet.anna)
    client.force_login(opzet.world.coordinator)
    for url in (opzet.anna.get_absolute_url(), reverse("scholing:persoon_list"), opzet.bijeenkomst.get_absolute_url()):
        content = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


# Enrolments ---------------------------------------------------------------------------------------


def test_coordinator_schrijft_deelnemer_in(client, opzet):
    groep2 = services.groep_opslaan(groep=Scholingsgroep(traject=opzet.traject, methode=opzet.irb, nummer=1))
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_create", kwargs={"pk": opzet.anna.pk})
    response = client.post(url, {"groep": groep2.pk, "startdatum": "2014-09-01"})
    assert response.status_code == 302 and response.url == opzet.anna.get_absolute_url()
    assert opzet.anna.inschrijvingen.count() == 2


def test_dubbele_inschrijving_geeft_400(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_create", kwargs={"pk": opzet.anna.pk})
    response = client.post(url, {"groep": opzet.groep.pk, "startdatum": "2014-05-01"})
    assert response.status_code == 400
    assert "al ingeschreven in deze groep" in response.content.decode()
    assert opzet.anna.inschrijvingen.count() == 1


def test_groep_van_andere_werkplaats_is_geen_keuze(client, opzet):
    elders = ScholingsgroepFactory(traject=TrajectFactory(werkplaats=opzet.world.andere_werkplaats))
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_create", kwargs={"pk": opzet.anna.pk})
    response = client.post(url, {"groep": elders.pk, "startdatum": "2014-05-01"})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in fouten(response, "groep")
    assert opzet.anna.inschrijvingen.count() == 1


def test_coordinator_corrigeert_startdatum(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_update", kwargs={"pk": opzet.inschrijving_anna.pk})
    assert client.post(url, {"startdatum": "2014-02-03"}).status_code == 302
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.startdatum == datetime.date(2014, 2, 3)
    response = client.post(url, {"startdatum": "2014-02-03", "einddatum": "2014-01-01"})
    assert response.status_code == 400 and "De einddatum ligt vóór de startdatum." in fouten(response, "einddatum")


def test_afmelden_zet_uitval_met_reden(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"datum": "2014-06-01", "reden": "te_druk", "toelichting": ""})
    assert response.status_code == 302 and response.url == opzet.anna.get_absolute_url()
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.UITGEVALLEN
    assert opzet.inschrijving_anna.einddatum == datetime.date(2014, 6, 1)
    assert opzet.inschrijving_anna.uitvalreden == "te_druk"
    assert "te druk" in client.get(opzet.anna.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"datum": "2014-01-01", "reden": "te_druk"}, "datum", "De einddatum ligt vóór de startdatum."),
        ({"datum": "2014-06-01", "reden": "anders"}, "toelichting", "Licht de reden ‘anders’ toe."),
        ({"datum": "2014-06-01", "reden": ""}, "reden", "Dit veld is verplicht."),
        ({"datum": "2014-13-01", "reden": "te_druk"}, "datum", "Voer een geldige datum in."),
    ],
)
def test_fout_afmelden_geeft_400_en_verandert_niets(client, opzet, data, veld, melding):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk})
    response = client.post(url, data)
    assert response.status_code == 400
    assert melding in fouten(response, veld) and melding in response.content.decode()
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.ACTIEF and opzet.inschrijving_anna.einddatum is None
    assert "status actief." in response.content.decode()  # the stored status, not the rejected one


def test_afgeronde_inschrijving_kan_niet_worden_afgemeld(client, opzet):
    services.scholing_afronden(inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 12, 1))
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk})
    assert "Alleen een actieve inschrijving kan worden afgemeld." in client.get(url).content.decode()
    response = client.post(url, {"datum": "2015-01-01", "reden": "te_druk"})
    assert response.status_code == 400
    assert "Alleen een actieve inschrijving kan worden afgemeld." in fouten(response, "__all__")
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.AFGEROND


def test_terugkeren_maakt_nieuwe_inschrijving(client, opzet):
    services.deelnemer_afmelden(
        inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 6, 1), reden="persoonlijk"
    )
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_hervatten", kwargs={"pk": opzet.inschrijving_anna.pk})
    response = client.post(url, {"datum": "2014-05-01"})
    assert response.status_code == 400
    assert "De terugkeer moet na de datum van uitval liggen." in fouten(response, "datum")
    assert opzet.anna.inschrijvingen.count() == 1
    response = client.post(url, {"datum": "2014-09-01"})
    assert response.status_code == 302
    assert list(opzet.anna.inschrijvingen.order_by("startdatum").values_list("status", flat=True)) == [
        "uitgevallen",
        "actief",
    ]


def test_actieve_deelnemer_kan_niet_terugkeren(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_hervatten", kwargs={"pk": opzet.inschrijving_anna.pk})
    response = client.post(url, {"datum": "2014-09-01"})
    assert response.status_code == 400
    assert "Alleen wie is uitgevallen kan terugkeren." in fouten(response, "__all__")
    assert opzet.anna.inschrijvingen.count() == 1


def test_afronden(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_afronden", kwargs={"pk": opzet.inschrijving_anna.pk})
    response = client.post(url, {"datum": "2014-01-01"})
    assert response.status_code == 400 and "De einddatum ligt vóór de startdatum." in fouten(response, "datum")
    assert client.post(url, {"datum": "2014-12-01"}).status_code == 302
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.AFGEROND
    assert opzet.inschrijving_anna.einddatum == datetime.date(2014, 12, 1)


@pytest.mark.parametrize(("rol", "status"), [("lectoraat", 403), ("leider_a", 403), ("leider_b", 404)])
@pytest.mark.parametrize("actie", ["inschrijving_afmelden", "inschrijving_afronden", "inschrijving_hervatten"])
def test_alleen_coordinator_voert_acties_uit(client, opzet, rol, status, actie):
    client.force_login(getattr(opzet.world, rol))
    url = reverse(f"scholing:{actie}", kwargs={"pk": opzet.inschrijving_anna.pk})
    assert client.post(url, {"datum": "2014-12-01", "reden": "te_druk"}).status_code == status
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.ACTIEF


# Buddies on the participant's page ------------------------------------------------------------------


def buddy_data(inschrijving, **velden):
    data = {"inschrijving": inschrijving.pk, "naam": "Karin", "aantal": 1, "vanaf": "2014-04-01", **velden}
    return {f"buddy-{key}": value for key, value in data.items()}


def test_pagina_toont_totaal_en_waarschuwing_onder_twee(client, opzet):
    client.force_login(opzet.world.coordinator)
    content = client.get(opzet.anna.get_absolute_url()).content.decode()
    assert "In totaal 0 buddy&#x27;s." in content or "In totaal 0 buddy's." in content
    assert "Minder dan 2 buddy" in content
    assert 'id="buddy-toevoegen"' in content


def test_collega_als_buddy(client, opzet):
    client.force_login(opzet.world.coordinator)
    response = client.post(opzet.anna.get_absolute_url(), buddy_data(opzet.inschrijving_anna))
    assert response.status_code == 302 and response.url.endswith("#buddies")
    buddy = Buddy.objects.get()
    assert (buddy.naam, buddy.is_team, buddy.aantal) == ("Karin", False, 1)
    response = client.get(opzet.anna.get_absolute_url())
    assert response.context["buddies_totaal"] == 1 and response.context["buddies_te_weinig"]


def test_heel_team_van_twaalf_telt_twaalf(client, opzet):
    services.buddy_toevoegen(inschrijving=opzet.inschrijving_anna, naam="Karin", vanaf=datetime.date(2014, 4, 1))
    client.force_login(opzet.world.coordinator)
    data = buddy_data(opzet.inschrijving_anna, naam="Team Noord", is_team="on", aantal=12, is_schatting="on")
    assert client.post(opzet.anna.get_absolute_url(), data).status_code == 302
    response = client.get(opzet.anna.get_absolute_url())
    assert response.context["buddies_totaal"] == 13
    assert not response.context["buddies_te_weinig"]
    content = response.content.decode()
    assert "Team Noord" in content and "schatting" in content and "Minder dan 2 buddy" not in content


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"aantal": 3}, "aantal", "Een individuele buddy telt als één collega"),
        ({"vanaf": "2014-01-01"}, "vanaf", "vóór de start van de inschrijving"),
        ({"naam": ""}, "naam", "Dit veld is verplicht."),
        ({"is_team": "on", "aantal": 0}, "aantal", "minstens 1"),
    ],
)
def test_foute_buddy_geeft_400_op_de_pagina(client, opzet, velden, veld, melding):
    client.force_login(opzet.world.coordinator)
    response = client.post(opzet.anna.get_absolute_url(), buddy_data(opzet.inschrijving_anna, **velden))
    assert response.status_code == 400
    assert melding in " ".join(response.context["buddy_form"].errors[veld])
    assert melding in response.content.decode()
    assert not Buddy.objects.exists()


def test_buddy_bij_inschrijving_van_een_ander_wordt_geweigerd(client, opzet):
    client.force_login(opzet.world.coordinator)
    response = client.post(opzet.anna.get_absolute_url(), buddy_data(opzet.inschrijving_bram))
    assert response.status_code == 400 and not Buddy.objects.exists()


@pytest.mark.parametrize(("rol", "status"), [("lectoraat", 403), ("leider_a", 403), ("leider_b", 404)])
def test_alleen_coordinator_voegt_buddy_toe(client, opzet, rol, status):
    client.force_login(getattr(opzet.world, rol))
    assert client.post(opzet.anna.get_absolute_url(), buddy_data(opzet.inschrijving_anna)).status_code == status
    assert not Buddy.objects.exists()


def test_lezer_ziet_geen_formulieren(client, opzet):
    client.force_login(opzet.world.leider_a)
    response = client.get(opzet.anna.get_absolute_url())
    assert response.status_code == 200 and "buddy_form" not in response.context
    assert "Afmelden" not in response.content.decode()


# The attendance register ------------------------------------------------------------------------


def test_presentielijst_toont_leden_met_een_vakje_elk(client, opzet):
    client.force_login(opzet.world.coordinator)
    content = client.get(opzet.bijeenkomst.get_absolute_url()).content.decode()
    for inschrijving in (opzet.inschrijving_anna, opzet.inschrijving_bram):
        assert f'value="{inschrijving.pk}"' in content
    assert '<label class="form-check-label" for="id_aanwezig_0">Anna de Vries</label>' in content


def test_presentielijst_slaat_precies_de_aangevinkte_leden_op(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = opzet.bijeenkomst.get_absolute_url()
    assert client.post(url, {"aanwezig": [opzet.inschrijving_anna.pk]}).status_code == 302
    register = dict(Aanwezigheid.objects.values_list("inschrijving_id", "aanwezig"))
    assert register == {opzet.inschrijving_anna.pk: True, opzet.inschrijving_bram.pk: False}
    # Saving again updates the register; unchecking everyone is allowed.
    assert client.post(url, {"aanwezig": [opzet.inschrijving_bram.pk]}).status_code == 302
    register = dict(Aanwezigheid.objects.values_list("inschrijving_id", "aanwezig"))
    assert register == {opzet.inschrijving_anna.pk: False, opzet.inschrijving_bram.pk: True}
    assert client.post(url, {}).status_code == 302
    assert not Aanwezigheid.objects.filter(aanwezig=True).exists()
    assert Aanwezigheid.objects.count() == 2


def test_presentielijst_weigert_wie_geen_lid_is(client, opzet):
    later = services.deelnemer_inschrijven(  # joined after the session
        persoon=PersoonFactory(organisatie=opzet.world.org_a), groep=opzet.groep, startdatum=datetime.date(2014, 5, 1)
    )
    client.force_login(opzet.world.coordinator)
    url = opzet.bijeenkomst.get_absolute_url()
    for aanwezig in ([opzet.inschrijving_anna.pk, later.pk], [opzet.inschrijving_anna.pk, 999999], ["x"]):
        response = client.post(url, {"aanwezig": aanwezig})
        assert response.status_code == 400
        assert "geen lid van de groep" in response.content.decode() or "geldige" in response.content.decode()
    assert not Aanwezigheid.objects.exists()


@pytest.mark.parametrize(("rol", "status"), [("lectoraat", 403), ("leider_a", 403)])
def test_lezers_kunnen_presentielijst_niet_opslaan(client, opzet, rol, status):
    client.force_login(getattr(opzet.world, rol))
    response = client.post(opzet.bijeenkomst.get_absolute_url(), {"aanwezig": [opzet.inschrijving_anna.pk]})
    assert response.status_code == status
    assert not Aanwezigheid.objects.exists()


def test_leider_leest_alleen_eigen_leden_op_de_presentielijst(client, opzet):
    services.aanwezigheid_registreren(bijeenkomst=opzet.bijeenkomst, aanwezig=[opzet.inschrijving_anna.pk])
    client.force_login(opzet.world.leider_a)
    response = client.get(opzet.bijeenkomst.get_absolute_url())
    content = response.content.decode()
    assert "Anna de Vries" in content and "Bram Bakker" not in content
    assert '<form method="post" novalidate>' not in content
    client.force_login(opzet.world.lectoraat)
    content = client.get(opzet.bijeenkomst.get_absolute_url()).content.decode()
    assert "Anna de Vries" in content and "Bram Bakker" in content


def test_bijeenkomst_zonder_groep_telt_koppen(client, opzet):
    conferentie = services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(traject=opzet.traject, soort="conferentie", datum=datetime.date(2015, 11, 1))
    )
    client.force_login(opzet.world.coordinator)
    url = conferentie.get_absolute_url()
    assert 'name="aantal_aanwezig"' in client.get(url).content.decode()
    assert client.post(url, {"aantal_aanwezig": "140"}).status_code == 302
    conferentie.refresh_from_db()
    assert conferentie.aantal_aanwezig == 140
    response = client.post(url, {"aantal_aanwezig": "-3"})
    assert response.status_code == 400 and "minstens 0" in response.content.decode()
    conferentie.refresh_from_db()
    assert conferentie.aantal_aanwezig == 140


# Groups and sessions ------------------------------------------------------------------------------


def test_coordinator_maakt_groep(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:groep_create", kwargs={"pk": opzet.traject.pk})
    data = {"methode": opzet.irb.pk, "nummer": 1, "soort": "regulier", "geplande_omvang": 15}
    response = client.post(url, data)
    groep = Scholingsgroep.objects.get(methode=opzet.irb)
    assert response.status_code == 302 and response.url == groep.get_absolute_url()
    assert "IRB groep 1" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"methode": "hg", "nummer": 1}, "nummer", "al een groep met dit nummer"),
        ({"methode": "ander"}, "methode", "Selecteer een geldige keuze"),
        ({"nummer": 0}, "nummer", "minstens 1"),
    ],
)
def test_foute_groep_geeft_400(client, opzet, velden, veld, melding):
    velden["methode"] = {"hg": opzet.hg.pk, "ander": MethodeFactory().pk}.get(velden.get("methode"), opzet.irb.pk)
    client.force_login(opzet.world.coordinator)
    data = {"nummer": 2, "soort": "regulier", "geplande_omvang": 15, **velden}
    response = client.post(reverse("scholing:groep_create", kwargs={"pk": opzet.traject.pk}), data)
    assert response.status_code == 400 and melding in fouten(response, veld)
    assert Scholingsgroep.objects.count() == 1


def test_coordinator_bewerkt_groep(client, opzet):
    client.force_login(opzet.world.coordinator)
    data = {"methode": opzet.hg.pk, "nummer": 1, "soort": "aanvullend", "trainers": "Els", "geplande_omvang": 12}
    assert client.post(reverse("scholing:groep_update", kwargs={"pk": opzet.groep.pk}), data).status_code == 302
    opzet.groep.refresh_from_db()
    assert (opzet.groep.soort, opzet.groep.trainers) == ("aanvullend", "Els")


def test_groepspagina_toont_leider_alleen_eigen_deelnemers(client, opzet):
    client.force_login(opzet.world.leider_a)
    content = client.get(opzet.groep.get_absolute_url()).content.decode()
    assert "Anna de Vries" in content and "Bram Bakker" not in content


def test_coordinator_plant_bijeenkomst(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:bijeenkomst_create", kwargs={"pk": opzet.traject.pk})
    data = {"soort": "verdieping", "groep": opzet.groep.pk, "datum": "2014-04-01", "dagdelen": 2}
    response = client.post(url, data)
    bijeenkomst = Bijeenkomst.objects.get(soort="verdieping")
    assert response.status_code == 302 and response.url == bijeenkomst.get_absolute_url()


@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"groep": "elders"}, "groep", "Selecteer een geldige keuze"),
        ({"datum": ""}, "datum", "Dit veld is verplicht."),
        ({"dagdelen": 0}, "dagdelen", "minstens 1"),
    ],
)
def test_foute_bijeenkomst_geeft_400(client, opzet, velden, veld, melding):
    if velden.get("groep") == "elders":
        velden["groep"] = ScholingsgroepFactory(traject=TrajectFactory(werkplaats=opzet.world.werkplaats)).pk
    client.force_login(opzet.world.coordinator)
    data = {"soort": "verdieping", "groep": opzet.groep.pk, "datum": "2014-04-01", "dagdelen": 1, **velden}
    response = client.post(reverse("scholing:bijeenkomst_create", kwargs={"pk": opzet.traject.pk}), data)
    assert response.status_code == 400 and melding in fouten(response, veld)
    assert Bijeenkomst.objects.count() == 1


def test_coordinator_bewerkt_bijeenkomst(client, opzet):
    client.force_login(opzet.world.coordinator)
    data = {"soort": "basistraining", "groep": opzet.groep.pk, "datum": "2014-03-02", "dagdelen": 1, "titel": "Dag 1"}
    url = reverse("scholing:bijeenkomst_update", kwargs={"pk": opzet.bijeenkomst.pk})
    assert client.post(url, data).status_code == 302
    opzet.bijeenkomst.refresh_from_db()
    assert (opzet.bijeenkomst.titel, opzet.bijeenkomst.datum) == ("Dag 1", datetime.date(2014, 3, 2))


# Implementation leaders ---------------------------------------------------------------------------


def test_coordinator_maakt_stopt_en_bewerkt_implementatieleider(client, opzet):
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:implementatieleider_create", kwargs={"pk": opzet.anna.pk})
    data = {"traject": opzet.traject.pk, "functie": "manager", "actief_vanaf": "2014-01-15"}
    assert client.post(url, data).status_code == 302
    leider = Implementatieleider.objects.get()
    url = reverse("scholing:implementatieleider_stoppen", kwargs={"pk": leider.pk})
    response = client.post(url, {"datum": "2014-01-01", "reden": "reorganisatie"})
    assert response.status_code == 400 and "‘Actief tot’ ligt vóór ‘actief vanaf’." in fouten(response, "datum")
    response = client.post(url, {"datum": "2015-01-01", "reden": ""})
    assert response.status_code == 400 and "Dit veld is verplicht." in fouten(response, "reden")
    leider.refresh_from_db()
    assert leider.actief_tot is None
    assert client.post(url, {"datum": "2015-01-01", "reden": "reorganisatie"}).status_code == 302
    leider.refresh_from_db()
    assert (leider.actief_tot, leider.reden_vertrek) == (datetime.date(2015, 1, 1), "reorganisatie")
    url = reverse("scholing:implementatieleider_update", kwargs={"pk": leider.pk})
    data = {"functie": "stafmedewerker", "actief_vanaf": "2014-02-01", "toelichting": "Nu staf"}
    assert client.post(url, data).status_code == 302
    leider.refresh_from_db()
    assert (leider.functie, leider.traject) == ("stafmedewerker", opzet.traject)


def test_implementatieleider_in_traject_van_andere_werkplaats_wordt_geweigerd(client, opzet):
    elders = TrajectFactory(werkplaats=opzet.world.andere_werkplaats)
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:implementatieleider_create", kwargs={"pk": opzet.anna.pk})
    response = client.post(url, {"traject": elders.pk, "functie": "manager", "actief_vanaf": "2014-01-15"})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in fouten(response, "traject")
    assert not Implementatieleider.objects.exists()


# The tables ---------------------------------------------------------------------------------------

TABELLEN = [
    "persoon_list",
    "inschrijving_list",
    "groep_list",
    "bijeenkomst_list",
    "buddy_list",
    "implementatieleider_list",
]


def vullen(traject: Traject, methode, organisaties, aantal: int) -> None:
    """`aantal` rows in every table, spread over the organisations: people, enrolments, buddies, leaders."""
    for n in range(aantal):
        organisatie = organisaties[n % len(organisaties)]
        groep = ScholingsgroepFactory(traject=traject, methode=methode, nummer=n + 1)
        bijeenkomst = BijeenkomstFactory(groep=groep)
        inschrijving = InschrijvingFactory(persoon=PersoonFactory(organisatie=organisatie), groep=groep)
        Aanwezigheid.objects.create(bijeenkomst=bijeenkomst, inschrijving=inschrijving)
        BuddyFactory(inschrijving=inschrijving)
        ImplementatieleiderFactory(persoon=inschrijving.persoon, traject=traject)


MAX_QUERIES = 10  # the same limit for 3 and for 30 rows: the tables fetch what they show in a fixed number of queries


def tabellen_bouwen() -> dict[int, User]:
    """Two werkplaatsen, one with 3 rows in every table and one with 30, built once per process (the query counts
    below read them, 36 tests); returns the coordinator who sees each."""
    coordinatoren = {}
    for aantal in (3, 30):
        werkplaats = WerkplaatsFactory()
        organisaties = [OrganisatieFactory(werkplaats=werkplaats) for _ in range(2)]
        traject = TrajectFactory(werkplaats=werkplaats)
        vullen(traject, MethodeFactory(), organisaties, aantal)
        coordinatoren[aantal] = coordinator_van(werkplaats)
    return coordinatoren


GEDEELDE_TABELLEN = gedeeld("tabellen", tabellen_bouwen)


tabellen_database = GEDEELDE_TABELLEN.sessiefixture("The list pages tables, shared by their size tests.")


@pytest.fixture
def tabellen(tabellen_database, db) -> dict[int, User]:
    return tabellen_database.voor_test()


@pytest.mark.parametrize("aantal", [3, 30])
@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
@pytest.mark.parametrize("naam", TABELLEN)
def test_querys_groeien_niet_met_rijen(client, tabellen, django_assert_max_num_queries, naam, export, aantal):
    client.force_login(tabellen[aantal])
    url = reverse(f"scholing:{naam}")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url, {"_export": export} if export else {})
    assert response.status_code == 200
    if not export:
        assert response.context["table"].page.paginator.count == aantal


def csv_rijen(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rijen(response) -> list[list]:
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cel.value for cel in rij] for rij in blad.iter_rows()]


@pytest.fixture
def alles(opzet):
    """One row in every table for Anna (A) and for Bram (B)."""
    services.buddy_toevoegen(
        inschrijving=opzet.inschrijving_anna, naam="Team Noord", is_team=True, aantal=12, vanaf=START
    )
    services.buddy_toevoegen(inschrijving=opzet.inschrijving_bram, naam="Karin", vanaf=START)
    services.deelnemer_afmelden(inschrijving=opzet.inschrijving_bram, datum=datetime.date(2014, 6, 1), reden="te_druk")
    for persoon in (opzet.anna, opzet.bram):
        services.implementatieleider_opslaan(
            leider=Implementatieleider(
                persoon=persoon, traject=opzet.traject, functie="manager", actief_vanaf=datetime.date(2014, 1, 15)
            )
        )
    services.aanwezigheid_registreren(bijeenkomst=opzet.bijeenkomst, aanwezig=[opzet.inschrijving_anna.pk])
    return opzet


# (table, column header, the cell of Anna's row in that column)
EXPORTS = [
    ("persoon_list", "Status", "actief"),
    ("inschrijving_list", "Groep", "HG groep 1"),
    ("buddy_list", "Aantal collega's", "12"),
    ("implementatieleider_list", "Functie", "manager"),
]


@pytest.mark.parametrize(("naam", "kolom", "waarde"), EXPORTS)
def test_csv_export(client, alles, naam, kolom, waarde):
    client.force_login(alles.world.coordinator)
    rijen = csv_rijen(client.get(reverse(f"scholing:{naam}"), {"_export": "csv"}))
    kop = rijen[0]
    anna = next(rij for rij in rijen[1:] if "Anna de Vries" in rij)
    assert anna[kop.index(kolom)] == waarde
    assert len(rijen) == 3  # header, Anna, Bram


@pytest.mark.parametrize(("naam", "kolom", "waarde"), EXPORTS)
def test_xlsx_export(client, alles, naam, kolom, waarde):
    client.force_login(alles.world.coordinator)
    rijen = xlsx_rijen(client.get(reverse(f"scholing:{naam}"), {"_export": "xlsx"}))
    kop = rijen[0]
    anna = next(rij for rij in rijen[1:] if "Anna de Vries" in rij)
    assert str(anna[kop.index(kolom)]) == waarde


def test_export_van_groepen_en_bijeenkomsten(client, alles):
    client.force_login(alles.world.coordinator)
    rijen = csv_rijen(client.get(reverse("scholing:groep_list"), {"_export": "csv"}))
    kop = rijen[0]
    assert rijen[1][kop.index("Groep")] == "HG groep 1"
    assert rijen[1][kop.index("Actieve leden")] == "1" and rijen[1][kop.index("Inschrijvingen")] == "2"
    rijen = xlsx_rijen(client.get(reverse("scholing:bijeenkomst_list"), {"_export": "xlsx"}))
    kop = rijen[0]
    assert str(rijen[1][kop.index("Datum")]).startswith("2014-03-01")
    assert str(rijen[1][kop.index("Aanwezig")]) == "1"


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
@pytest.mark.parametrize("naam", ["persoon_list", "inschrijving_list", "buddy_list", "implementatieleider_list"])
def test_leider_ziet_alleen_eigen_organisatie_in_elke_tabel(client, alles, naam, export):
    client.force_login(alles.world.leider_a)
    response = client.get(reverse(f"scholing:{naam}"), {"_export": export} if export else {})
    content = response.content.decode("utf-8-sig") if export != "xlsx" else str(xlsx_rijen(response))
    assert "Anna de Vries" in content
    assert "Bram Bakker" not in content and "Organisatie B" not in content


def test_leider_van_niet_deelnemende_organisatie_ziet_groepen_en_bijeenkomsten_niet(client, alles):
    Deelname.objects.filter(organisatie=alles.world.org_b).delete()
    client.force_login(alles.world.leider_b)
    for naam in ("groep_list", "bijeenkomst_list"):
        assert client.get(reverse(f"scholing:{naam}")).context["table"].page.paginator.count == 0


@pytest.mark.parametrize(
    ("naam", "filters", "verwacht"),
    [
        ("persoon_list", {"organisatie": "b"}, ["Bram Bakker"]),
        ("persoon_list", {"status": "uitgevallen"}, ["Bram Bakker"]),
        ("persoon_list", {"traject": "t", "status": "actief"}, ["Anna de Vries"]),
        ("persoon_list", {"methode": "irb"}, []),
        ("inschrijving_list", {"uitvalreden": "te_druk"}, ["Bram Bakker"]),
        ("inschrijving_list", {"status": "actief", "groep": "g"}, ["Anna de Vries"]),
        ("buddy_list", {"is_team": "true"}, ["Anna de Vries"]),
        ("implementatieleider_list", {"organisatie": "a"}, ["Anna de Vries"]),
    ],
)
def test_filters(client, alles, naam, filters, verwacht):
    waarden = {
        "a": alles.world.org_a.pk,
        "b": alles.world.org_b.pk,
        "t": alles.traject.pk,
        "irb": alles.irb.pk,
        "g": alles.groep.pk,
    }
    params = {key: waarden.get(value, value) for key, value in filters.items()}
    client.force_login(alles.world.coordinator)
    rijen = csv_rijen(client.get(reverse(f"scholing:{naam}"), {**params, "_export": "csv"}))
    namen = sorted({cel for rij in rijen[1:] for cel in rij if cel in ("Anna de Vries", "Bram Bakker")})
    assert namen == verwacht


def test_tabel_sorteert_en_pagineert(client, tabellen):
    client.force_login(tabellen[30])
    response = client.get(reverse("scholing:inschrijving_list"), {"sort": "-persoon"})
    namen = [rij.record.persoon.naam for rij in response.context["table"].page.object_list]
    assert len(namen) == 25 and namen == sorted(namen, reverse=True)
    assert client.get(reverse("scholing:inschrijving_list"), {"page": 2}).status_code == 200


def test_foute_filterwaarde_geeft_geen_500(client, opzet):
    client.force_login(opzet.world.coordinator)
    response = client.get(reverse("scholing:persoon_list"), {"traject": "x", "status": "onzin"})
    assert response.status_code == 200


@pytest.mark.parametrize("aantal", [2, 20])
def test_pagina_van_deelnemer_en_presentielijst_querys_groeien_niet(
    client, opzet, django_assert_max_num_queries, aantal
):
    for _n in range(aantal):
        groep = ScholingsgroepFactory(traject=opzet.traject, methode=opzet.irb)
        inschrijving = InschrijvingFactory(persoon=opzet.anna, groep=groep)
        BuddyFactory(inschrijving=inschrijving)
        InschrijvingFactory(persoon=PersoonFactory(organisatie=opzet.world.org_a), groep=opzet.groep)
    client.force_login(opzet.world.coordinator)
    with django_assert_max_num_queries(9):
        assert client.get(opzet.anna.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(opzet.bijeenkomst.get_absolute_url())
    assert len(response.context["vakjes"]) == aantal + 2


@pytest.mark.parametrize("naam", ["persoon", "inschrijving", "buddy", "implementatieleider", "bijeenkomst"])
def test_beheer_toont_de_scholing(client, alles, naam):
    client.force_login(alles.world.beheerder)
    assert client.get(reverse(f"admin:scholing_{naam}_changelist")).status_code == 200


def test_beheer_verwijdert_geen_ingevoerde_gegevens():
    for model in (Persoon, Inschrijving, Buddy, Implementatieleider, Traject, Deelname):
        assert admin.site._registry[model].has_delete_permission(None) is False, model


# Users who oversee more than one werkplaats: choices that do not grow with them ---------------------------------


def werkplaatsen_erbij(aantal: int, organisaties: int = 5) -> None:
    """`aantal` more werkplaatsen, each with a trajectory, a group and organisations with a participant."""
    methode = MethodeFactory()
    for n in range(aantal):
        werkplaats = WerkplaatsFactory(naam=f"Zz-werkplaats {n:02d}")
        groep = ScholingsgroepFactory(traject=TrajectFactory(werkplaats=werkplaats), methode=methode)
        for organisatie in OrganisatieFactory.create_batch(organisaties, werkplaats=werkplaats):
            InschrijvingFactory(persoon=PersoonFactory(organisatie=organisatie), groep=groep)


def keuzes(response, veld: str) -> list[str]:
    return [label for waarde, label in response.context["filter"].form.fields[veld].choices if waarde != ""]


@pytest.mark.parametrize("extra", [0, 12])
@pytest.mark.parametrize("naam", TABELLEN)
def test_beheerder_filterkeuzes_groeien_niet_met_werkplaatsen(
    client, opzet, django_assert_max_num_queries, naam, extra
):
    werkplaatsen_erbij(extra)
    client.force_login(opzet.world.beheerder)
    url = reverse(f"scholing:{naam}")
    client.get(url)  # the first request after the login writes the session
    with django_assert_max_num_queries(MAX_QUERIES + 1):  # + the werkplaatsen the user oversees
        response = client.get(url)
    assert response.status_code == 200
    filters = response.context["filter"].form.fields
    assert len(keuzes(response, "werkplaats")) == 2 + extra
    for veld in ("organisatie", "groep", "traject"):
        if veld in filters:
            assert keuzes(response, veld) == []  # first a werkplaats
            assert filters[veld].empty_label == "kies eerst een werkplaats"
    with django_assert_max_num_queries(MAX_QUERIES + 3):  # the werkplaats filter also checks the chosen one
        response = client.get(url, {"werkplaats": opzet.world.werkplaats.pk})
    assert response.status_code == 200
    if "organisatie" in filters:
        assert keuzes(response, "organisatie") == ["Organisatie A", "Organisatie B"]
    if "traject" in filters:
        assert keuzes(response, "traject") == ["Traject Test"]


def test_beheerder_deelnemers_van_een_werkplaats(client, opzet):
    client.force_login(opzet.world.beheerder)
    PersoonFactory(organisatie=opzet.world.org_elders, naam="Els Elders")
    url = reverse("scholing:persoon_list")
    namen = {p.naam for p in client.get(url).context["table"].data}
    assert {"Anna de Vries", "Bram Bakker", "Els Elders"} <= namen  # without a werkplaats: everyone
    response = client.get(url, {"werkplaats": opzet.world.andere_werkplaats.pk})
    assert [p.naam for p in response.context["table"].data] == ["Els Elders"]
    content = response.content.decode()
    assert (
        '<label for="id_werkplaats"' in content
        and f'<option value="{opzet.world.andere_werkplaats.pk}" selected>' in content
    )


def test_beheerder_link_naar_deelnemers_van_een_traject_werkt_zonder_werkplaats(client, opzet):
    client.force_login(opzet.world.beheerder)
    PersoonFactory(organisatie=opzet.world.org_elders, naam="Els Elders")
    response = client.get(reverse("scholing:persoon_list"), {"traject": opzet.traject.pk})
    assert response.status_code == 200
    assert keuzes(response, "traject") == ["Traject Test"]
    assert {p.naam for p in response.context["table"].data} == {"Anna de Vries", "Bram Bakker"}


def test_coordinator_ziet_geen_werkplaatsfilter_en_alle_eigen_keuzes(client, opzet):
    client.force_login(opzet.world.coordinator)
    response = client.get(reverse("scholing:persoon_list"))
    assert "werkplaats" not in response.context["filter"].form.fields
    assert keuzes(response, "organisatie") == ["Organisatie A", "Organisatie B"]
    assert keuzes(response, "groep") == [str(opzet.groep)]


def test_beheerder_onbekende_werkplaats_in_filter_geeft_geen_500(client, opzet):
    client.force_login(opzet.world.beheerder)
    response = client.get(reverse("scholing:persoon_list"), {"werkplaats": "999999"})
    assert response.status_code == 200 and "Selecteer een geldige keuze" in response.content.decode()


class _Formulier(HTMLParser):
    """Labels, controls and options of a rendered form, without the markup that differs between renderings."""

    KLASSEN = {"form-select", "form-control", "is-invalid"}

    def __init__(self, html: str):
        super().__init__()
        self.items: list[tuple] = []
        self.tekst: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        klassen = tuple(sorted(set(attrs.get("class", "").split()) & self.KLASSEN))
        if tag in ("label", "option", "strong"):
            self.tekst = [tag, attrs.get("for") or attrs.get("value"), "selected" in attrs]
        elif tag in ("select", "input"):
            self.items.append((tag, attrs.get("name"), attrs.get("id"), attrs.get("type"), attrs.get("value"), klassen))

    def handle_data(self, data):
        if self.tekst is not None:
            self.tekst.append(data.strip())

    def handle_endtag(self, tag):
        if self.tekst is not None and tag == self.tekst[0]:
            self.items.append((*self.tekst[:3], " ".join(t for t in self.tekst[3:] if t)))
            self.tekst = None


@pytest.mark.parametrize("wie", ["coordinator", "beheerder"])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"naam": "an", "status": "actief", "gearchiveerd": "false", "soort": "professional"},
        {"traject": "x", "status": "onzin", "organisatie": "999999"},
        {"werkplaats": "werkplaats"},
    ],
)
def test_deelnemersfilter_licht_getoond_als_met_crispy(client, opzet, wie, query):
    query = {k: (str(opzet.world.werkplaats.pk) if v == "werkplaats" else v) for k, v in query.items()}
    client.force_login(getattr(opzet.world, wie))
    response = client.get(reverse("scholing:persoon_list"), query)
    filterset = response.context["filter"]
    licht = render_to_string("scholing/deelnemer_filter.html", {"filter": filterset})
    crispy = Template(
        "{% load crispy_forms_tags %}{% for veld in form %}{{ veld|as_crispy_field }}{% endfor %}"
    ).render(Context({"form": filterset.form}))
    assert _Formulier(licht).items == _Formulier(crispy).items
    assert len(_Formulier(licht).items) > 20
    assert "scholing/deelnemer_filter.html" in [t.name for t in response.templates]
    assert licht.strip() in response.content.decode()


def test_afgemelde_deelnemer_krijgt_geen_signaal_minder_dan_twee_buddies(client, opzet):
    """Issue 15 item 8: who dropped out is no longer asked for buddies; who returns is asked again."""
    services.deelnemer_afmelden(inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 9, 1), reden="te_druk")
    client.force_login(opzet.world.coordinator)
    response = client.get(opzet.anna.get_absolute_url())
    assert response.context["buddies_totaal"] == 0 and not response.context["buddies_te_weinig"]
    assert "Minder dan 2 buddy" not in response.content.decode()
    services.deelnemer_hervatten(inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 10, 1))
    assert "Minder dan 2 buddy" in client.get(opzet.anna.get_absolute_url()).content.decode()


def test_buddyregel_en_telt_op_volgen_geldig_op(opzet):
    from scholing.selectors import buddies_te_weinig

    inschrijving = services.deelnemer_afmelden(
        inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 9, 1), reden="te_druk"
    )
    for dag in (START - datetime.timedelta(days=1), START, datetime.date(2014, 8, 31), datetime.date(2014, 9, 1)):
        assert inschrijving.telt_op(dag) == Inschrijving.objects.geldig_op(dag).filter(pk=inschrijving.pk).exists()
    assert buddies_te_weinig(telt_mee=True, buddies=1) and not buddies_te_weinig(telt_mee=True, buddies=2)
    assert not buddies_te_weinig(telt_mee=False, buddies=0)
