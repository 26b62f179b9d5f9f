"""The national role and the national overview: aggregated figures of every werkplaats, nothing personal, nothing of
fewer than LANDELIJK_MINIMUM_ORGANISATIES organisations, in a fixed number of queries."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapportage import landelijk
from rapportage.landelijk_fase import Feiten, Implementatiefase, fase_bepalen, fasen
from scholing.models import Buddy, Inschrijving, Persoon, Uitvalreden
from tests.factories import (
    BuddyFactory,
    DeelnameFactory,
    ImplementatieleiderFactory,
    InschrijvingFactory,
    MethodeFactory,
    OrganisatieFactory,
    PersoonFactory,
    ScholingsgroepFactory,
    TrajectFactory,
    UserFactory,
    WerkplaatsFactory,
    coordinator_van,
    maak_ronde,
)
from tests.test_permissions import LANDELIJK, RULES, landelijk_gebruiker, matrix_world  # noqa: F401 (fixture)
from trajecten.models import Deelname
from werkplaats import services
from werkplaats.forms import RolKeuzeForm
from werkplaats.models import Organisatie, Rol, User

JAAR = 2015
URL = "rapportage:landelijk"


def werkplaats_bouwen(naam: str, organisaties: int, *, methode=None, scores=(1, 2, 3, 4, 5)):
    """A werkplaats with one trajectory (2014-2015) and `organisaties` organisations, each with one trained
    professional with a buddy, a leader, one dropout and a submitted quickscan round (`missie` from `scores`)."""
    methode = methode or MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    werkplaats = WerkplaatsFactory(naam=naam)
    traject = TrajectFactory(werkplaats=werkplaats, methoden=[methode])
    groep = ScholingsgroepFactory(traject=traject, methode=methode)
    for index in range(organisaties):
        organisatie = OrganisatieFactory(werkplaats=werkplaats, naam=f"{naam} organisatie {index}")
        DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
        persoon = PersoonFactory(organisatie=organisatie, naam=f"Deelnemer {naam} {index}")
        BuddyFactory(inschrijving=InschrijvingFactory(persoon=persoon, groep=groep))
        ImplementatieleiderFactory(persoon=persoon, traject=traject)
        InschrijvingFactory(
            persoon=PersoonFactory(organisatie=organisatie, naam=f"Uitvaller {naam} {index}"),
            groep=groep,
            status=Inschrijving.Status.UITGEVALLEN,
            einddatum=datetime.date(2014, 6, 1),
            uitvalreden=Uitvalreden.TE_DRUK,
        )
        score = scores[index % len(scores)]
        maak_ronde(organisatie, {"missie": score, "beleid": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
    return werkplaats


def rij_van(overzicht, werkplaats):
    return next(rij for rij in overzicht.rijen if rij.werkplaats == werkplaats)


# The figures and the threshold ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cijfers_per_werkplaats():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    overzicht = landelijk.landelijk_overzicht(jaar=JAAR)
    rij = rij_van(overzicht, werkplaats)
    assert overzicht.peildatum == datetime.date(2015, 12, 31)
    assert rij.getoond
    assert (rij.organisaties, rij.trajecten, [m.korte_naam for m in rij.methoden]) == (5, 1, ["HG"])
    assert rij.professionals_totaal == landelijk.Cijfer(5, 5)
    assert [c.waarde for c in rij.professionals_kolommen] == [5]
    assert rij.buddies.waarde == 5
    assert (rij.leiders_gestart.waarde, rij.leiders_actief.waarde) == (5, 5)
    assert rij.uitval == {Uitvalreden.TE_DRUK: landelijk.Cijfer(5, 5)}
    assert rij.rondes.waarde == 5
    missie = rij.elementen["missie"]
    assert (missie.aantal, missie.gemiddelde, missie.q1, missie.mediaan, missie.q3) == (5, 3.0, 2.0, 3.0, 4.0)


@pytest.mark.django_db
def test_terugkeer_telt_niet_als_uitval_en_een_vertrokken_leider_niet_als_actief():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    uitvaller = Inschrijving.objects.filter(status=Inschrijving.Status.UITGEVALLEN).first()
    InschrijvingFactory(persoon=uitvaller.persoon, groep=uitvaller.groep, startdatum=datetime.date(2014, 9, 1))
    leider = werkplaats.trajecten.get().implementatieleiders.first()
    leider.actief_tot = datetime.date(2015, 1, 1)
    leider.reden_vertrek = Uitvalreden.ANDERE_FUNCTIE
    leider.save()
    rij = rij_van(landelijk.landelijk_overzicht(jaar=JAAR), werkplaats)
    assert rij.uitval[Uitvalreden.TE_DRUK].waarde == 4
    assert (rij.leiders_gestart.waarde, rij.leiders_actief.waarde) == (5, 4)


@pytest.mark.django_db
def test_drempel_vier_tegen_vijf_organisaties(client):
    vier = werkplaats_bouwen("Wmo-werkplaats Vier", 4)
    methode = vier.trajecten.get().methoden.get()
    vijf = werkplaats_bouwen("Wmo-werkplaats Vijf", 5, methode=methode)
    overzicht = landelijk.landelijk_overzicht(jaar=JAAR)
    assert not rij_van(overzicht, vier).getoond
    assert rij_van(overzicht, vier).elementen["missie"] is None  # no spread of 4 organisations
    assert rij_van(overzicht, vijf).getoond
    assert rij_van(overzicht, vijf).elementen["missie"] is not None
    # The national spread counts every organisation (9), never a werkplaats's 4 on their own.
    assert overzicht.landelijk["missie"].aantal == 9

    client.force_login(landelijk_gebruiker())
    html = client.get(reverse(URL), {"jaar": JAAR}).content.decode()
    rij_html = html.split("Wmo-werkplaats Vier", 1)[1].split("</tr>", 1)[0]
    assert "Minder dan 5 organisaties" in rij_html
    assert ">4<" not in rij_html
    # The reason, quickscan and phase tables leave the werkplaats out altogether.
    assert html.count("Wmo-werkplaats Vier") == 1
    assert html.count("Wmo-werkplaats Vijf") == 4  # training, dropout, quickscan and phase tables


@pytest.mark.django_db
def test_cijfer_van_te_weinig_organisaties_in_een_getoonde_werkplaats_blijft_weg():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 6)
    # Only 2 of its 6 organisations have a leader who left: too few to show how many left.
    for leider in werkplaats.trajecten.get().implementatieleiders.all()[:4]:
        leider.delete()
    rij = rij_van(landelijk.landelijk_overzicht(jaar=JAAR), werkplaats)
    assert rij.getoond
    assert rij.leiders_gestart == landelijk.Cijfer(2, 2)
    assert not rij.leiders_gestart.getoond
    assert landelijk.Cijfer(0, 0).getoond  # a zero says nothing about any organisation
    kop, rij_export = landelijk.export_rijen(landelijk.landelijk_overzicht(jaar=JAAR))
    assert rij_export[kop.index("Implementatieleiders gestart")] == ""
    assert rij_export[kop.index("Buddy's")] == 6


@pytest.mark.django_db
def test_drempel_is_een_instelling(settings):
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vier", 4)
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 4
    assert rij_van(landelijk.landelijk_overzicht(jaar=JAAR), werkplaats).getoond
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 5
    assert not rij_van(landelijk.landelijk_overzicht(jaar=JAAR), werkplaats).getoond


@pytest.mark.django_db
def test_filter_op_methode():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    andere = MethodeFactory(naam="Andere methode", korte_naam="AM")
    rij = rij_van(landelijk.landelijk_overzicht(jaar=JAAR, methode=andere), werkplaats)
    assert (rij.organisaties, rij.trajecten, rij.professionals_totaal.waarde, rij.rondes.waarde) == (0, 0, 0, 0)
    methode = werkplaats.trajecten.get().methoden.get()
    assert rij_van(landelijk.landelijk_overzicht(jaar=JAAR, methode=methode), werkplaats).organisaties == 5


@pytest.mark.django_db
def test_jaar_kiest_de_trajecten_van_dat_jaar():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)  # 2014-2015
    rij = rij_van(landelijk.landelijk_overzicht(jaar=2013), werkplaats)
    assert (rij.trajecten, rij.organisaties) == (0, 0)
    overzicht = landelijk.landelijk_overzicht(jaar=2014)
    assert overzicht.peildatum == datetime.date(2014, 12, 31)
    assert rij_van(overzicht, werkplaats).rondes.waarde == 0  # the rounds are of 2015
    assert rij_van(overzicht, werkplaats).professionals_totaal.waarde == 5


# The page -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_queries_gelijk_bij_meer_werkplaatsen_en_organisaties(client):
    """Two data sizes: 2 werkplaatsen of 5 organisations, then 5 werkplaatsen of 7. Same number of queries."""
    client.force_login(landelijk_gebruiker())
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    for index in range(2):
        werkplaats_bouwen(f"Werkplaats klein {index}", 5, methode=methode)

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(URL), {"jaar": JAAR}).status_code == 200
        return len(queries)

    klein = tellen()
    for index in range(3):
        werkplaats_bouwen(f"Werkplaats groot {index}", 7, methode=methode)
    groot = tellen()
    assert groot == klein, (klein, groot)
    assert klein < 40


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("parameters", "melding"),
    [
        ({"jaar": "twintig"}, "Voer een geheel getal in."),
        ({"jaar": "2999"}, "Kies een jaar dat al begonnen is."),
        ({"jaar": "1500"}, "2000"),
        ({"methode": "999999"}, "Selecteer een geldige keuze."),
    ],
)
def test_verkeerde_filter_geeft_400_met_melding(client, parameters, melding):
    client.force_login(landelijk_gebruiker())
    response = client.get(reverse(URL), parameters)
    assert response.status_code == 400
    assert melding in response.content.decode()


@pytest.mark.django_db
def test_xlsx_export(client):
    werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    werkplaats_bouwen("Wmo-werkplaats Vier", 4, methode=MethodeFactory(naam="Het Gesprek", korte_naam="HG"))
    client.force_login(landelijk_gebruiker())
    response = client.get(reverse(URL), {"jaar": JAAR, "formaat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rijen = {rij[0]: rij for rij in blad.iter_rows(values_only=True)}
    kop = rijen["Werkplaats"]
    vijf, vier = rijen["Wmo-werkplaats Vijf"], rijen["Wmo-werkplaats Vier"]
    assert vijf[kop.index("Professionals totaal")] == 5
    assert vijf[kop.index("Missie: mediaan")] == 3
    assert vier[kop.index("Organisaties")] == "< 5"
    assert all(cel in (None, "") for cel in vier[2:])


@pytest.mark.django_db
def test_coordinator_ziet_eigen_werkplaats_gemarkeerd_en_leider_niets(client):
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    andere = werkplaats_bouwen("Wmo-werkplaats Zes", 6, methode=werkplaats.trajecten.get().methoden.get())
    client.force_login(coordinator_van(werkplaats))
    html = client.get(reverse(URL), {"jaar": JAAR}).content.decode()
    assert "uw werkplaats" in html
    eigen_rij = html.split('<tr class="table-warning">', 1)[1].split("</tr>", 1)[0]
    assert "Wmo-werkplaats Vijf" in eigen_rij and andere.naam not in eigen_rij
    assert "Mediaan Wmo-werkplaats Vijf" in html
    leider = UserFactory()
    services.rol_toekennen(user=leider, soort=Rol.Soort.IMPLEMENTATIELEIDER, organisatie=Organisatie.objects.first())
    client.force_login(leider)
    assert client.get(reverse(URL)).status_code == 403


@pytest.mark.django_db
def test_landelijke_pagina_noemt_geen_organisatie_of_persoon(client):
    werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    client.force_login(landelijk_gebruiker())
    for parameters in ({}, {"jaar": JAAR}, {"jaar": 2014}):
        html = client.get(reverse(URL), parameters).content.decode()
        for naam in list(Organisatie.objects.values_list("naam", flat=True)) + list(
            Persoon.objects.values_list("naam", flat=True)
        ):
            assert naam not in html
        assert "Test Leider" not in html  # who filled in the rounds


@pytest.mark.django_db
def test_zonder_lopend_traject_wijst_de_pagina_het_laatste_jaar_met_trajecten(client):
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5)
    einde = werkplaats.trajecten.get().einddatum
    assert einde < datetime.date.today()
    client.force_login(landelijk_gebruiker())
    zonder_jaar = client.get(reverse(URL)).content.decode()
    assert "Vandaag loopt er geen traject." in zonder_jaar and f'href="?jaar={einde.year}"' in zonder_jaar
    met_jaar = client.get(reverse(URL), {"jaar": einde.year}).content.decode()
    assert "Vandaag loopt er geen traject." not in met_jaar


# The role -------------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_landelijke_rol_hoort_bij_geen_werkplaats():
    user = UserFactory()
    with pytest.raises(ValidationError):
        services.rol_toekennen(user=user, soort=Rol.Soort.LANDELIJK, werkplaats=WerkplaatsFactory())
    rol = services.rol_toekennen(user=user, soort=Rol.Soort.LANDELIJK)
    assert services.rol_toekennen(user=user, soort=Rol.Soort.LANDELIJK) == rol  # granted once
    user = User.objects.get(pk=user.pk)
    assert user.is_landelijk and user.is_alleen_landelijk
    assert user.rolnamen == ["Landelijk"]


@pytest.mark.django_db
def test_coordinator_kan_de_landelijke_rol_niet_geven(client, world):
    assert Rol.Soort.LANDELIJK not in dict(RolKeuzeForm(werkplaats=world.werkplaats).fields["soort"].choices)
    client.force_login(world.coordinator)
    url = reverse(
        "werkplaats:account_rol_toevoegen", kwargs={"werkplaats": world.werkplaats.pk, "pk": world.leider_b.pk}
    )
    assert client.post(url, {"soort": Rol.Soort.LANDELIJK}).status_code == 400
    assert not world.leider_b.rollen.filter(soort=Rol.Soort.LANDELIJK).exists()
    with pytest.raises(ValidationError):
        services.account_rol_toevoegen(user=world.leider_b, soort=Rol.Soort.LANDELIJK, werkplaats=world.werkplaats)


@pytest.mark.django_db
def test_beheerder_geeft_de_rol_op_de_gebruikerspagina(client, world):
    user = UserFactory(username="programma")
    client.force_login(world.beheerder)
    url = reverse("admin:werkplaats_user_change", args=[user.pk])
    formulier = client.get(url).context["adminform"].form
    gegevens = {
        naam: waarde
        for naam, waarde in formulier.initial.items()
        if naam in formulier.fields and waarde is not None and naam not in {"groups", "user_permissions", "password"}
    }
    gegevens |= {
        "date_joined_0": "2014-01-01",
        "date_joined_1": "10:00:00",
        "rollen-TOTAL_FORMS": "1",
        "rollen-INITIAL_FORMS": "0",
        "rollen-0-soort": Rol.Soort.LANDELIJK,
        "rollen-0-user": str(user.pk),
    }
    gegevens = {k: ("on" if v is True else v) for k, v in gegevens.items() if v is not False}
    response = client.post(url, gegevens)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert User.objects.get(pk=user.pk).is_alleen_landelijk


@pytest.mark.django_db
def test_landelijk_met_andere_rol_houdt_die_rol(client, world):
    services.rol_toekennen(user=world.coordinator, soort=Rol.Soort.LANDELIJK)
    client.force_login(world.coordinator)
    assert client.get(reverse("scholing:persoon_list")).status_code == 200
    assert client.get(reverse(URL)).status_code == 200


@pytest.mark.django_db
def test_landelijk_ziet_geen_persoonsgegevens_op_de_paginas_die_het_opent(client, matrix_world):  # noqa: F811
    """Every page the matrix lets the national role open, searched for every name of a person, an organisation and
    another account."""
    world = matrix_world
    client.force_login(world.landelijk)
    namen = (
        list(Persoon.objects.values_list("naam", flat=True))
        + list(Organisatie.objects.values_list("naam", flat=True))
        + [world.leider_a.username, world.leider_b.username]  # the others' names are words of the page ("beheerder")
    )
    geopend = 0
    for naam, regel in RULES.items():
        if regel.verwacht(LANDELIJK) != 200 or regel.method != "get":
            continue
        response = client.get(reverse(naam, kwargs=regel.kwargs(world)))
        assert response.status_code == 200, naam
        geopend += 1
        html = response.content.decode()
        for persoonsnaam in namen:
            assert persoonsnaam not in html, (naam, persoonsnaam)
    assert geopend >= 5
    # and a page that would show them is refused, whatever its argument
    for naam, kwargs in [
        ("scholing:persoon_detail", {"pk": world.persoon_a.pk}),
        ("scholing:persoon_detail", {"pk": 0}),
    ]:
        assert client.get(reverse(naam, kwargs=kwargs)).status_code == 403


# The implementation phase ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("feiten", "fase"),
    [
        (Feiten(), Implementatiefase.VERSPREIDING),
        (Feiten(geschoold=True), Implementatiefase.ADOPTIE),
        (Feiten(leider_actief=True), Implementatiefase.ADOPTIE),
        (Feiten(geschoold=True, leider_actief=True), Implementatiefase.ADOPTIE),  # no quickscan yet
        (Feiten(geschoold=True, leider_actief=True, rondes=1), Implementatiefase.INVOERING),
        (Feiten(geschoold=True, leider_actief=True, rondes=2, norm_twee_keer=True), Implementatiefase.BORGING),
        (Feiten(geschoold=True, rondes=2, norm_twee_keer=True), Implementatiefase.ADOPTIE),  # no leader: not embedded
    ],
)
def test_fase_regels(feiten, fase):
    uitkomst = fase_bepalen(feiten)
    assert uitkomst.fase == fase
    assert uitkomst.reden


@pytest.mark.django_db
def test_fasen_uit_de_registratie():
    werkplaats = werkplaats_bouwen("Wmo-werkplaats Vijf", 5, scores=(3,))  # every element scored 3: the norm
    organisaties = list(werkplaats.organisaties.order_by("naam"))
    traject = werkplaats.trajecten.get()
    # 0: a second round at the norm -> borging; 1: a round below it -> invoering; 2: the leader left -> adoptie;
    # 3: nothing but the participation -> verspreiding; 4: as built -> invoering.
    maak_ronde(organisaties[0], {"missie": 4, "beleid": 3}, afronden=True, datum=datetime.date(2015, 6, 1))
    maak_ronde(organisaties[1], {"missie": 2, "beleid": 3}, afronden=True, datum=datetime.date(2015, 6, 1))
    traject.implementatieleiders.filter(persoon__organisatie=organisaties[2]).update(
        actief_tot=datetime.date(2015, 1, 1)
    )
    Buddy.objects.filter(inschrijving__persoon__organisatie=organisaties[3]).delete()
    Inschrijving.objects.filter(persoon__organisatie=organisaties[3]).delete()
    traject.implementatieleiders.filter(persoon__organisatie=organisaties[3]).delete()
    uitkomst = fasen(Deelname.objects.filter(traject=traject), datetime.date(2015, 12, 31))
    assert [uitkomst[o.pk].fase for o in organisaties] == [
        Implementatiefase.BORGING,
        Implementatiefase.INVOERING,
        Implementatiefase.ADOPTIE,
        Implementatiefase.VERSPREIDING,
        Implementatiefase.INVOERING,
    ]
    rij = rij_van(landelijk.landelijk_overzicht(jaar=JAAR), werkplaats)
    # 1 or 2 organisations per phase: every count is below the threshold, so withheld.
    assert [c.waarde for c in rij.fasen_kolommen] == [1, 1, 2, 1]
    assert not any(c.getoond for c in rij.fasen_kolommen)
