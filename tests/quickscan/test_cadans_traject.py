"""The cadence belongs to a trajectory (quickscan.selectors.cadans, the one rule the home page, the overview and the
reminders share): after a trajectory has ended nothing is due or overdue."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from quickscan import herinneringen, selectors
from tests.factories import DeelnameFactory, OrganisatieFactory, TrajectFactory, maak_ronde
from werkplaats.models import Organisatie

pytestmark = pytest.mark.django_db

TIJDENS = datetime.date(2015, 1, 1)  # inside the factory trajectory 2014-2015
NA_AFLOOP = datetime.date(2016, 3, 1)


def statussen(peildatum):
    return {c.organisatie.naam: c.status for c in selectors.cadans(Organisatie.objects.all(), peildatum)}


@pytest.fixture
def deelnemers():
    traject = TrajectFactory()
    laat = DeelnameFactory(traject=traject, organisatie__naam="Laat").organisatie
    maak_ronde(laat, {"missie": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    DeelnameFactory(traject=traject, organisatie__naam="Zonder ronde")
    gestopt = DeelnameFactory(traject=traject, organisatie__naam="Gestopt", gestopt_op=datetime.date(2014, 9, 1))
    maak_ronde(gestopt.organisatie, {"missie": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    los = OrganisatieFactory(werkplaats=traject.werkplaats, naam="Zonder traject")
    maak_ronde(los, {"missie": 3}, afronden=True, datum=datetime.date(2014, 5, 9))
    return traject


def test_tijdens_het_traject_telt_de_gewone_cadans(deelnemers):
    assert statussen(TIJDENS) == {
        "Laat": "te_laat",
        "Zonder ronde": "geen",
        "Gestopt": "buiten_traject",  # its participation stopped
        "Zonder traject": "te_laat",  # in no trajectory at all: the werkplaats's plain cadence
    }


def test_na_afloop_van_het_traject_is_niets_te_laat(deelnemers):
    cadansen = selectors.cadans(Organisatie.objects.all(), NA_AFLOOP)
    per_naam = {c.organisatie.naam: c for c in cadansen}
    assert {naam: c.status for naam, c in per_naam.items() if naam != "Zonder traject"} == dict.fromkeys(
        ["Laat", "Zonder ronde", "Gestopt"], "buiten_traject"
    )
    assert not any(c.aandacht for naam, c in per_naam.items() if naam != "Zonder traject")
    assert per_naam["Laat"].laatste == datetime.date(2014, 5, 9) and per_naam["Laat"].volgende is None
    assert [c.organisatie.naam for c in cadansen][-1] != "Zonder traject"  # out-of-trajectory rows sort last


def test_herinneringen_volgen_dezelfde_regel(deelnemers):
    # Whom the reminders tell is the set of organisations the cadence calls running.
    lopend = set(herinneringen.lopende_organisaties(TIJDENS).values_list("naam", flat=True))
    assert lopend == {"Laat", "Zonder ronde"}
    assert herinneringen.lopende_organisaties(NA_AFLOOP).count() == 0


def test_home_en_overzicht_tonen_geen_rood_na_afloop(client, world):
    traject = TrajectFactory(werkplaats=world.werkplaats)
    DeelnameFactory(traject=traject, organisatie=world.org_a)
    DeelnameFactory(traject=traject, organisatie=world.org_b)
    client.force_login(world.coordinator)  # today is after the trajectory 2014-2015
    content = client.get(reverse("werkplaats:home")).content.decode()
    assert "text-bg-danger" not in content and "Geen organisatie neemt nu deel aan een lopend traject" in content
    content = client.get(reverse("quickscan:overzicht")).content.decode()
    assert "geen lopend traject" in content and "text-bg-danger" not in content
