"""A namesake in the same organisation: the person form warns (and may save anyway), the import preview flags it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scholing.models import Persoon
from scholing.services import persoon_opslaan
from tests.scholing.test_import import KOP, coordinator, csv_bestand, methoden, traject, upload  # noqa: F401

pytestmark = pytest.mark.django_db


def gegevens(world, **velden):
    return {"organisatie": world.org_a.pk, "naam": "Anna de Vries", "soort": "professional", **velden}


def test_zelfde_naam_in_dezelfde_organisatie_geeft_een_waarschuwing_met_link(coordinator, world):  # noqa: F811
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    response = coordinator.post(reverse("scholing:persoon_create"), gegevens(world, naam="  anna  DE vries "))
    assert response.status_code == 400
    melding = " ".join(response.context["form"].errors["naam"])
    assert "Bij Organisatie A staat al een deelnemer met de naam" in melding and "toch opslaan" in melding
    inhoud = response.content.decode()
    assert anna.get_absolute_url() in inhoud  # a link to the existing person
    assert 'type="checkbox" name="toch_opslaan"' in inhoud  # the choice appears with the warning
    assert Persoon.objects.count() == 1


def test_toch_opslaan_maakt_de_tweede_persoon(coordinator, world):  # noqa: F811
    persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    eerst = coordinator.get(reverse("scholing:persoon_create")).content.decode()
    assert 'type="hidden" name="toch_opslaan"' in eerst  # no checkbox without a warning
    response = coordinator.post(reverse("scholing:persoon_create"), gegevens(world, toch_opslaan="on"))
    assert response.status_code == 302
    assert Persoon.objects.filter(naam="Anna de Vries").count() == 2


def test_zelfde_naam_bij_een_andere_organisatie_is_geen_waarschuwing(coordinator, world):  # noqa: F811
    persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam="Anna de Vries"))
    response = coordinator.post(reverse("scholing:persoon_create"), gegevens(world))
    assert response.status_code == 302


def test_bewerken_zonder_de_naam_te_wijzigen_waarschuwt_niet_opnieuw(coordinator, world):  # noqa: F811
    persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    tweede = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    url = reverse("scholing:persoon_update", kwargs={"pk": tweede.pk})
    response = coordinator.post(url, gegevens(world, functie="Coach", versie=tweede.versie))
    assert response.status_code == 302
    # Renaming someone into a namesake does warn.
    derde = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Carla"))
    url = reverse("scholing:persoon_update", kwargs={"pk": derde.pk})
    response = coordinator.post(url, gegevens(world, versie=derde.versie))
    assert response.status_code == 400 and "staat al een deelnemer" in response.content.decode()


def test_importvoorbeeld_meldt_de_bestaande_naamgenoot_met_link(coordinator, world, traject):  # noqa: F811
    anna = persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    response = upload(coordinator, traject, csv_bestand(KOP, "Anna de Vries;Organisatie A;;;HG;1;2014-03-01"))
    inhoud = response.content.decode()
    assert "zelfde naam als een deelnemer van deze organisatie" in inhoud
    assert f'href="{anna.get_absolute_url()}"' in inhoud
