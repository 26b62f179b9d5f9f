"""The peer comparison on an organisation's quickscan page: its latest scores against the spread of comparable
organisations (same method and, when there are enough of them, the same kind; every werkplaats), never naming one,
and nothing below the small-number threshold."""

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


def peers_maken(
    methode, aantal: int, *, begin: int = 0, scores=(1, 2, 3, 4, 5), soort=Organisatie.Soort.INSTELLING
) -> list[Organisatie]:
    """`aantal` comparable organisations (of the kind `soort`; the own one is an instelling) spread over two other
    werkplaatsen, each with a submitted round (and an earlier one that must not count)."""
    werkplaatsen = [WerkplaatsFactory(naam=f"Wmo-werkplaats Ander {i}") for i in range(2)]
    trajecten = [TrajectFactory(werkplaats=w, methoden=[methode]) for w in werkplaatsen]
    organisaties = []
    for index in range(begin, begin + aantal):
        traject = trajecten[index % 2]
        organisatie = OrganisatieFactory(
            werkplaats=traject.werkplaats, naam=f"Geheime Organisatie {soort} {index}", soort=soort
        )
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


# The kind of organisation ------------------------------------------------------------------------------------------


def test_vergelijkt_met_organisaties_van_dezelfde_soort(client, eigen, methode):
    """Five instellingen (missie 1-5) and five gemeenten (missie 5): the instelling is set against the instellingen
    only."""
    peers_maken(methode, 5)
    peers_maken(methode, 5, scores=(5,), soort=Organisatie.Soort.GEMEENTE)
    vergelijking = vergelijken(eigen)
    assert (vergelijking.op_soort, vergelijking.soort, vergelijking.vergelijkbaar) == (True, "Instelling", 5)
    missie = next(rij for rij in vergelijking.rijen if rij.element.code == "missie")
    assert (missie.verdeling.q1, missie.verdeling.mediaan, missie.verdeling.q3) == (2.0, 3.0, 4.0)
    client.force_login(leider_van(eigen))
    html = client.get(reverse("quickscan:organisatie", kwargs={"pk": eigen.pk})).content.decode()
    assert "andere organisaties van dezelfde soort (Instelling) met dezelfde methode (Het Gesprek)" in html
    assert "daarom vergeleken met organisaties van elke soort" not in html
    assert "Geheime Organisatie" not in html


def test_te_weinig_van_dezelfde_soort_vergelijkt_met_de_methode(client, eigen, methode):
    """Four instellingen are too few: the comparison falls back to every kind with the method (4 + 3 gemeenten), and
    says so; the fifth instelling makes it compare with the instellingen alone."""
    client.force_login(leider_van(eigen))
    url = reverse("quickscan:organisatie", kwargs={"pk": eigen.pk})
    peers_maken(methode, 4)
    vergelijking = vergelijken(eigen)
    assert (vergelijking.op_soort, vergelijking.vergelijkbaar, vergelijking.getoond) == (False, 4, False)

    peers_maken(methode, 3, scores=(5,), soort=Organisatie.Soort.GEMEENTE)
    vergelijking = vergelijken(eigen)
    assert (vergelijking.op_soort, vergelijking.vergelijkbaar) == (False, 7)
    missie = next(rij for rij in vergelijking.rijen if rij.element.code == "missie")
    assert missie.verdeling.mediaan == 4.0  # 1, 2, 3, 4 and three 5s
    html = client.get(url).content.decode()
    assert (
        "Minder dan 5 organisaties van dezelfde soort (Instelling) met dezelfde methode hebben een afgeronde ronde: "
        "daarom vergeleken met organisaties van elke soort." in html
    )
    assert "Eerste kwartiel" in html

    peers_maken(methode, 1, begin=4)
    vergelijking = vergelijken(eigen)
    assert (vergelijking.op_soort, vergelijking.vergelijkbaar) == (True, 5)
    missie = next(rij for rij in vergelijking.rijen if rij.element.code == "missie")
    assert missie.verdeling.mediaan == 3.0  # the instellingen' 1-5 alone
    assert "daarom vergeleken met organisaties van elke soort" not in client.get(url).content.decode()


def test_vergelijkingen_voor_veel_organisaties_in_vaste_queries(eigen, methode, django_assert_num_queries):
    """The end report's annex asks for all its organisations at once: two queries, also for more of them."""
    peers = peers_maken(methode, 6)

    def paren(organisaties):
        rondes = selectors.rondes_met_scores(
            selectors.Ronde.objects.afgerond().filter(organisatie__in=organisaties).order_by("datum", "pk")
        )
        laatste = {r.organisatie_id: r for r in rondes}
        return [(r.organisatie, r) for r in laatste.values()]

    twee = paren([eigen, *peers[:1]])
    with django_assert_num_queries(2):
        uitkomst = selectors.vergelijkingen(twee, datetime.date(2015, 12, 31))
    assert uitkomst[eigen.pk].vergelijkbaar == 6
    alle = paren([eigen, *peers])
    with django_assert_num_queries(2):
        uitkomst = selectors.vergelijkingen(alle, datetime.date(2015, 12, 31))
    assert {pk: v.vergelijkbaar for pk, v in uitkomst.items()} == {o.pk: 6 for o in [eigen, *peers]}
    # As of a date before the peers' rounds of 2015, only their rounds of 2014 count (all 5s).
    vroeg = selectors.vergelijkingen(alle, datetime.date(2014, 12, 31))
    missie = next(rij for rij in vroeg[eigen.pk].rijen if rij.element.code == "missie")
    assert (missie.verdeling.q1, missie.verdeling.mediaan, missie.verdeling.q3) == (5.0, 5.0, 5.0)
