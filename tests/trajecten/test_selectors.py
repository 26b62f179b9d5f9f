import pytest
from django.db.models import Prefetch

from scholing.selectors import traject_cijfers
from tests.factories import MethodeFactory, TrajectFactory
from trajecten import services
from trajecten.models import Streefwaarde, Traject
from trajecten.selectors import streefwaarden

pytestmark = pytest.mark.django_db


@pytest.fixture
def traject(world):
    methoden = [MethodeFactory(naam=naam, korte_naam=naam) for naam in ("HG", "IRB", "TS")]
    traject = TrajectFactory(werkplaats=world.werkplaats, methoden=methoden)
    for methode in methoden:  # the end report's 1.3.3: 30 professionals per method, each with two buddies
        streefwaarde(traject, "professionals", 30, methode=methode)
    streefwaarde(traject, "buddies_per_deelnemer", 2, formulering="minimaal")
    streefwaarde(traject, "implementatieleiders", 12)
    return traject


def streefwaarde(traject, indicator, waarde, **velden):
    return services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator=indicator, waarde=waarde, **velden)
    )


def test_totalen_worden_afgeleid_van_de_streefwaarden_per_methode(traject):
    doelen = streefwaarden(traject)
    assert doelen.totalen["professionals"] == 90 and doelen.opgeteld == {"professionals"}
    assert doelen.totalen["implementatieleiders"] == 12 and doelen.totalen["vrijwilligers"] is None
    assert (doelen.buddies, doelen.professionals_met_buddies) == (180, 270)
    assert len(doelen.rijen) == 5


def test_regels_van_de_trajectpagina(traject):
    regels = [(r.indicator, r.waarde, r.afgeleid) for r in streefwaarden(traject).regels()]
    assert regels == [
        ("professionals geschoold", 30, False),
        ("professionals geschoold", 30, False),
        ("professionals geschoold", 30, False),
        ("professionals geschoold totaal", 90, True),
        ("buddy's per deelnemer", 2, False),
        ("implementatieleiders geschoold", 12, False),
        ("buddy's totaal", 180, True),
        ("professionals en hun buddy's samen", 270, True),
    ]


def test_een_vastgelegd_totaal_gaat_voor_de_som(traject):
    streefwaarde(traject, "professionals", 100)
    doelen = streefwaarden(traject)
    assert doelen.totalen["professionals"] == 100 and doelen.opgeteld == set()
    assert doelen.professionals_met_buddies == 300
    assert "professionals geschoold totaal" not in [r.indicator for r in doelen.regels()]


def test_zonder_streefwaarden_is_er_niets_af_te_leiden(world):
    doelen = streefwaarden(TrajectFactory(werkplaats=world.werkplaats))
    assert set(doelen.totalen.values()) == {None}
    assert doelen.buddies is None and doelen.professionals_met_buddies is None and doelen.regels() == []


def test_voorgeladen_streefwaarden_kosten_geen_query(traject, django_assert_num_queries):
    traject = Traject.objects.prefetch_related(
        Prefetch("streefwaarden", queryset=Streefwaarde.objects.select_related("methode"))
    ).get(pk=traject.pk)
    with django_assert_num_queries(0):
        streefwaarden(traject).regels()


def test_de_cijfers_nemen_de_streefwaarden_van_de_selector(traject):
    """One rule: the dashboard and the end report (through traject_cijfers) show the same targets as the page."""
    doelen, cijfers = streefwaarden(traject), traject_cijfers(traject)
    assert cijfers.streefwaarden == doelen.totalen
    assert cijfers.buddies_streefwaarde_totaal == doelen.professionals_met_buddies == 270
