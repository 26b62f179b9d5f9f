"""The round's history names the rows its foreign keys point at ("traject: - -> Traject 2014"), not their ids."""

from __future__ import annotations

import datetime

import pytest

from quickscan import selectors, services
from quickscan.models import Ronde
from tests.factories import AfdelingFactory, DeelnameFactory, TrajectFactory

pytestmark = pytest.mark.django_db


def wijzigen(ronde, **gegevens):
    ronde = Ronde.objects.get(pk=ronde.pk)
    return services.ronde_invullen(ronde=ronde, versie=ronde.versie, gegevens=gegevens)


def test_geschiedenis_toont_namen_van_traject_en_team(world):
    traject = TrajectFactory(werkplaats=world.werkplaats, naam="Implementatietraject Test")
    DeelnameFactory(traject=traject, organisatie=world.org_a)
    wijzigen(world.concept_a, traject=traject, afdeling=world.afdeling_a)
    [wijziging, *_rest] = selectors.geschiedenis(world.concept_a)
    velden = {veld: (oud, nieuw) for veld, oud, nieuw in wijziging.velden}
    assert velden["traject"] == (None, "Implementatietraject Test")
    assert velden["team of afdeling"] == (None, "Organisatie A – Team A1")


def test_geschiedenis_toont_de_naam_op_de_rondepagina(client, world):
    traject = TrajectFactory(werkplaats=world.werkplaats, naam="Implementatietraject Test")
    DeelnameFactory(traject=traject, organisatie=world.org_a)
    wijzigen(world.concept_a, traject=traject)
    client.force_login(world.leider_a)
    content = client.get(world.concept_a.get_absolute_url()).content.decode()
    assert "traject: <del>–</del> → <ins>Implementatietraject Test</ins>" in content
    assert f"<ins>{traject.pk}</ins>" not in content


@pytest.mark.parametrize("wissels", [1, 6])
def test_geschiedenis_querys_groeien_niet_met_wijzigingen(world, django_assert_num_queries, wissels):
    teams = [AfdelingFactory(organisatie=world.org_a, naam=f"Team {n}") for n in range(wissels)]
    for dag, team in enumerate(teams, start=1):
        wijzigen(world.concept_a, afdeling=team, datum=datetime.date(2014, 10, dag))
    ronde = Ronde.objects.select_related("instrument").get(pk=world.concept_a.pk)
    # Round history, team names, elements, score history: the same four queries for one change or six.
    with django_assert_num_queries(4):
        geschiedenis = selectors.geschiedenis(ronde)
    namen = {nieuw for w in geschiedenis for veld, _oud, nieuw in w.velden if veld == "team of afdeling"}
    assert namen == {str(team) for team in teams}
