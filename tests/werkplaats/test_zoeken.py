"""The search across people, organisations, groups and trajectories (issue 15 item 11)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from scholing import services as scholing_services
from scholing.models import Persoon, Scholingsgroep
from tests.factories import MethodeFactory, OrganisatieFactory, PersoonFactory
from trajecten import services as traject_services
from trajecten.models import Deelname, Traject
from werkplaats import zoeken

pytestmark = pytest.mark.django_db

URL = reverse("werkplaats:zoeken")


@pytest.fixture
def gegevens(world):
    """Namesakes 'Jansen' in A, B and another werkplaats; a trajectory 'Jansen-traject' that A joined."""
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Wijkteams",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    traject_services.deelname_opslaan(
        deelname=Deelname(traject=traject, organisatie=world.org_a, vanaf=traject.startdatum), methoden=[methode]
    )
    groep = scholing_services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=methode, nummer=1))
    personen = {
        "a": scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna Jansen")),
        "b": scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam="Bert Jansen")),
        "elders": scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_elders, naam="Cor Jansen")),
    }
    return traject, groep, personen


def namen(response) -> dict[str, list[str]]:
    return {str(s.titel): [t.naam for t in s.treffers] for s in response.context["secties"]}


def test_coordinator_vindt_personen_organisaties_groepen_en_trajecten_van_de_eigen_werkplaats(client, world, gegevens):
    traject, groep, personen = gegevens
    client.force_login(world.coordinator)
    response = client.get(URL, {"q": "jansen"})
    assert response.status_code == 200
    assert namen(response)["Deelnemers"] == ["Anna Jansen", "Bert Jansen"]  # not the other werkplaats's
    inhoud = response.content.decode()
    assert f'href="{personen["a"].get_absolute_url()}"' in inhoud
    assert namen(client.get(URL, {"q": "organisatie"}))["Organisaties"] == ["Organisatie A", "Organisatie B"]
    gevonden = namen(client.get(URL, {"q": "wijkteams"}))
    assert gevonden["Trajecten"] == ["Traject Wijkteams"] and gevonden["Deelnemers"] == []
    assert namen(client.get(URL, {"q": "gesprek"}))["Scholingsgroepen"] == [str(groep)]
    assert f'href="{traject.get_absolute_url()}"' in client.get(URL, {"q": "wijkteams"}).content.decode()


def test_leider_vindt_alleen_de_eigen_organisatie(client, world, gegevens):
    client.force_login(world.leider_a)
    gevonden = namen(client.get(URL, {"q": "jansen"}))
    assert gevonden["Deelnemers"] == ["Anna Jansen"]
    assert namen(client.get(URL, {"q": "organisatie"}))["Organisaties"] == ["Organisatie A"]
    client.force_login(world.leider_b)
    gevonden = namen(client.get(URL, {"q": "wijkteams"}))
    assert gevonden["Trajecten"] == [] and namen(client.get(URL, {"q": "jansen"}))["Deelnemers"] == ["Bert Jansen"]


def test_anoniem_krijgt_de_inlogpagina(client, gegevens):
    response = client.get(URL, {"q": "jansen"})
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("term", ["j", " j ", ""])
def test_te_korte_zoekterm_geeft_400_met_melding(client, world, term):
    client.force_login(world.coordinator)
    response = client.get(URL, {"q": term})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]
    assert (
        "Typ minstens 2 tekens." in response.content.decode() or "Typ waar u naar zoekt." in response.content.decode()
    )


def test_zonder_zoekterm_alleen_het_formulier(client, world):
    client.force_login(world.coordinator)
    response = client.get(URL)
    assert response.status_code == 200 and "secties" not in response.context


def test_zoekvak_staat_in_het_menu(client, world):
    client.force_login(world.leider_a)
    inhoud = client.get(reverse("werkplaats:home")).content.decode()
    assert f'action="{URL}"' in inhoud and 'id="zoekterm-menu"' in inhoud


@pytest.mark.parametrize("aantal", [3, 40])
def test_querys_groeien_niet_met_de_gegevens(client, world, gegevens, django_assert_max_num_queries, aantal):
    for n in range(aantal):
        PersoonFactory(organisatie=world.org_a, naam=f"Jansen {n}")
        OrganisatieFactory(werkplaats=world.werkplaats, naam=f"Jansen en zonen {n}")
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"q": "jansen"})
    deelnemers = next(s for s in response.context["secties"] if s.titel == "Deelnemers")
    assert len(deelnemers.treffers) == min(aantal + 2, zoeken.MAX_PER_SOORT)
    assert deelnemers.meer == (aantal + 2 > zoeken.MAX_PER_SOORT)
    if deelnemers.meer:
        assert "Alleen de eerste 20" in response.content.decode()
