import datetime

import pytest

from quickscan import selectors, services
from quickscan.models import Actie, Element, QuickscanInstelling
from tests.factories import OrganisatieFactory, maak_ronde
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db
PEILDATUM = datetime.date(2015, 1, 1)


def test_cadans_volgt_laatste_afgeronde_ronde():
    zonder = OrganisatieFactory(naam="Zonder ronde")
    werkplaats = zonder.werkplaats
    op_schema = OrganisatieFactory(werkplaats=werkplaats, naam="Op schema")
    nu = OrganisatieFactory(werkplaats=werkplaats, naam="Nu")
    te_laat = OrganisatieFactory(werkplaats=werkplaats, naam="Te laat")
    maak_ronde(op_schema, {"missie": 3}, afronden=True, datum=datetime.date(2014, 11, 1))
    maak_ronde(nu, {"missie": 3}, afronden=True, datum=datetime.date(2014, 9, 15))
    maak_ronde(te_laat, {"missie": 3}, afronden=True, datum=datetime.date(2014, 8, 1))
    maak_ronde(te_laat, {"missie": 3}, datum=datetime.date(2014, 12, 1))  # a concept does not count
    statussen = {c.organisatie.naam: c.status for c in selectors.cadans(Organisatie.objects.all(), PEILDATUM)}
    assert statussen == {"Zonder ronde": "geen", "Op schema": "op_schema", "Nu": "nu", "Te laat": "te_laat"}
    volgorde = [c.organisatie.naam for c in selectors.cadans(Organisatie.objects.all(), PEILDATUM)]
    assert volgorde == ["Te laat", "Nu", "Zonder ronde", "Op schema"]


def test_cadans_is_instelbaar_per_werkplaats():
    organisatie = OrganisatieFactory()
    maak_ronde(organisatie, {"missie": 3}, afronden=True, datum=datetime.date(2014, 8, 1))
    assert selectors.cadans(Organisatie.objects.all(), PEILDATUM)[0].status == "te_laat"
    services.instelling_opslaan(
        instelling=QuickscanInstelling(werkplaats=organisatie.werkplaats, interval_maanden=5, te_laat_na_maanden=6)
    )
    cadans = selectors.cadans(Organisatie.objects.all(), PEILDATUM)[0]
    assert cadans.status == "nu" and cadans.volgende == datetime.date(2015, 1, 1)


@pytest.mark.parametrize(
    ("laatste", "volgende", "te_laat"),
    [
        (datetime.date(2014, 5, 9), datetime.date(2014, 8, 9), datetime.date(2014, 9, 9)),
        (datetime.date(2014, 11, 30), datetime.date(2015, 2, 28), datetime.date(2015, 3, 30)),  # end of February
        (datetime.date(2015, 10, 31), datetime.date(2016, 1, 31), datetime.date(2016, 2, 29)),  # leap year
    ],
)
def test_cadans_telt_hele_maanden_en_blijft_in_korte_maanden(laatste, volgende, te_laat):
    maak_ronde(OrganisatieFactory(), {"missie": 3}, afronden=True, datum=laatste)
    (cadans,) = selectors.cadans(Organisatie.objects.all(), laatste)
    assert (cadans.laatste, cadans.volgende, cadans.te_laat_vanaf) == (laatste, volgende, te_laat)
    assert cadans.status == "op_schema"


def test_voortgang_toont_verschil_en_acties_die_tussendoor_gereed_kwamen():
    organisatie = OrganisatieFactory()
    eerste = maak_ronde(organisatie, {"beleid": 2, "missie": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    beleid = Element.objects.get(instrument=eerste.instrument, code="beleid")
    gereed = services.actie_opslaan(
        actie=Actie(
            ronde=eerste,
            element=beleid,
            omschrijving="Beleidsplan aanpassen",
            eigenaar="Manager",
            deadline=datetime.date(2014, 9, 1),
            status=Actie.Status.GEREED,
            gereed_op=datetime.date(2014, 8, 20),
        )
    )
    services.actie_opslaan(
        actie=Actie(
            ronde=eerste,
            element=beleid,
            omschrijving="Nog bezig",
            eigenaar="Manager",
            deadline=datetime.date(2015, 1, 1),
        )
    )
    tweede = maak_ronde(organisatie, {"beleid": 3, "missie": 3}, afronden=True, datum=datetime.date(2014, 10, 7))
    assert selectors.vorige_ronde(tweede) == eerste
    assert selectors.volgnummer(tweede) == 2
    rows = {row.element.code: row for row in selectors.voortgang(tweede, eerste)}
    assert (rows["beleid"].vorige, rows["beleid"].score, rows["beleid"].verschil) == (2, 3, 1)
    assert rows["beleid"].acties_gereed == [gereed]
    assert [a.omschrijving for a in rows["beleid"].acties_open] == ["Nog bezig"]
    assert rows["missie"].verschil == 0
    assert rows["netwerk"].verschil is None  # never scored: missing, not 0


def test_overzicht_neemt_laatste_afgeronde_ronde_en_sorteert_op_zwakste():
    a = OrganisatieFactory(naam="A")
    b = OrganisatieFactory(naam="B", werkplaats=a.werkplaats)
    maak_ronde(a, {"missie": 1}, afronden=True, datum=datetime.date(2014, 5, 1))
    maak_ronde(a, {"missie": 4, "beleid": 3}, afronden=True, datum=datetime.date(2014, 9, 1))
    maak_ronde(b, {"missie": 2}, afronden=True, datum=datetime.date(2014, 5, 1))
    elementen, rijen = selectors.overzicht(Organisatie.objects.all())
    assert [e.code for e in elementen][:2] == ["missie", "uitgangspunten"]
    assert [(r.naam, r.scores["missie"], r.scores["uitgangspunten"]) for r in rijen] == [("A", 4, None), ("B", 2, None)]
    assert [r.naam for r in selectors.overzicht(Organisatie.objects.all(), sorteer="zwakst")[1]] == ["B", "A"]
    assert [r.naam for r in selectors.overzicht(Organisatie.objects.all(), sorteer="beleid")[1]] == ["A", "B"]
