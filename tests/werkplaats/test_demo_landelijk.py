"""load_demo --landelijk: the other Wmo-werkplaatsen with generated data, for the national pages and the comparison.

The command's own test runs it on the shared demo (rolled back after it). The others read one small generated set
(`KLEIN`, two werkplaatsen) built once per process without the demo, with a national user and a superuser: a few
seconds, most of it the quickscan rounds, which go through `ronde_invullen`."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from quickscan.models import Actie, Ronde
from rapportage.landelijk_fase import organisatie_fasen
from scholing.models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from tests.conftest import gedeeld
from tests.factories import UserFactory
from tests.test_permissions import landelijk_gebruiker
from trajecten.models import Methode, Traject
from werkplaats.demo import landelijk
from werkplaats.demo import trajecten as traject_demo
from werkplaats.models import Organisatie, User, Werkplaats

KLEIN = landelijk.Schaal(werkplaatsen=2, organisaties=7, deelnemers=4)
# `--schaal 0.2`: three werkplaatsen of about seven organisations.
NAMEN = [
    "Wmo-werkplaats Noord-Brabant Fontys (gegenereerd)",
    "Wmo-werkplaats Noord-Brabant Avans (gegenereerd)",
    "Wmo-werkplaats Twente (gegenereerd)",
]


def klein_bouwen() -> None:
    landelijk.laden(KLEIN)
    landelijk_gebruiker(username="landelijk")
    UserFactory(username="beheerder", is_staff=True, is_superuser=True)


GEDEELD_KLEIN = gedeeld("landelijk_klein", klein_bouwen)


landelijk_klein_database = GEDEELD_KLEIN.sessiefixture("The small generated national set.")


@pytest.fixture
def klein(landelijk_klein_database, db) -> None:
    """The small generated set (what a test changes is rolled back after it)."""
    landelijk_klein_database.voor_test()


def gegenereerd():
    return Werkplaats.objects.filter(naam__endswith=landelijk.LABEL).order_by("naam")


def telling(werkplaats: Werkplaats) -> tuple:
    """What a werkplaats holds, per kind of record: the same scale gives the same numbers (seeded)."""
    return (
        werkplaats.naam,
        Organisatie.objects.filter(werkplaats=werkplaats).count(),
        Persoon.objects.filter(organisatie__werkplaats=werkplaats).count(),
        Inschrijving.objects.filter(persoon__organisatie__werkplaats=werkplaats).count(),
        Inschrijving.objects.filter(
            persoon__organisatie__werkplaats=werkplaats, status=Inschrijving.Status.UITGEVALLEN
        ).count(),
        Buddy.objects.filter(inschrijving__persoon__organisatie__werkplaats=werkplaats).count(),
        Implementatieleider.objects.filter(traject__werkplaats=werkplaats).count(),
        Ronde.objects.afgerond().filter(organisatie__werkplaats=werkplaats).count(),
    )


def momentopname() -> list:
    modellen = (Werkplaats, Organisatie, Traject, Persoon, Inschrijving, Buddy, Implementatieleider, Ronde, Actie)
    return [
        *(model.objects.count() for model in modellen),
        sorted(Persoon.objects.values_list("naam", flat=True)),
        sorted(Ronde.objects.values_list("organisatie__naam", "datum", "status")),
    ]


def test_landelijk_voegt_gegenereerde_werkplaatsen_toe_en_een_tweede_keer_niets(demo, client):
    uitvoer = io.StringIO()
    call_command("load_demo", "--ook-zonder-debug", "--landelijk", "--schaal", "0.2", stdout=uitvoer)
    assert "3 werkplaatsen toegevoegd" in uitvoer.getvalue()
    werkplaatsen = list(gegenereerd())
    assert sorted(w.naam for w in werkplaatsen) == sorted(NAMEN)
    catalogus = set(Methode.objects.filter(naam__in=traject_demo.METHODEN))
    for werkplaats in werkplaatsen:
        assert werkplaats.omschrijving.startswith("Gegenereerde voorbeeldgegevens")
        soorten = set(werkplaats.organisaties.values_list("soort", flat=True))
        assert {Organisatie.Soort.GEMEENTE, Organisatie.Soort.INSTELLING} <= soorten
        for traject in werkplaats.trajecten.all():
            assert set(traject.methoden.all()) <= catalogus
        rondes = Ronde.objects.filter(organisatie__werkplaats=werkplaats)
        assert rondes.afgerond().exists()
        assert not rondes.filter(illustratief=False).exists()
        assert len({d.year for d in rondes.afgerond().dates("datum", "year")}) >= 2  # over time
    # Seeded: the same scale gives the same records, every time.
    assert [telling(w) for w in werkplaatsen] == [
        ("Wmo-werkplaats Noord-Brabant Avans (gegenereerd)", 9, 114, 109, 8, 167, 18, 42),
        ("Wmo-werkplaats Noord-Brabant Fontys (gegenereerd)", 6, 106, 97, 3, 169, 9, 18),
        ("Wmo-werkplaats Twente (gegenereerd)", 6, 60, 51, 2, 93, 9, 17),
    ]
    # The implementation phases have something to show: more than one of them.
    fasen = organisatie_fasen(Organisatie.objects.filter(werkplaats__in=werkplaatsen), datetime.date(2015, 12, 31))
    assert len({stand.fase for stand in fasen.values()}) >= 3
    # The list of werkplaatsen (the superuser's home page) says which are generated.
    client.force_login(User.objects.get(username="beheerder"))
    pagina = client.get(reverse("werkplaats:home")).content.decode()
    assert all(naam in pagina for naam in NAMEN)

    voor = momentopname()
    uitvoer = io.StringIO()
    call_command("load_demo", "--ook-zonder-debug", "--landelijk", "--schaal", "0.2", stdout=uitvoer)
    assert momentopname() == voor
    assert "3 werkplaatsen waren er al" in uitvoer.getvalue()


def test_de_rijen_in_bulk_voldoen_aan_de_regels_van_hun_services(klein):
    """People, enrolments, buddies, organisations, groups, sessions and actions are written in bulk: every row passes
    the `full_clean()` that its service would have run."""
    werkplaatsen = gegenereerd()
    querysets = [
        Organisatie.objects.filter(werkplaats__in=werkplaatsen),
        Persoon.objects.filter(organisatie__werkplaats__in=werkplaatsen),
        Inschrijving.objects.filter(persoon__organisatie__werkplaats__in=werkplaatsen),
        Buddy.objects.filter(inschrijving__persoon__organisatie__werkplaats__in=werkplaatsen),
        Scholingsgroep.objects.filter(traject__werkplaats__in=werkplaatsen),
        Bijeenkomst.objects.filter(traject__werkplaats__in=werkplaatsen),
        Actie.objects.filter(ronde__organisatie__werkplaats__in=werkplaatsen),
    ]
    for queryset in querysets:
        rijen = list(queryset)
        assert rijen, queryset.model
        for rij in rijen:
            rij.full_clean()
            assert rij.history.count() == 1  # written with its history
    # Every dropout has its date and reason; every buddy starts within its enrolment.
    inschrijvingen = querysets[2]
    assert not inschrijvingen.filter(status=Inschrijving.Status.UITGEVALLEN, uitvalreden="").exists()


@pytest.mark.parametrize("url", ["rapportage:landelijk", "rapportage:landelijk_onderzoek"])
def test_landelijke_paginas_tonen_cijfers_van_de_werkplaatsen_en_geen_namen(klein, client, url):
    client.force_login(User.objects.get(username="landelijk"))
    response = client.get(reverse(url), {"jaar": 2015})
    assert response.status_code == 200
    pagina = response.content.decode()
    werkplaatsen = list(gegenereerd())
    if url == "rapportage:landelijk":
        rijen = {rij.werkplaats.naam: rij for rij in response.context["overzicht"].rijen}
        for werkplaats in werkplaatsen:
            rij = rijen[werkplaats.naam]
            assert rij.getoond and rij.organisaties >= 5
            assert rij.professionals_totaal.getoond and rij.professionals_totaal.waarde > 0
            assert rij.rondes.getoond and rij.rondes.waarde > 0
            assert werkplaats.naam in pagina
    else:
        gegevens = response.context["gegevens"]
        getoond = {w.naam for w in gegevens.werkplaatsen if w.getoond}
        assert getoond & {w.naam for w in werkplaatsen}
        assert gegevens.rijen
    namen = [
        *Persoon.objects.values_list("naam", flat=True),
        *Buddy.objects.filter(is_team=False).values_list("naam", flat=True),
        *Organisatie.objects.filter(werkplaats__in=werkplaatsen).values_list("naam", flat=True),
    ]
    assert len(namen) > 200  # every person, buddy and generated organisation of the set
    assert [naam for naam in namen if naam in pagina] == []


def test_vergelijking_op_de_quickscanpagina_van_een_gegenereerde_organisatie(klein, client):
    organisatie = (
        Organisatie.objects.filter(
            werkplaats__in=gegenereerd(),
            soort=Organisatie.Soort.INSTELLING,
            quickscan_rondes__status=Ronde.Status.AFGEROND,
        )
        .order_by("naam")
        .first()
    )
    client.force_login(User.objects.get(username="beheerder"))
    response = client.get(reverse("quickscan:organisatie", kwargs={"pk": organisatie.pk}))
    assert response.status_code == 200
    vergelijking = response.context["vergelijking"]
    assert vergelijking.getoond
    assert vergelijking.op_soort and vergelijking.vergelijkbaar >= 5  # instellingen in every werkplaats
    assert all(rij.verdeling is not None for rij in vergelijking.rijen if rij.score is not None)
    pagina = response.content.decode()
    anderen = Organisatie.objects.exclude(pk=organisatie.pk).filter(werkplaats__in=gegenereerd())
    assert [naam for naam in anderen.values_list("naam", flat=True) if naam in pagina] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [(["--schaal", "0.5"], "--schaal hoort bij --landelijk"), (["--landelijk", "--schaal", "0"], "--schaal")],
)
def test_schaal_alleen_met_landelijk_en_tussen_0_en_1(argumenten, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("load_demo", "--ook-zonder-debug", *argumenten)
    assert not Werkplaats.objects.exists()


def test_schaal_deel_houdt_genoeg_organisaties_voor_de_drempel():
    assert landelijk.Schaal.deel(1) == landelijk.Schaal()
    assert landelijk.Schaal.deel(0.2) == landelijk.Schaal(werkplaatsen=3, organisaties=7, deelnemers=11)
    assert landelijk.Schaal.deel(0.01).organisaties == 7
    with pytest.raises(ValueError):
        landelijk.Schaal(werkplaatsen=14)
