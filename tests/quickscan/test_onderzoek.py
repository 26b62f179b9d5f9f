"""The research export (quickscan.onderzoek) and its page: rows computed by hand for a small world."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quickscan import onderzoek
from quickscan.models import Actie, Element, Ronde
from quickscan.services import actie_opslaan
from tests.factories import DeelnameFactory, MethodeFactory, OrganisatieFactory, TrajectFactory, maak_ronde

D = datetime.date


def _actie(ronde, code, omschrijving, gereed_op=None, status=Actie.Status.GEREED):
    return actie_opslaan(
        actie=Actie(
            ronde=ronde,
            element=Element.objects.get(instrument=ronde.instrument, code=code),
            omschrijving=omschrijving,
            eigenaar="Teamleider",
            deadline=ronde.datum,
            status=status,
            gereed_op=gereed_op,
        )
    )


@pytest.fixture
def onderzoekswereld(world):
    """Organisation A: three submitted rounds (the world's of 9 May 2014, then September and January) and a concept;
    organisation B: two rounds. Actions completed in between, and some that must not count."""
    methode = MethodeFactory(naam="Het Gesprek")
    traject = TrajectFactory(werkplaats=world.werkplaats, naam="Traject Onderzoek", methoden=[methode])
    DeelnameFactory(traject=traject, organisatie=world.org_a, methoden=[methode])
    DeelnameFactory(traject=traject, organisatie=world.org_b)
    a1 = world.afgerond_a  # missie 2, beleid 3
    a1.gereedheid = "=Ja, het team wil"  # a formula character: the export neutralises it
    a1.vernieuwers = Ronde.Antwoord.DEELS
    a1.save()
    a2 = maak_ronde(world.org_a, {"missie": 4, "beleid": 3}, afronden=True, datum=D(2014, 9, 9))
    a3 = maak_ronde(world.org_a, {"missie": 4, "beleid": 2}, afronden=True, datum=D(2015, 1, 9))
    b1 = maak_ronde(world.org_b, {"missie": 3, "beleid": 3}, afronden=True, datum=D(2014, 6, 1))
    b2 = maak_ronde(world.org_b, {"missie": 2, "beleid": 4}, afronden=True, datum=D(2014, 12, 1))
    # Elsewhere: a round of another werkplaats's organisation, in no trajectory of ours.
    maak_ronde(world.org_elders, {"missie": 1}, afronden=True, datum=D(2014, 6, 1))
    maak_ronde(world.org_elders, {"missie": 5}, afronden=True, datum=D(2014, 12, 1))
    actie = world.actie_a  # missie, prompted by a1
    actie.status, actie.gereed_op = Actie.Status.GEREED, D(2014, 8, 1)
    actie_opslaan(actie=actie)  # -> between a1 and a2
    _actie(a1, "missie", "Missie op intranet", D(2014, 10, 1))  # -> between a2 and a3
    _actie(a2, "beleid", "Beleidsplan", D(2014, 11, 15))  # -> between a2 and a3
    _actie(a2, "beleid", "Nog bezig", status=Actie.Status.BEZIG)  # open: never counts
    _actie(a3, "missie", "Na de laatste ronde", D(2015, 1, 9))  # prompted by a3: not between a2 and a3
    _actie(b1, "missie", "Gesprek met de raad", D(2014, 7, 1))  # -> between b1 and b2
    return traject, (a1, a2, a3, b1, b2)


def _rijen(traject, **kwargs):
    return onderzoek.onderzoek_rijen(traject, Ronde.objects.all(), **kwargs)


def test_rijen_met_de_hand_berekend(onderzoekswereld):
    traject, (a1, *_) = onderzoekswereld
    rijen = _rijen(traject)
    elementen = Element.objects.filter(instrument=a1.instrument).count()
    assert len(rijen) == 3 * elementen  # three pairs (a1-a2, a2-a3, b1-b2), one row per element
    gekozen = [
        (
            r.organisatie,
            r.element_code,
            r.datum_voor,
            r.datum_na,
            r.score_voor,
            r.score_na,
            r.verschil,
            r.maanden,
            [(x.omschrijving, x.gereed_op) for x in r.acties],
        )
        for r in rijen
        if r.element_code in ("missie", "beleid")
    ]
    mei, sep, jan, jun, dec = D(2014, 5, 9), D(2014, 9, 9), D(2015, 1, 9), D(2014, 6, 1), D(2014, 12, 1)
    a, b = "Organisatie A", "Organisatie B"
    assert gekozen == [
        (a, "missie", mei, sep, 2, 4, 2, 4.0, [("Missie herschrijven", D(2014, 8, 1))]),
        (a, "beleid", mei, sep, 3, 3, 0, 4.0, []),
        (a, "missie", sep, jan, 4, 4, 0, 4.0, [("Missie op intranet", D(2014, 10, 1))]),
        (a, "beleid", sep, jan, 3, 2, -1, 4.0, [("Beleidsplan", D(2014, 11, 15))]),
        (b, "missie", jun, dec, 3, 2, -1, 6.0, [("Gesprek met de raad", D(2014, 7, 1))]),
        (b, "beleid", jun, dec, 3, 4, 1, 6.0, []),
    ]
    eerste = rijen[0]
    assert eerste.traject == "Traject Onderzoek"
    assert eerste.methoden == ["Het Gesprek"]
    assert eerste.organisatie_soort == "Instelling"
    assert eerste.gereedheid["gereedheid"] == "=Ja, het team wil"
    assert eerste.gereedheid["vernieuwers"] == "Deels"
    assert rijen[-1].methoden == []  # B takes part without a method
    # An element left unscored in the earlier round: a row without a change.
    leeg = next(r for r in rijen if r.element_code not in ("missie", "beleid"))
    assert (leeg.score_voor, leeg.score_na, leeg.verschil) == (None, None, None)


def test_samenvatting_per_element(onderzoekswereld):
    traject, _ = onderzoekswereld
    per_code = {e.element_code: e for e in onderzoek.samenvatting(_rijen(traject))}
    missie, beleid = per_code["missie"], per_code["beleid"]
    assert (missie.met_acties, missie.zonder_acties) == ([2, 0, -1], [])
    assert missie.gemiddelde_met == pytest.approx(0.33) and missie.gemiddelde_zonder is None
    assert (beleid.met_acties, beleid.zonder_acties) == ([-1], [0, 1])
    assert (beleid.gemiddelde_met, beleid.gemiddelde_zonder, beleid.paren) == (-1.0, 0.5, 3)
    assert missie.te_weinig and beleid.te_weinig
    volgorde = [e.volgorde for e in per_code.values()]
    assert volgorde == sorted(volgorde)  # the instrument's order
    assert per_code[next(c for c in per_code if c not in ("missie", "beleid"))].paren == 0


def test_genoeg_paren_geen_waarschuwing():
    e = onderzoek.ElementSamenvatting("missie", "Missie", 1, met_acties=[1] * 5, zonder_acties=[0] * 5)
    assert not e.te_weinig
    e.zonder_acties.pop()
    assert e.te_weinig


def test_pseudoniem_is_vast_en_verbergt_naam_en_team(onderzoekswereld):
    traject, _ = onderzoekswereld
    rijen = _rijen(traject, pseudoniemen=True)
    namen = {r.organisatie for r in rijen}
    assert len(namen) == 2
    assert not namen & {"Organisatie A", "Organisatie B"}
    assert namen == {r.organisatie for r in _rijen(traject, pseudoniemen=True)}  # stable
    assert all(naam.startswith("ORG-") for naam in namen)


def test_alleen_zichtbare_rondes(onderzoekswereld, world):
    traject, _ = onderzoekswereld
    rijen = onderzoek.onderzoek_rijen(traject, Ronde.objects.zichtbaar_voor(world.leider_b))
    assert {r.organisatie for r in rijen} == {"Organisatie B"}


def _reeksen(werkplaats, traject, aantal):
    for n in range(aantal):
        organisatie = OrganisatieFactory(werkplaats=werkplaats)
        DeelnameFactory(traject=traject, organisatie=organisatie)
        rondes = [
            maak_ronde(organisatie, {"missie": 1 + i}, afronden=True, datum=D(2014, 2 + 3 * i, 1)) for i in range(3)
        ]
        _actie(rondes[0], "missie", f"Actie {n}", D(2014, 3, 1))


def test_aantal_queries_hangt_niet_af_van_de_omvang(world):
    traject = TrajectFactory(werkplaats=world.werkplaats)
    _reeksen(world.werkplaats, traject, 2)
    with CaptureQueriesContext(connection) as klein:
        assert len(_rijen(traject)) > 0
    _reeksen(world.werkplaats, traject, 6)
    with CaptureQueriesContext(connection) as groot:
        rijen = _rijen(traject)
    assert len({r.organisatie for r in rijen}) == 8
    assert len(groot) == len(klein) == 5


# The page -----------------------------------------------------------------------------------------------------------


def test_pagina_toont_samenvatting(client, onderzoekswereld, world, django_assert_max_num_queries):
    traject, _ = onderzoekswereld
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("rapportage:onderzoek", kwargs={"pk": traject.pk}))
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "te weinig paren" in tekst
    assert "3 paren opeenvolgende rondes" in tekst


def test_csv_export(client, onderzoekswereld, world):
    traject, _ = onderzoekswereld
    client.force_login(world.lectoraat)
    response = client.get(reverse("rapportage:onderzoek", kwargs={"pk": traject.pk}), {"_export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    regels = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert regels[0][:3] == ["Traject", "Methode(n)", "Organisatie"]
    missie = next(r for r in regels[1:] if r[5] == "missie")
    assert missie[2] == "Organisatie A" and missie[9:14] == ["2", "4", "2", "4.0", "1"]
    assert missie[14] == "Missie herschrijven" and missie[15] == "2014-08-01"
    assert missie[16] == "'=Ja, het team wil"  # neutralised by werkplaats.lib.export


def test_xlsx_export_pseudoniem(client, onderzoekswereld, world):
    traject, _ = onderzoekswereld
    client.force_login(world.coordinator)
    url = reverse("rapportage:onderzoek", kwargs={"pk": traject.pk})
    response = client.get(url, {"_export": "xlsx", "pseudoniem": "on"})
    assert response.status_code == 200
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert all(not str(rij[2]).startswith("Organisatie") for rij in waarden[1:])
    assert {type(rij[9]) for rij in waarden[1:] if rij[9] is not None} == {int}


@pytest.mark.parametrize("params", [{"onbekend": "1"}, {"_export": "pdf"}])
def test_foute_parameter_400(client, onderzoekswereld, world, params):
    traject, _ = onderzoekswereld
    client.force_login(world.coordinator)
    response = client.get(reverse("rapportage:onderzoek", kwargs={"pk": traject.pk}), params)
    assert response.status_code == 400


def test_leider_mag_niet(client, onderzoekswereld, world):
    traject, _ = onderzoekswereld
    client.force_login(world.leider_a)
    assert client.get(reverse("rapportage:onderzoek", kwargs={"pk": traject.pk})).status_code == 403
