"""The peer comparison on an organisation's quickscan page: its latest scores against the spread of comparable
organisations (same method, every werkplaats), never naming one, and nothing below the small-number threshold."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quickscan import selectors
from tests.factories import (
    DeelnameFactory,
    MethodeFactory,
    OrganisatieFactory,
    TrajectFactory,
    WerkplaatsFactory,
    coordinator_van,
    leider_van,
    maak_ronde,
)
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db


def vergelijken(organisatie):
    """The comparison as the page asks for it: with the organisation's latest submitted round."""
    rondes = selectors.rondes_met_scores(organisatie.quickscan_rondes.afgerond().order_by("datum", "pk"))
    return selectors.vergelijking(organisatie, rondes[-1] if rondes else None)


@pytest.fixture
def methode():
    return MethodeFactory(naam="Het Gesprek", korte_naam="HG")


@pytest.fixture
def eigen(methode):
    traject = TrajectFactory(werkplaats=WerkplaatsFactory(naam="Wmo-werkplaats Eigen"), methoden=[methode])
    organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam="Eigen Organisatie")
    DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
    maak_ronde(organisatie, {"missie": 2, "beleid": 4}, afronden=True, datum=datetime.date(2015, 3, 1))
    return organisatie


def peers_maken(methode, aantal: int, *, begin: int = 0, scores=(1, 2, 3, 4, 5)) -> list[Organisatie]:
    """`aantal` comparable organisations spread over two other werkplaatsen, each with a submitted round (and an
    earlier one that must not count)."""
    werkplaatsen = [WerkplaatsFactory(naam=f"Wmo-werkplaats Ander {i}") for i in range(2)]
    trajecten = [TrajectFactory(werkplaats=w, methoden=[methode]) for w in werkplaatsen]
    organisaties = []
    for index in range(begin, begin + aantal):
        traject = trajecten[index % 2]
        organisatie = OrganisatieFactory(werkplaats=traject.werkplaats, naam=f"Geheime Organisatie {index}")
        DeelnameFactory(traject=traject, organisatie=organisatie, methoden=[methode])
        maak_ronde(organisatie, {"missie": 5, "beleid": 5}, afronden=True, datum=datetime.date(2014, 3, 1))
        score = scores[index % len(scores)]
        maak_ronde(organisatie, {"missie": score, "beleid": 3}, afronden=True, datum=datetime.date(2015, 3, 1))
        organisaties.append(organisatie)
    return organisaties


def test_spreiding_van_vergelijkbare_organisaties(eigen, methode):
    peers_maken(methode, 5)
    # Not comparable: another method; its 5s must not move the spread.
    ander = TrajectFactory(werkplaats=WerkplaatsFactory(), methoden=[MethodeFactory(naam="Andere", korte_naam="A")])
    for index in range(3):
        organisatie = OrganisatieFactory(werkplaats=ander.werkplaats, naam=f"Andere methode {index}")
        DeelnameFactory(traject=ander, organisatie=organisatie, methoden=list(ander.methoden.all()))
        maak_ronde(organisatie, {"missie": 5}, afronden=True, datum=datetime.date(2015, 3, 1))
    vergelijking = vergelijken(eigen)
    assert vergelijking.vergelijkbaar == 5
    assert vergelijking.methoden == ["Het Gesprek"]
    missie = next(rij for rij in vergelijking.rijen if rij.element.code == "missie")
    assert missie.score == 2
    assert (missie.verdeling.q1, missie.verdeling.mediaan, missie.verdeling.q3) == (2.0, 3.0, 4.0)
    assert missie.positie == "tussen eerste kwartiel en mediaan"
    beleid = next(rij for rij in vergelijking.rijen if rij.element.code == "beleid")
    assert beleid.positie == "boven het derde kwartiel"  # 4 against five 3s


def test_drempel_vier_tegen_vijf(client, eigen, methode):
    client.force_login(leider_van(eigen))
    url = reverse("quickscan:organisatie", kwargs={"pk": eigen.pk})
    peers_maken(methode, 4)
    vergelijking = vergelijken(eigen)
    assert vergelijking.vergelijkbaar == 4
    assert all(rij.verdeling is None for rij in vergelijking.rijen)
    html = client.get(url).content.decode()
    assert "Nog te weinig vergelijkbare organisaties" in html
    assert "Eerste kwartiel" not in html

    peers_maken(methode, 1, begin=4)
    assert vergelijken(eigen).vergelijkbaar == 5
    html = client.get(url).content.decode()
    assert "Eerste kwartiel" in html
    assert "tussen eerste kwartiel en mediaan" in html


def test_een_element_met_te_weinig_scores_blijft_weg(eigen, methode):
    peers = peers_maken(methode, 5)
    # One peer's latest round leaves "beleid" open: 4 scores for it, 5 for "missie".
    maak_ronde(peers[0], {"missie": 3}, afronden=True, datum=datetime.date(2015, 6, 1))
    rijen = {rij.element.code: rij for rij in vergelijken(eigen).rijen}
    assert rijen["missie"].verdeling is not None
    assert rijen["beleid"].verdeling is None


def test_geen_andere_organisatie_genoemd(client, eigen, methode):
    peers = peers_maken(methode, 6)
    for user in (leider_van(eigen), coordinator_van(eigen.werkplaats)):
        client.force_login(user)
        html = client.get(reverse("quickscan:organisatie", kwargs={"pk": eigen.pk})).content.decode()
        assert "Eerste kwartiel" in html
        for peer in peers:
            assert peer.naam not in html
            assert peer.werkplaats.naam not in html
        assert "Geheime Organisatie" not in html


def test_zonder_methode_geen_vergelijking(client, methode):
    organisatie = OrganisatieFactory(naam="Zonder methode")
    maak_ronde(organisatie, {"missie": 2}, afronden=True)
    peers_maken(methode, 5)
    assert vergelijken(organisatie) is None
    client.force_login(leider_van(organisatie))
    html = client.get(reverse("quickscan:organisatie", kwargs={"pk": organisatie.pk})).content.decode()
    assert "Vergeleken met vergelijkbare organisaties" not in html


def test_queries_gelijk_bij_meer_vergelijkbare_organisaties(client, eigen, methode):
    client.force_login(leider_van(eigen))
    url = reverse("quickscan:organisatie", kwargs={"pk": eigen.pk})
    peers_maken(methode, 5)

    def tellen() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    klein = tellen()
    peers_maken(methode, 12, begin=5)
    assert tellen() == klein
