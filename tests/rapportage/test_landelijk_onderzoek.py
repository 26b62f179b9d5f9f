"""The research export across werkplaatsen for the national role (rapportage/landelijk_onderzoek.py): rows computed by
hand for a small world of two werkplaatsen, pseudonyms, no names or free text anywhere in what leaves, the
small-number threshold (4 vs 5), the filters, the page, the downloads and the API endpoint."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quickscan import onderzoek
from quickscan.models import Actie, Element, Ronde
from quickscan.services import actie_opslaan
from rapportage.landelijk_onderzoek import landelijk_onderzoek
from tests.conftest import gedeeld
from tests.factories import (
    AfdelingFactory,
    DeelnameFactory,
    MethodeFactory,
    OrganisatieFactory,
    PersoonFactory,
    TrajectFactory,
    UserFactory,
    WerkplaatsFactory,
    coordinator_van,
    leider_van,
    maak_ronde,
)
from tests.test_permissions import landelijk_gebruiker
from werkplaats.api_tokens import api_token_aanmaken
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db

D = datetime.date
R1, R2, R3 = D(2014, 3, 1), D(2014, 9, 1), D(2015, 3, 1)
HG = "Het Gesprek"

# Per organisation: (name, kind, missie before/after, beleid before/after). Noord has six, Zuid four.
NOORD = [
    ("Zorggroep Noorderlicht", Organisatie.Soort.INSTELLING, (2, 4), (3, 3)),
    ("Gemeente Appelscha", Organisatie.Soort.GEMEENTE, (3, 3), (2, 3)),
    ("Stichting De Wadden", Organisatie.Soort.INSTELLING, (1, 2), (4, 4)),
    ("CJG Dokkum", Organisatie.Soort.CJG, (3, 2), (3, 4)),
    ("Welzijn Franeker", Organisatie.Soort.OVERIG, (2, 3), (2, 2)),
    ("ROC Friese Poort", Organisatie.Soort.ONDERWIJS, (4, 4), (2, 1)),
]
ZUID = [
    ("Zorgcentrum Maasoever", Organisatie.Soort.INSTELLING, (2, 3), (3, 3)),
    ("Gemeente Eijsden", Organisatie.Soort.GEMEENTE, (2, 3), (3, 3)),
    ("Stichting Heuvelland", Organisatie.Soort.INSTELLING, (2, 3), (3, 3)),
    ("Buurtzorg Vaals", Organisatie.Soort.INSTELLING, (2, 3), (3, 3)),
]
PERSONEN = ["Marieke Verbeek", "Piet de Boer", "Johanna Klaassen", "Henk Stoffels", "Sanne Bakker"]
TEAM = "Team Klaassen"


def _actie(ronde, code, omschrijving, gereed_op=None, status=Actie.Status.GEREED):
    return actie_opslaan(
        actie=Actie(
            ronde=ronde,
            element=Element.objects.get(instrument=ronde.instrument, code=code),
            omschrijving=omschrijving,
            eigenaar="Henk Stoffels",
            deadline=ronde.datum,
            status=status,
            gereed_op=gereed_op,
        )
    )


def _ronde(organisatie, missie, beleid, datum, **velden):
    return maak_ronde(
        organisatie,
        {"missie": missie, "beleid": beleid},
        afronden=True,
        datum=datum,
        ingevuld_door="Marieke Verbeek",
        functie="Teamleider",
        gereedheid="Ja, Piet de Boer trekt het",
        capaciteit_tijd="Johanna Klaassen heeft uren",
        vernieuwers=Ronde.Antwoord.DEELS,
        vernieuwers_toelichting="Sanne Bakker",
        **velden,
    )


def twee_werkplaatsen_bouwen():
    """Noord: six organisations, two rounds each in 2014 (one also a third in 2015, one also a team series), actions
    completed in between; Zuid: four organisations, one taking part with another method. Named people everywhere a
    person can write a name."""
    hg, irb = MethodeFactory(naam=HG, korte_naam="HG"), MethodeFactory(naam="IRB in de wijk", korte_naam="IRB")
    noord = WerkplaatsFactory(naam="Wmo-werkplaats Noord")
    zuid = WerkplaatsFactory(naam="Wmo-werkplaats Zuid")
    traject_noord = TrajectFactory(werkplaats=noord, naam="Noord 2014-2015", methoden=[hg])
    traject_zuid = TrajectFactory(werkplaats=zuid, naam="Zuid 2014-2015", methoden=[hg, irb])
    oud = TrajectFactory(
        werkplaats=noord, naam="Noord oud", startdatum=D(2012, 1, 1), einddatum=D(2013, 12, 31), methoden=[hg]
    )
    w = type("Wereld", (), {})()
    w.noord, w.zuid, w.hg, w.irb, w.traject_noord = noord, zuid, hg, irb, traject_noord
    w.orgs, w.rondes = {}, {}
    for werkplaats, traject, rijen in ((noord, traject_noord, NOORD), (zuid, traject_zuid, ZUID)):
        for n, (naam, soort, missie, beleid) in enumerate(rijen):
            org = OrganisatieFactory(werkplaats=werkplaats, naam=naam, soort=soort)
            methode = irb if naam == "Buurtzorg Vaals" else hg
            DeelnameFactory(traject=traject, organisatie=org, methoden=[methode])
            PersoonFactory(organisatie=org, naam=PERSONEN[n % len(PERSONEN)])
            w.orgs[naam] = org
            w.rondes[naam] = [_ronde(org, missie[0], beleid[0], R1), _ronde(org, missie[1], beleid[1], R2)]
    leider_van(w.orgs["Zorggroep Noorderlicht"], username="mverbeek", first_name="Marieke", last_name="Verbeek")
    coordinator_van(noord, username="coordinator_noord")
    # Zorggroep Noorderlicht: a third round in 2015; the pair R2-R3 has its later round in 2015.
    noorderlicht = w.orgs["Zorggroep Noorderlicht"]
    w.rondes["Zorggroep Noorderlicht"].append(_ronde(noorderlicht, 5, 2, R3))
    # Stichting De Wadden: a round recorded for an old trajectory, not in the selection: it does not split the pair.
    DeelnameFactory(traject=oud, organisatie=w.orgs["Stichting De Wadden"], methoden=[hg])
    _ronde(w.orgs["Stichting De Wadden"], 5, 5, D(2014, 6, 1), traject=oud)
    # Welzijn Franeker: also a team series (missie 1 -> 3, beleid 2 -> 2).
    w.team = AfdelingFactory(organisatie=w.orgs["Welzijn Franeker"], naam=TEAM)
    w.team_rondes = [
        _ronde(w.orgs["Welzijn Franeker"], 1, 2, R1, afdeling=w.team),
        _ronde(w.orgs["Welzijn Franeker"], 3, 2, R2, afdeling=w.team),
    ]
    # Actions: completed in between (count), open (never), completed after the later round (not in that pair).
    eerste = w.rondes["Zorggroep Noorderlicht"][0]
    _actie(eerste, "missie", "Gesprek met Piet de Boer over de missie", D(2014, 5, 1))
    _actie(eerste, "missie", "Johanna Klaassen schrijft de missie", D(2014, 6, 15))
    _actie(w.rondes["Zorggroep Noorderlicht"][1], "beleid", "Beleid met Sanne Bakker", D(2014, 12, 1))
    _actie(w.rondes["Gemeente Appelscha"][0], "beleid", "Beleidsplan door Henk Stoffels", D(2014, 7, 1))
    _actie(w.rondes["CJG Dokkum"][0], "missie", "Nog bezig: Marieke Verbeek", status=Actie.Status.BEZIG)
    return w


# Built once per process, as the demo is (tests/conftest.py): the tests here only add records, which are rolled back.
GEDEELDE_WERKPLAATSEN = gedeeld("landelijk_onderzoek", twee_werkplaatsen_bouwen)


landelijk_onderzoek_database = GEDEELDE_WERKPLAATSEN.sessiefixture("The two werkplaatsen of the research export.")


@pytest.fixture
def twee_werkplaatsen(landelijk_onderzoek_database, db):
    """`twee_werkplaatsen_bouwen`'s world; what a test adds is rolled back after it."""
    return landelijk_onderzoek_database.voor_test()


def _sleutel(rij):
    return (rij.organisatie, rij.team, rij.element_code, rij.datum_voor)


ACHTERGEHOUDEN = "Andere soort (te weinig organisaties om te tonen)"


def _verwacht(w, rijen_per_werkplaats, minimum=5):
    """The rows of missie and beleid by hand: (werkplaats, pseudonym, team, element, before, after, scores, change,
    months, number of actions, their dates, methods, kind). A kind fewer than `minimum` organisations of the
    werkplaats share is withheld: with the werkplaats it would point at one of them."""
    verwacht = []
    for werkplaats, rijen in rijen_per_werkplaats:
        for naam, soort, missie, beleid in rijen:
            zelfde_soort = sum(1 for rij in rijen if rij[1] == soort)
            soort_getoond = str(soort.label) if zelfde_soort >= minimum else ACHTERGEHOUDEN
            org = w.orgs[naam]
            methoden = ["IRB in de wijk"] if naam == "Buurtzorg Vaals" else [HG]
            acties = {
                ("Zorggroep Noorderlicht", "missie"): [D(2014, 5, 1), D(2014, 6, 15)],
                ("Gemeente Appelscha", "beleid"): [D(2014, 7, 1)],
            }
            for code, (voor, na) in (("missie", missie), ("beleid", beleid)):
                data = acties.get((naam, code), [])
                rij = (werkplaats, onderzoek.pseudoniem(org.pk), "", code, R1, R2, voor, na, na - voor, 6.0)
                verwacht.append((*rij, len(data), data, methoden, soort_getoond))
    return verwacht


def _gekozen(rijen):
    return [
        (
            r.werkplaats,
            r.organisatie,
            r.team,
            r.element_code,
            r.datum_voor,
            r.datum_na,
            r.score_voor,
            r.score_na,
            r.verschil,
            r.maanden,
            r.aantal_acties,
            [a.gereed_op for a in r.acties],
            r.methoden,
            r.organisatie_soort,
        )
        for r in rijen
        if r.element_code in ("missie", "beleid")
    ]


def test_rijen_met_de_hand_berekend_drempel_5(twee_werkplaatsen):
    w = twee_werkplaatsen
    gegevens = landelijk_onderzoek(jaar=2014)
    team = onderzoek.team_pseudoniem(w.team.pk)
    franeker = onderzoek.pseudoniem(w.orgs["Welzijn Franeker"].pk)
    verwacht = _verwacht(w, [("Wmo-werkplaats Noord", NOORD)])
    verwacht += [
        ("Wmo-werkplaats Noord", franeker, team, "missie", R1, R2, 1, 3, 2, 6.0, 0, [], [HG], ACHTERGEHOUDEN),
        ("Wmo-werkplaats Noord", franeker, team, "beleid", R1, R2, 2, 2, 0, 6.0, 0, [], [HG], ACHTERGEHOUDEN),
    ]
    # Noord's kinds are each shared by fewer than five of its organisations: none is shown.
    assert {r.organisatie_soort for r in gegevens.rijen} == {ACHTERGEHOUDEN}
    # Zuid: four organisations, under the threshold of five: no rows, named as withheld.
    assert sorted(_gekozen(gegevens.rijen), key=str) == sorted(verwacht, key=str)
    assert [(t.naam, t.organisaties, t.getoond) for t in gegevens.werkplaatsen] == [
        ("Wmo-werkplaats Noord", 6, True),
        ("Wmo-werkplaats Zuid", 4, False),
    ]
    assert gegevens.minimum == 5 and gegevens.paren == 7
    elementen = Element.objects.filter(instrument=w.rondes["CJG Dokkum"][0].instrument).count()
    assert len(gegevens.rijen) == 7 * elementen  # six organisations' pairs and the team's, every element
    # Sorted by werkplaats, pseudonym, team, date, element: the export is stable from one download to the next.
    assert [_sleutel(r)[:2] for r in gegevens.rijen] == sorted(_sleutel(r)[:2] for r in gegevens.rijen)
    assert all(r.gereedheid["vernieuwers"] == "Deels" for r in gegevens.rijen)


def test_samenvatting_met_drempel_5(twee_werkplaatsen):
    per_code = {e.element_code: e for e in landelijk_onderzoek(jaar=2014).samenvatting()}
    missie, beleid = per_code["missie"], per_code["beleid"]
    # With actions: one organisation each (Noorderlicht on missie, Appelscha on beleid): withheld.
    assert (missie.gemiddelde_met, missie.paren_met, beleid.gemiddelde_met, beleid.paren_met) == (None,) * 4
    assert not missie.met_getoond and not beleid.met_getoond
    # Without: missie 0, +1, -1, +1, 0 and the team's +2 (five organisations); beleid 0, 0, +1, 0, -1 and the team's 0.
    assert (missie.gemiddelde_zonder, missie.paren_zonder) == (0.5, 6)
    assert (beleid.gemiddelde_zonder, beleid.paren_zonder) == (0.0, 6)
    assert missie.te_weinig and beleid.te_weinig


def test_drempel_4_toont_ook_zuid(twee_werkplaatsen, settings):
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 4
    w = twee_werkplaatsen
    gegevens = landelijk_onderzoek(jaar=2014)
    assert [(t.naam, t.getoond) for t in gegevens.werkplaatsen] == [
        ("Wmo-werkplaats Noord", True),
        ("Wmo-werkplaats Zuid", True),
    ]
    zuid = [r for r in _gekozen(gegevens.rijen) if r[0] == "Wmo-werkplaats Zuid"]
    assert sorted(zuid, key=str) == sorted(_verwacht(w, [("Wmo-werkplaats Zuid", ZUID)], minimum=4), key=str)
    # Zuid's three care institutions are under four as well; its only gemeente would be named by its kind.
    assert {r.organisatie_soort for r in gegevens.rijen if r.werkplaats == "Wmo-werkplaats Zuid"} == {ACHTERGEHOUDEN}


def test_soort_organisatie_alleen_als_genoeg_organisaties_hem_delen(twee_werkplaatsen, settings):
    """At a threshold of 2, Noord's two care institutions keep their kind; its only gemeente, CJG, school and other
    organisation do not."""
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 2
    w = twee_werkplaatsen
    gegevens = landelijk_onderzoek(jaar=2014)
    per_organisatie = {r.organisatie: r.organisatie_soort for r in gegevens.rijen if r.werkplaats.endswith("Noord")}
    verwacht = {
        onderzoek.pseudoniem(w.orgs[naam].pk): "Instelling" if soort == Organisatie.Soort.INSTELLING else ACHTERGEHOUDEN
        for naam, soort, _missie, _beleid in NOORD
    }
    assert per_organisatie == verwacht
    per_code = {e.element_code: e for e in gegevens.samenvatting()}
    assert (per_code["missie"].gemiddelde_zonder, per_code["missie"].paren_zonder) == (0.7, 10)  # + four times +1
    assert (per_code["beleid"].gemiddelde_zonder, per_code["beleid"].paren_zonder) == (0.0, 10)
    assert per_code["missie"].paren_met is None  # still one organisation


def test_methode_en_jaar_filteren(twee_werkplaatsen, settings):
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 4
    w = twee_werkplaatsen
    # Buurtzorg Vaals takes part with IRB only: for Het Gesprek, Zuid has three organisations and is withheld.
    gegevens = landelijk_onderzoek(jaar=2014, methode=w.hg)
    assert [(t.naam, t.organisaties, t.getoond) for t in gegevens.werkplaatsen] == [
        ("Wmo-werkplaats Noord", 6, True),
        ("Wmo-werkplaats Zuid", 3, False),
    ]
    # 2015: only Noorderlicht's pair R2-R3 has its later round in 2015: one organisation, withheld.
    gegevens = landelijk_onderzoek(jaar=2015)
    assert gegevens.rijen == []
    assert [(t.naam, t.organisaties, t.getoond) for t in gegevens.werkplaatsen] == [("Wmo-werkplaats Noord", 1, False)]
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 1
    missie = next(r for r in landelijk_onderzoek(jaar=2015).rijen if r.element_code == "missie")
    assert (missie.datum_voor, missie.datum_na, missie.score_voor, missie.score_na, missie.aantal_acties) == (
        R2,
        R3,
        4,
        5,
        0,
    )
    beleid = next(r for r in landelijk_onderzoek(jaar=2015).rijen if r.element_code == "beleid")
    assert [a.gereed_op for a in beleid.acties] == [D(2014, 12, 1)]
    # Without a year: the trajectories running today; these ended in 2015.
    assert landelijk_onderzoek().werkplaatsen == []


def test_pseudoniemen_vast_en_gelijk_aan_de_trajectexport(twee_werkplaatsen):
    w = twee_werkplaatsen
    eerste = {r.organisatie for r in landelijk_onderzoek(jaar=2014).rijen}
    assert eerste == {r.organisatie for r in landelijk_onderzoek(jaar=2014).rijen}
    assert eerste == {onderzoek.pseudoniem(w.orgs[naam].pk) for naam, *_ in NOORD}
    traject = onderzoek.onderzoek_rijen(w.traject_noord, Ronde.objects.all(), pseudoniemen=True)
    assert {r.organisatie for r in traject} == eerste
    assert {r.team for r in traject} == {"", onderzoek.team_pseudoniem(w.team.pk)}


# What leaves: the downloads and the API ------------------------------------------------------------------------

NAMEN = [
    *(naam for naam, *_ in NOORD + ZUID),
    *PERSONEN,
    TEAM,
    "Noord 2014-2015",  # trajectories may carry an organisation's name: not in the export
    "Teamleider",
    "Gesprek met",
    "Nog bezig",
    "trekt het",
]


def _tekst_van(response) -> str:
    if response["Content-Type"].startswith("text/csv"):
        return response.content.decode("utf-8-sig")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archief:
        return "".join(archief.read(naam).decode("utf-8", "replace") for naam in archief.namelist())


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_download_zonder_namen_en_vrije_tekst(client, twee_werkplaatsen, settings, formaat):
    settings.LANDELIJK_MINIMUM_ORGANISATIES = 4  # Zuid's rows too
    client.force_login(landelijk_gebruiker(username="landelijk"))
    response = client.get(reverse("rapportage:landelijk_onderzoek"), {"jaar": "2014", "_export": formaat})
    assert response.status_code == 200
    tekst = _tekst_van(response)
    for naam in NAMEN:
        assert naam not in tekst, naam
    assert (
        "Wmo-werkplaats Zuid" in tekst and onderzoek.pseudoniem(twee_werkplaatsen.orgs["Buurtzorg Vaals"].pk) in tekst
    )


def test_csv_kolommen_en_getallen(client, twee_werkplaatsen):
    w = twee_werkplaatsen
    client.force_login(landelijk_gebruiker(username="landelijk"))
    response = client.get(reverse("rapportage:landelijk_onderzoek"), {"jaar": "2014", "_export": "csv"})
    regels = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert regels[0] == [
        "Werkplaats",
        "Methode(n)",
        "Organisatie (pseudoniem)",
        "Soort organisatie",
        "Team (pseudoniem)",
        "Elementcode",
        "Element",
        "Datum ronde ervoor",
        "Datum ronde erna",
        "Score ervoor",
        "Score erna",
        "Verschil",
        "Maanden ertussen",
        "Acties gereed (aantal)",
        "Acties gereed (data)",
        "Innovators en early adopters",
        "Illustratief",
    ]
    noorderlicht = onderzoek.pseudoniem(w.orgs["Zorggroep Noorderlicht"].pk)
    missie = next(r for r in regels[1:] if r[2] == noorderlicht and r[5] == "missie")
    assert missie == [
        "Wmo-werkplaats Noord",
        HG,
        noorderlicht,
        ACHTERGEHOUDEN,
        "",
        "missie",
        "Missie",
        "2014-03-01",
        "2014-09-01",
        "2",
        "4",
        "2",
        "6.0",
        "2",
        "2014-05-01; 2014-06-15",
        "Deels",
        "nee",
    ]
    assert len(regels) == 1 + len(landelijk_onderzoek(jaar=2014).rijen)


def test_xlsx_getallen_blijven_getallen(client, twee_werkplaatsen):
    client.force_login(UserFactory(username="beheer", is_staff=True, is_superuser=True))
    response = client.get(reverse("rapportage:landelijk_onderzoek"), {"jaar": "2014", "_export": "xlsx"})
    blad = openpyxl.load_workbook(io.BytesIO(response.content)).active
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert {type(rij[9]) for rij in waarden[1:] if rij[9] is not None} == {int}
    assert all(isinstance(rij[7], datetime.datetime) for rij in waarden[1:])


def test_pagina_toont_samenvatting_en_achtergehouden_werkplaats(
    client, twee_werkplaatsen, django_assert_max_num_queries
):
    client.force_login(landelijk_gebruiker(username="landelijk"))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("rapportage:landelijk_onderzoek"), {"jaar": "2014"})
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "7 paren opeenvolgende rondes" in tekst
    assert "nee: minder dan 5 organisaties" in tekst and "ja, 6 organisaties" in tekst
    assert "niet getoond: te weinig organisaties" in tekst  # the means with actions
    assert "niet de omschrijvingen" in tekst  # the page says what is left out
    for naam in NAMEN:
        assert naam not in tekst, naam


@pytest.mark.parametrize(
    ("params", "veld"), [({"onbekend": "1"}, None), ({"jaar": "1999"}, "jaar"), ({"_export": "pdf"}, "_export")]
)
def test_foute_parameter_400(client, twee_werkplaatsen, params, veld):
    client.force_login(landelijk_gebruiker(username="landelijk"))
    response = client.get(reverse("rapportage:landelijk_onderzoek"), params)
    assert response.status_code == 400
    form = response.context["form"]
    assert (veld in form.errors) if veld else form.non_field_errors() == ["Onbekende parameter: onbekend."]


@pytest.mark.parametrize("rol", ["coordinator", "leider"])
def test_alleen_landelijke_rol_en_beheerder(client, twee_werkplaatsen, rol):
    w = twee_werkplaatsen
    user = coordinator_van(w.noord) if rol == "coordinator" else leider_van(w.orgs["CJG Dokkum"])
    client.force_login(user)
    assert client.get(reverse("rapportage:landelijk_onderzoek")).status_code == 403
    assert client.get(reverse("api:landelijk-onderzoek-list"), {"jaar": "2014"}).status_code == 403


def test_landelijk_overzicht_linkt_naar_het_onderzoek(client, twee_werkplaatsen):
    client.force_login(landelijk_gebruiker(username="landelijk"))
    assert reverse("rapportage:landelijk_onderzoek") in client.get(reverse("rapportage:landelijk")).content.decode()
    client.force_login(coordinator_van(twee_werkplaatsen.noord, username="c2"))
    assert reverse("rapportage:landelijk_onderzoek") not in client.get(reverse("rapportage:landelijk")).content.decode()


@pytest.fixture
def _geen_telling():
    cache.clear()  # the API's throttle counts in the default cache
    yield
    cache.clear()


def test_api_met_token_van_de_landelijke_rol(client, twee_werkplaatsen, _geen_telling):
    token = api_token_aanmaken(user=landelijk_gebruiker(username="landelijk"), naam="R")[1]
    headers = {"Authorization": f"Bearer {token}"}
    response = client.get(
        reverse("api:landelijk-onderzoek-list"), {"jaar": "2014", "per_pagina": 1000}, headers=headers
    )
    assert response.status_code == 200
    data = response.json()
    rijen = landelijk_onderzoek(jaar=2014).rijen
    assert data["count"] == len(rijen)
    noorderlicht = onderzoek.pseudoniem(twee_werkplaatsen.orgs["Zorggroep Noorderlicht"].pk)
    missie = next(r for r in data["results"] if r["organisatie"] == noorderlicht and r["element_code"] == "missie")
    assert missie == {
        "werkplaats": "Wmo-werkplaats Noord",
        "methoden": [HG],
        "organisatie": noorderlicht,
        "organisatie_soort": ACHTERGEHOUDEN,
        "team": "",
        "element_code": "missie",
        "element": "Missie",
        "datum_voor": "2014-03-01",
        "datum_na": "2014-09-01",
        "score_voor": 2,
        "score_na": 4,
        "verschil": 2,
        "maanden": 6.0,
        "aantal_acties": 2,
        "acties_gereed_op": ["2014-05-01", "2014-06-15"],
        "vernieuwers": "Deels",
        "illustratief": False,
    }
    for naam in NAMEN:
        assert naam not in response.content.decode(), naam


@pytest.mark.parametrize(
    ("params", "antwoord"),
    [
        ({"jaar": "twee"}, {"jaar": "Geef een geheel getal."}),
        ({"pseudoniem": "true"}, {"pseudoniem": "Onbekende parameter."}),
        ({"jaar": "1999"}, {"jaar": ["Zorg ervoor dat deze waarde minstens 2000 is."]}),
    ],
)
def test_api_foute_parameters_400(client, twee_werkplaatsen, _geen_telling, params, antwoord):
    token = api_token_aanmaken(user=landelijk_gebruiker(username="landelijk"), naam="R")[1]
    response = client.get(reverse("api:landelijk-onderzoek-list"), params, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.json() == antwoord


def _nog_een_organisatie(w, n):
    org = OrganisatieFactory(werkplaats=w.noord)
    DeelnameFactory(traject=w.traject_noord, organisatie=org, methoden=[w.hg])
    rondes = [_ronde(org, 1 + i % 4, 2, D(2014, 2 + 2 * i, 1)) for i in range(n)]
    _actie(rondes[0], "missie", "x", D(2014, 3, 1))


def test_aantal_queries_hangt_niet_af_van_de_omvang(client, twee_werkplaatsen, _geen_telling):
    w = twee_werkplaatsen
    token = api_token_aanmaken(user=landelijk_gebruiker(username="landelijk"), naam="R")[1]
    headers = {"Authorization": f"Bearer {token}"}
    client.force_login(landelijk_gebruiker(username="landelijk2"))
    url, api = reverse("rapportage:landelijk_onderzoek"), reverse("api:landelijk-onderzoek-list")
    client.get(api, {"jaar": "2014"}, headers=headers)  # the token's first use writes `laatst_gebruikt_op`
    with CaptureQueriesContext(connection) as pagina_klein, CaptureQueriesContext(connection):
        client.get(url, {"jaar": "2014"})
    with CaptureQueriesContext(connection) as api_klein:
        client.get(api, {"jaar": "2014"}, headers=headers)
    _nog_een_organisatie(w, 3)
    _nog_een_organisatie(w, 5)
    with CaptureQueriesContext(connection) as pagina_groot:
        assert client.get(url, {"jaar": "2014"}).status_code == 200
    with CaptureQueriesContext(connection) as api_groot:
        assert client.get(api, {"jaar": "2014"}, headers=headers).json()["count"] > 7 * 8
    assert len(pagina_groot) == len(pagina_klein)
    assert len(api_groot) == len(api_klein)
    with CaptureQueriesContext(connection) as alleen:
        landelijk_onderzoek(jaar=2014)
    assert len(alleen) == 5
