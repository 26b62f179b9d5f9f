import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from rapportage import charts
from scholing import services as scholing_services
from scholing.models import Implementatieleider, Persoon, Scholingsgroep
from trajecten import services as traject_services
from trajecten.models import Deelname, Methode, Streefwaarde, Traject

pytestmark = pytest.mark.django_db
START = datetime.date(2014, 1, 1)


@pytest.fixture
def traject(world):
    gesprek = Methode.objects.create(naam="Het Gesprek", korte_naam="Het Gesprek")
    traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject 2014-2015",
            startdatum=START,
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[gesprek],
        methoden=[gesprek],
    )
    for organisatie in (world.org_a, world.org_b):
        traject_services.deelname_opslaan(
            deelname=Deelname(traject=traject, organisatie=organisatie, vanaf=START), methoden=[gesprek]
        )
    traject_services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="professionals", methode=gesprek, waarde=4)
    )
    traject_services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=traject, indicator="buddies_per_deelnemer", waarde=2, formulering="minimaal")
    )
    groep = scholing_services.groep_opslaan(groep=Scholingsgroep(traject=traject, methode=gesprek, nummer=1))
    for i, organisatie in enumerate([world.org_a, world.org_a, world.org_b]):
        persoon = scholing_services.persoon_opslaan(persoon=Persoon(organisatie=organisatie, naam=f"Deelnemer {i}"))
        inschrijving = scholing_services.deelnemer_inschrijven(
            persoon=persoon, groep=groep, startdatum=datetime.date(2014, 3, 1)
        )
        scholing_services.buddy_toevoegen(
            inschrijving=inschrijving, naam=f"Collega {i}", vanaf=datetime.date(2014, 4, 1)
        )
    leider = scholing_services.persoon_opslaan(
        persoon=Persoon(organisatie=world.org_a, naam="Leider A", soort="manager")
    )
    scholing_services.implementatieleider_opslaan(
        leider=Implementatieleider(persoon=leider, traject=traject, functie="manager", actief_vanaf=START)
    )
    return traject


def test_dashboard_toont_streefwaarden_tegen_gerealiseerd(client, world, traject):
    client.force_login(world.coordinator)
    response = client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk}), {"peildatum": "2015-12-31"})
    assert response.status_code == 200
    cijfers = response.context["cijfers"]
    assert cijfers.professionals_totaal == 3 and cijfers.buddies_totaal == 3 and cijfers.deelnemers_onder_minimum == 3
    doelen = {d.code: (d.streefwaarde, d.gerealiseerd) for d in cijfers.doelen}
    assert doelen["professionals"] == (4, 3) and doelen["buddies"] == (8, 3)
    content = response.content.decode()
    assert 'aria-valuenow="75"' in content  # 3 of 4 professionals
    assert (
        "3 deelnemers hebben minder dan twee buddy&#x27;s." in content
        or "3 deelnemers hebben minder dan twee buddy's." in content
    )
    assert '-verloop-professionals"' in content  # the retention chart is inlined (ids prefixed), with its table
    assert "De cijfers van de grafiek als tabel" in content


def test_peildatum_verschuift_de_cijfers(client, world, traject):
    client.force_login(world.coordinator)
    url = reverse("rapportage:dashboard", kwargs={"pk": traject.pk})
    assert client.get(url, {"peildatum": "2014-02-01"}).context["cijfers"].professionals_totaal == 0
    assert client.get(url, {"peildatum": "2014-03-15"}).context["cijfers"].buddies_totaal == 0
    assert client.get(url, {"peildatum": "2014-04-15"}).context["cijfers"].buddies_totaal == 3


@pytest.mark.parametrize("peildatum", ["gisteren", "2013-12-31", "2014-13-01"])
def test_foute_peildatum_geeft_400_met_melding(client, world, traject, peildatum):
    client.force_login(world.coordinator)
    response = client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk}), {"peildatum": peildatum})
    assert response.status_code == 400
    assert response.context["form"].errors["peildatum"]


def test_leider_ziet_totalen_maar_alleen_eigen_organisatieregel(client, world, traject):
    client.force_login(world.leider_a)
    response = client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk}))
    assert [o.organisatie for o in response.context["organisaties"]] == [world.org_a]
    assert "Organisatie B" not in response.content.decode()


def test_traject_van_andere_werkplaats_is_onzichtbaar(client, world, traject):
    traject.werkplaats = world.andere_werkplaats
    traject.save()
    client.force_login(world.coordinator)
    assert client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk})).status_code == 404


@pytest.mark.parametrize("extra", [0, 40])
def test_dashboard_querys_groeien_niet_met_de_data(client, world, traject, django_assert_max_num_queries, extra):
    groep = traject.groepen.get()
    for i in range(extra):
        persoon = scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_b, naam=f"Extra {i}"))
        inschrijving = scholing_services.deelnemer_inschrijven(persoon=persoon, groep=groep, startdatum=START)
        scholing_services.buddy_toevoegen(inschrijving=inschrijving, naam="Team", is_team=True, aantal=5, vanaf=START)
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("rapportage:dashboard", kwargs={"pk": traject.pk}), {"peildatum": "2015-12-31"})
    assert response.context["cijfers"].professionals_totaal == 3 + extra


def test_verloopgrafiek_heeft_een_lijn_per_reeks_met_de_juiste_waarden():
    rijen = [(datetime.date(2014, m, 1), m, 10 * m, 18 - m) for m in range(1, 7)]
    svg = charts.verloop_svg(rijen)
    assert svg.startswith("<svg")
    ids = {g.get("id") for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g")}
    assert {"verloop-professionals", "verloop-buddies", "verloop-leiders"} <= ids
    assert "jun 2014" in svg and ">60<" in svg.replace("</tspan>", "<")  # last buddy value is labelled
    assert charts.verloop_svg(rijen) == svg  # deterministic
    assert "Nog geen gegevens" in charts.verloop_svg([])


def test_grafieken_worden_gecached_op_hun_data(monkeypatch):
    rijen = [(datetime.date(2014, m, 1), m, 2 * m, 3) for m in range(1, 5)]
    eerste = charts.verloop_svg(rijen)

    def niet_opnieuw_tekenen(*args, **kwargs):
        raise AssertionError("the same data was drawn again")

    import matplotlib.figure

    monkeypatch.setattr(matplotlib.figure, "Figure", niet_opnieuw_tekenen)  # imported where a chart is drawn
    assert charts.verloop_svg(list(rijen)) == eerste
    with pytest.raises(AssertionError):
        charts.verloop_svg([*rijen, (datetime.date(2014, 6, 1), 9, 9, 9)])  # new data is drawn
