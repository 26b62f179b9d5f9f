"""The services that write the training records, called directly: each validates, and a refusal writes nothing."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from scholing import services
from scholing.models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep
from tests.factories import MethodeFactory, TrajectFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2014, 2, 1)


@pytest.fixture
def opzet(world):
    """A trajectory of the world's werkplaats with one group, and Anna (organisation A) enrolled in it."""
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = TrajectFactory(werkplaats=world.werkplaats, methoden=[methode])
    groep = services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=methode, nummer=1))
    anna = services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    return SimpleNamespace(
        world=world,
        methode=methode,
        traject=traject,
        groep=groep,
        anna=anna,
        inschrijving=services.deelnemer_inschrijven(persoon=anna, groep=groep, startdatum=START),
    )


def foutvelden(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)


# People, groups, sessions ---------------------------------------------------------------------------


def test_persoon_opslaan_valideert_en_bewaart_geschiedenis(world):
    with pytest.raises(ValidationError) as error:
        services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam=""))
    assert foutvelden(error) == {"naam"} and not Persoon.objects.exists()
    persoon = services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Carla", soort="vrijwilliger"))
    persoon.gearchiveerd = True
    services.persoon_opslaan(persoon=persoon)
    assert Persoon.objects.get().gearchiveerd and persoon.history.count() == 2


def test_groep_opslaan_weigert_een_tweede_groep_met_hetzelfde_nummer(opzet):
    dubbel = Scholingsgroep(traject=opzet.traject, methode=opzet.methode, nummer=1)
    with pytest.raises(ValidationError, match="bestaat al") as error:
        services.groep_opslaan(groep=dubbel)
    assert foutvelden(error) == {"__all__"}
    with pytest.raises(ValidationError) as error:
        services.groep_opslaan(groep=Scholingsgroep(traject=opzet.traject, methode=opzet.methode, nummer=0))
    assert foutvelden(error) == {"nummer"}
    assert Scholingsgroep.objects.count() == 1


def test_bijeenkomst_opslaan_weigert_een_groep_van_een_ander_traject(opzet):
    ander = TrajectFactory(werkplaats=opzet.world.werkplaats)
    bijeenkomst = Bijeenkomst(traject=ander, groep=opzet.groep, soort="verdieping", datum=datetime.date(2014, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.bijeenkomst_opslaan(bijeenkomst=bijeenkomst)
    assert "Deze groep hoort niet bij het traject." in error.value.message_dict["groep"]
    assert not Bijeenkomst.objects.exists()
    bijeenkomst.traject = opzet.traject
    assert services.bijeenkomst_opslaan(bijeenkomst=bijeenkomst).pk is not None


def test_aantal_aanwezigen_registreren(opzet):
    conferentie = services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(traject=opzet.traject, soort="conferentie", datum=datetime.date(2015, 11, 1))
    )
    services.aantal_aanwezigen_registreren(bijeenkomst=conferentie, aantal=140)
    conferentie.refresh_from_db()
    assert conferentie.aantal_aanwezig == 140
    with pytest.raises(ValidationError) as error:
        services.aantal_aanwezigen_registreren(bijeenkomst=conferentie, aantal=-3)
    assert foutvelden(error) == {"aantal_aanwezig"}
    conferentie.refresh_from_db()
    assert conferentie.aantal_aanwezig == 140
    services.aantal_aanwezigen_registreren(bijeenkomst=conferentie, aantal=None)  # not known after all
    conferentie.refresh_from_db()
    assert conferentie.aantal_aanwezig is None


# Enrolments -----------------------------------------------------------------------------------------


def test_inschrijving_opslaan_corrigeert_datums(opzet):
    opzet.inschrijving.startdatum = datetime.date(2014, 2, 3)
    services.inschrijving_opslaan(inschrijving=opzet.inschrijving)
    opzet.inschrijving.refresh_from_db()
    assert opzet.inschrijving.startdatum == datetime.date(2014, 2, 3)
    opzet.inschrijving.einddatum = datetime.date(2014, 1, 1)
    with pytest.raises(ValidationError) as error:
        services.inschrijving_opslaan(inschrijving=opzet.inschrijving)
    assert "einddatum" in foutvelden(error)
    opzet.inschrijving.refresh_from_db()
    assert opzet.inschrijving.einddatum is None


@pytest.mark.parametrize("status", [Inschrijving.Status.UITGEVALLEN, Inschrijving.Status.AFGEROND])
def test_inschrijving_opslaan_verandert_de_status_niet(opzet, status):
    """Dropping out and completing are services of their own, with their own rules; a plain save may not do it."""
    inschrijving = opzet.inschrijving
    inschrijving.status, inschrijving.einddatum, inschrijving.uitvalreden = status, datetime.date(2014, 6, 1), ""
    if status == Inschrijving.Status.UITGEVALLEN:
        inschrijving.uitvalreden = "te_druk"
    with pytest.raises(ValidationError) as error:
        services.inschrijving_opslaan(inschrijving=inschrijving)
    assert foutvelden(error) == {"status"}
    inschrijving.refresh_from_db()
    assert (inschrijving.status, inschrijving.einddatum) == (Inschrijving.Status.ACTIEF, None)


def test_inschrijving_opslaan_maakt_geen_nieuwe_inschrijving(opzet):
    with pytest.raises(ValidationError, match="Inschrijven in een groep"):
        services.inschrijving_opslaan(
            inschrijving=Inschrijving(persoon=opzet.anna, groep=opzet.groep, startdatum=datetime.date(2015, 1, 1))
        )
    assert Inschrijving.objects.count() == 1


# Buddies ----------------------------------------------------------------------------------------------


def test_buddy_opslaan_corrigeert_de_omvang_van_een_team(opzet):
    team = services.buddy_toevoegen(
        inschrijving=opzet.inschrijving, naam="Team Noord", vanaf=START, is_team=True, aantal=10, is_schatting=True
    )
    team.aantal, team.is_schatting = 12, False
    services.buddy_opslaan(buddy=team)
    team.refresh_from_db()
    assert (team.aantal, team.is_schatting) == (12, False)
    team.is_team = False  # a single colleague counts as one
    with pytest.raises(ValidationError) as error:
        services.buddy_opslaan(buddy=team)
    assert foutvelden(error) == {"aantal"}
    team.refresh_from_db()
    assert team.is_team


def test_buddy_opslaan_weigert_een_buddy_van_voor_de_inschrijving(opzet):
    with pytest.raises(ValidationError) as error:
        services.buddy_opslaan(
            buddy=Buddy(inschrijving=opzet.inschrijving, naam="Karin", vanaf=START.replace(day=1, month=1))
        )
    assert foutvelden(error) == {"vanaf"} and not Buddy.objects.exists()


# Attendance -------------------------------------------------------------------------------------------


def test_aanwezigheid_registreren_zonder_leden_schrijft_niets(opzet):
    zonder_groep = services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(traject=opzet.traject, soort="conferentie", datum=datetime.date(2014, 3, 1))
    )
    with pytest.raises(ValidationError, match="Alleen leden van de groep"):
        services.aanwezigheid_registreren(bijeenkomst=zonder_groep, aanwezig=[opzet.inschrijving.pk])
    assert not zonder_groep.aanwezigheden.exists()


# Implementation leaders -------------------------------------------------------------------------------


def leider(opzet, **velden) -> Implementatieleider:
    return Implementatieleider(
        **{"persoon": opzet.anna, "traject": opzet.traject, "functie": "manager", "actief_vanaf": START, **velden}
    )


def test_implementatieleider_opslaan_maakt_en_bewerkt(opzet):
    nieuw = services.implementatieleider_opslaan(leider=leider(opzet))
    nieuw.functie = "stafmedewerker"
    services.implementatieleider_opslaan(leider=nieuw)
    nieuw.refresh_from_db()
    assert (nieuw.functie, nieuw.actief_tot) == ("stafmedewerker", None)


def test_implementatieleider_opslaan_weigert_een_traject_van_een_andere_werkplaats(opzet):
    elders = TrajectFactory(werkplaats=opzet.world.andere_werkplaats)
    with pytest.raises(ValidationError) as error:
        services.implementatieleider_opslaan(leider=leider(opzet, traject=elders))
    assert foutvelden(error) == {"persoon"} and not Implementatieleider.objects.exists()


def test_implementatieleider_stopt_alleen_met_stoppen(opzet):
    """Stopping has its own service (a leader stops once, with a reason); a plain save may not stop or restart."""
    with pytest.raises(ValidationError) as error:
        services.implementatieleider_opslaan(
            leider=leider(opzet, actief_tot=datetime.date(2015, 1, 1), reden_vertrek="reorganisatie")
        )
    assert foutvelden(error) == {"actief_tot"} and not Implementatieleider.objects.exists()
    actief = services.implementatieleider_opslaan(leider=leider(opzet))
    actief.actief_tot, actief.reden_vertrek = datetime.date(2015, 1, 1), "reorganisatie"
    with pytest.raises(ValidationError):
        services.implementatieleider_opslaan(leider=actief)
    actief.refresh_from_db()
    assert actief.actief_tot is None
    services.implementatieleider_stoppen(leider=actief, datum=datetime.date(2015, 1, 1), reden="reorganisatie")
    actief.actief_tot, actief.reden_vertrek = None, ""
    with pytest.raises(ValidationError):
        services.implementatieleider_opslaan(leider=actief)
    actief.refresh_from_db()
    assert actief.actief_tot == datetime.date(2015, 1, 1)
    actief.toelichting = "Vertrokken na de reorganisatie"  # the rest of a stopped leader's data can be corrected
    services.implementatieleider_opslaan(leider=actief)
    actief.refresh_from_db()
    assert actief.toelichting == "Vertrokken na de reorganisatie"
