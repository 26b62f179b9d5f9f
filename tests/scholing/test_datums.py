"""Dates inside the trajectory: a form's default falls inside the trajectory's period, and a date outside it is refused
next to the field (issue 15 item 5). The trajectory of `opzet` runs 2014-2015, long before today (as in the demo)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from scholing import services
from scholing.models import Bijeenkomst, Buddy, Implementatieleider, Inschrijving
from tests.scholing.test_views import START, opzet  # noqa: F401
from trajecten.forms import buiten_traject, datum_in_traject

pytestmark = pytest.mark.django_db

BUITEN = "Deze datum valt buiten het traject Traject Test (1-1-2014 tot en met 31-12-2015)"


def test_standaarddatum_valt_in_het_traject(opzet):  # noqa: F811
    traject = opzet.traject
    assert datum_in_traject(traject, vandaag=datetime.date(2014, 6, 1)) == datetime.date(2014, 6, 1)
    assert datum_in_traject(traject, vandaag=datetime.date(2026, 1, 1)) == traject.startdatum
    assert datum_in_traject(traject, vandaag=datetime.date(2013, 1, 1)) == traject.startdatum
    assert datum_in_traject(traject, vandaag=datetime.date(2026, 1, 1), einde=True) == traject.einddatum
    assert datum_in_traject(traject, vanaf=START, vandaag=datetime.date(2014, 1, 5)) == START
    assert buiten_traject(traject, traject.einddatum) is None
    assert BUITEN in buiten_traject(traject, datetime.date(2016, 1, 1))


def initial(response, veld):
    form = response.context["form"] if "form" in response.context else response.context["buddy_form"]
    return form[veld].value()


def test_formulieren_stellen_een_datum_binnen_het_traject_voor(client, opzet):  # noqa: F811
    client.force_login(opzet.world.coordinator)
    anna, traject = opzet.anna, opzet.traject
    assert datetime.date.today() > traject.einddatum
    inschrijven = client.get(reverse("scholing:inschrijving_create", kwargs={"pk": anna.pk}))
    assert initial(inschrijven, "startdatum") == traject.startdatum
    bijeenkomst = client.get(reverse("scholing:bijeenkomst_create", kwargs={"pk": traject.pk}))
    assert initial(bijeenkomst, "datum") == traject.startdatum
    leider = client.get(reverse("scholing:implementatieleider_create", kwargs={"pk": anna.pk}))
    assert initial(leider, "actief_vanaf") == traject.startdatum
    buddy = client.get(anna.get_absolute_url())
    assert initial(buddy, "vanaf") == START  # not before the enrolment started
    afmelden = client.get(reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk}))
    assert initial(afmelden, "datum") == traject.einddatum  # an end after the trajectory: its last day
    afronden = client.get(reverse("scholing:inschrijving_afronden", kwargs={"pk": opzet.inschrijving_anna.pk}))
    assert initial(afronden, "datum") == traject.einddatum


def test_terugkeren_stelt_de_dag_na_de_uitval_voor(client, opzet):  # noqa: F811
    services.deelnemer_afmelden(inschrijving=opzet.inschrijving_anna, datum=datetime.date(2014, 9, 1), reden="te_druk")
    client.force_login(opzet.world.coordinator)
    response = client.get(reverse("scholing:inschrijving_hervatten", kwargs={"pk": opzet.inschrijving_anna.pk}))
    assert initial(response, "datum") == datetime.date(2014, 9, 2)


def test_stoppen_stelt_een_datum_binnen_het_traject_voor(client, opzet):  # noqa: F811
    leider = services.implementatieleider_opslaan(
        leider=Implementatieleider(persoon=opzet.anna, traject=opzet.traject, functie="manager", actief_vanaf=START)
    )
    client.force_login(opzet.world.coordinator)
    response = client.get(reverse("scholing:implementatieleider_stoppen", kwargs={"pk": leider.pk}))
    assert initial(response, "datum") == opzet.traject.einddatum


def fout(response, veld, formulier="form"):
    return " ".join(response.context[formulier].errors.get(veld, []))


def test_datum_buiten_het_traject_wordt_geweigerd_naast_het_veld(client, opzet):  # noqa: F811
    client.force_login(opzet.world.coordinator)
    anna, traject = opzet.anna, opzet.traject
    gevallen = [
        (
            reverse("scholing:inschrijving_create", kwargs={"pk": anna.pk}),
            {"groep": opzet.groep.pk, "startdatum": "2026-12-03"},
            "startdatum",
            "form",
        ),
        (
            reverse("scholing:bijeenkomst_create", kwargs={"pk": traject.pk}),
            {"soort": "basistraining", "datum": "2013-12-31", "dagdelen": 1},
            "datum",
            "form",
        ),
        (
            reverse("scholing:implementatieleider_create", kwargs={"pk": anna.pk}),
            {"traject": traject.pk, "functie": "manager", "actief_vanaf": "2016-01-01"},
            "actief_vanaf",
            "form",
        ),
        (
            reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk}),
            {"datum": "2026-12-03", "reden": "te_druk"},
            "datum",
            "form",
        ),
        (
            reverse("scholing:inschrijving_update", kwargs={"pk": opzet.inschrijving_anna.pk}),
            {"startdatum": "2016-02-01", "versie": opzet.inschrijving_anna.versie},
            "startdatum",
            "form",
        ),
        (
            anna.get_absolute_url(),
            {
                "buddy-inschrijving": opzet.inschrijving_anna.pk,
                "buddy-naam": "Piet",
                "buddy-aantal": 1,
                "buddy-vanaf": "2026-12-03",
            },
            "vanaf",
            "buddy_form",
        ),
    ]
    for url, data, veld, formulier in gevallen:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert BUITEN in fout(response, veld, formulier), url
        assert BUITEN in response.content.decode(), url
    assert Inschrijving.objects.count() == 2 and not Implementatieleider.objects.exists()
    assert Bijeenkomst.objects.count() == 1 and not Buddy.objects.exists()
    opzet.inschrijving_anna.refresh_from_db()
    assert opzet.inschrijving_anna.status == Inschrijving.Status.ACTIEF and opzet.inschrijving_anna.startdatum == START


def test_datum_op_de_laatste_dag_van_het_traject_mag(client, opzet):  # noqa: F811
    client.force_login(opzet.world.coordinator)
    url = reverse("scholing:inschrijving_afmelden", kwargs={"pk": opzet.inschrijving_anna.pk})
    response = client.post(url, {"datum": "2015-12-31", "reden": "te_druk"})
    assert response.status_code == 302
