"""The method catalogue is shared; only superusers change it. A werkplaats names a method its own way.

A coordinator of another werkplaats can neither rename the method that Noord's trajectory and end report use, nor
change the names Noord chose; Noord's end report prints Noord's names.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from rapportage.eindrapport import berekenen
from tests.factories import coordinator_van
from trajecten import services
from trajecten.models import Methode, MethodeAlias, Traject

FORMSET = {
    "aliassen-TOTAL_FORMS": "1",
    "aliassen-INITIAL_FORMS": "0",
    "aliassen-MIN_NUM_FORMS": "0",
    "aliassen-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def noord(world):
    """Noord (the world's werkplaats) uses Het Gesprek in a trajectory; the catalogue names it for the report."""
    methode = services.methode_opslaan(
        methode=Methode(naam="Het Gesprek", korte_naam="HG"),
        aliassen=[MethodeAlias(naam="het gesprek (catalogus)", context="eindrapport 4.1")],
    )
    world.methode = methode
    world.traject = services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Noord",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    world.coordinator_elders = coordinator_van(world.andere_werkplaats, username="coordinator_elders")
    return world


def _namen_url(world, werkplaats):
    return reverse("trajecten:methode_namen", kwargs={"pk": world.methode.pk, "werkplaats": werkplaats.pk})


@pytest.mark.parametrize("wie", ["coordinator", "coordinator_elders"])
def test_coordinator_hernoemt_geen_methode_uit_de_catalogus(client, noord, wie):
    client.force_login(getattr(noord, wie))
    url = reverse("trajecten:methode_update", kwargs={"pk": noord.methode.pk})
    data = {"naam": "Gekaapt", "korte_naam": "X", "omschrijving": "", "kenmerken": "", "databank_url": "", **FORMSET}
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert client.post(reverse("trajecten:methode_create"), data).status_code == 403
    noord.methode.refresh_from_db()
    assert noord.methode.naam == "Het Gesprek"
    assert "Bewerken" not in client.get(noord.methode.get_absolute_url()).content.decode()


def test_coordinator_geeft_de_methode_een_eigen_naam_die_het_eindrapport_gebruikt(client, noord):
    client.force_login(noord.coordinator)
    data = {**FORMSET, "aliassen-0-naam": "Het Gesprek in Noord", "aliassen-0-context": "eindrapport 4.1"}
    response = client.post(_namen_url(noord, noord.werkplaats), data)
    assert response.status_code == 302
    alias = MethodeAlias.objects.get(werkplaats=noord.werkplaats)
    assert alias.naam == "Het Gesprek in Noord" and alias.history.count() == 1
    methode = Methode.objects.get(pk=noord.methode.pk)
    assert methode.alias("eindrapport 4.1", noord.werkplaats) == "Het Gesprek in Noord"
    assert methode.alias("eindrapport 4.1", noord.andere_werkplaats) == "het gesprek (catalogus)"
    assert methode.alias("eindrapport 4.1") == "het gesprek (catalogus)"
    rapport = berekenen(noord.traject, datetime.date(2015, 12, 31))
    assert [m["naam"] for m in rapport["methoden"]] == ["Het Gesprek in Noord"]
    assert "Het Gesprek in Noord" in client.get(methode.get_absolute_url()).content.decode()


def test_coordinator_van_elders_verandert_de_namen_van_noord_niet(client, noord):
    services.methode_namen_opslaan(
        methode=noord.methode,
        werkplaats=noord.werkplaats,
        aliassen=[MethodeAlias(naam="Het Gesprek in Noord", context="eindrapport 4.1")],
    )
    client.force_login(noord.coordinator_elders)
    data = {**FORMSET, "aliassen-0-naam": "Gekaapt", "aliassen-0-context": "eindrapport 4.1"}
    assert client.get(_namen_url(noord, noord.werkplaats)).status_code == 403
    assert client.post(_namen_url(noord, noord.werkplaats), data).status_code == 403
    # Elders names the method in its own werkplaats; Noord's report keeps Noord's name.
    assert client.post(_namen_url(noord, noord.andere_werkplaats), data).status_code == 302
    assert MethodeAlias.objects.get(werkplaats=noord.werkplaats).naam == "Het Gesprek in Noord"
    assert berekenen(noord.traject, datetime.date(2015, 12, 31))["methoden"][0]["naam"] == "Het Gesprek in Noord"
    # Elders does not see Noord's names on the method's page.
    assert "Het Gesprek in Noord" not in client.get(noord.methode.get_absolute_url()).content.decode()


def test_dubbele_naam_in_dezelfde_context_geeft_400(client, noord):
    services.methode_namen_opslaan(
        methode=noord.methode,
        werkplaats=noord.werkplaats,
        aliassen=[MethodeAlias(naam="A", context="poster")],
    )
    client.force_login(noord.coordinator)
    data = {**FORMSET, "aliassen-0-naam": "B", "aliassen-0-context": "poster"}
    data.update({"aliassen-TOTAL_FORMS": "2", "aliassen-INITIAL_FORMS": "1"})
    bestaand = MethodeAlias.objects.get(werkplaats=noord.werkplaats)
    data.update({"aliassen-0-id": str(bestaand.pk), "aliassen-0-methode": str(noord.methode.pk)})
    data.update({"aliassen-0-naam": "A", "aliassen-0-context": "poster"})
    data.update({"aliassen-1-naam": "B", "aliassen-1-context": "poster"})
    response = client.post(_namen_url(noord, noord.werkplaats), data)
    assert response.status_code == 400
    assert list(MethodeAlias.objects.filter(werkplaats=noord.werkplaats).values_list("naam", flat=True)) == ["A"]


def test_werkplaatsnaam_mag_dezelfde_context_hebben_als_de_catalogus(noord):
    services.methode_namen_opslaan(
        methode=noord.methode,
        werkplaats=noord.werkplaats,
        aliassen=[MethodeAlias(naam="Noords", context="eindrapport 4.1")],
    )
    assert MethodeAlias.objects.filter(methode=noord.methode, context="eindrapport 4.1").count() == 2


def test_service_weigert_naam_van_een_andere_werkplaats(noord):
    alias = MethodeAlias.objects.get(werkplaats=None)
    with pytest.raises(Exception, match="andere werkplaats"):
        services.methode_namen_opslaan(methode=noord.methode, werkplaats=noord.werkplaats, aliassen=[alias])
