"""Quickscan reminders at the edges of the cadence, and the coordinators' weekly digest.

The world's organisation A submitted a round on 9 May 2014 (and has a concept of 7 October); the cadence is the
default (due after 3 months: 9 August, overdue after 4: 9 September). A and B take part in a trajectory that runs.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.utils import timezone

from quickscan import herinneringen
from quickscan.models import Ronde
from tests.factories import DeelnameFactory, TrajectFactory, maak_ronde
from werkplaats import services
from werkplaats.models import Mailbericht, User

pytestmark = pytest.mark.django_db

NU = datetime.date(2014, 8, 9)
TE_LAAT = datetime.date(2014, 9, 9)


@pytest.fixture
def lopend(world, settings):
    settings.SITE_URL = "http://testserver"
    traject = TrajectFactory(
        werkplaats=world.werkplaats,
        startdatum=datetime.date(2014, 1, 1),
        einddatum=datetime.date.today() + datetime.timedelta(days=365),
    )
    for organisatie in (world.org_a, world.org_b):
        DeelnameFactory(traject=traject, organisatie=organisatie, vanaf=datetime.date(2014, 1, 1))
    for user, adres in (
        (world.leider_a, "a@example.nl"),
        (world.leider_b, "b@example.nl"),
        (world.coordinator, "c@example.nl"),
    ):
        User.objects.filter(pk=user.pk).update(email=adres)
    # The concept round would be nudged on any day far enough after it was made; here it was made today.
    return world


@pytest.fixture
def versturen(django_capture_on_commit_callbacks):
    def uitvoeren(peildatum):
        with django_capture_on_commit_callbacks(execute=True):
            return herinneringen.herinneringen_versturen(peildatum)

    return uitvoeren


def soorten(peildatum):
    return sorted(
        (h.soort, h.organisatie.naam, h.leider.username) for h in herinneringen.herinneringen_bepalen(peildatum)
    )


def test_niets_voor_de_dag_dat_de_ronde_aan_de_beurt_is(lopend):
    assert soorten(NU - datetime.timedelta(days=1)) == []


def test_mail_op_de_dag_dat_de_ronde_aan_de_beurt_is_met_link(lopend, versturen):
    assert versturen(NU) == 1
    [bericht] = django_mail.outbox
    assert bericht.to == ["a@example.nl"] and "Organisatie A" in bericht.subject
    # A concept is ready, so the link continues it rather than starting another.
    assert f"http://testserver/quickscan/rondes/{lopend.concept_a.pk}/invullen/" in bericht.body
    assert "Wmo-werkplaats Test" in bericht.body and bericht.alternatives
    record = Mailbericht.objects.get()
    assert (record.soort, record.organisatie, record.peildatum) == ("quickscan_nu", lopend.org_a, NU)


def test_zonder_concept_wijst_de_link_naar_een_nieuwe_ronde(lopend, versturen):
    Ronde.objects.filter(pk=lopend.concept_a.pk).update(gearchiveerd=True)
    versturen(NU)
    assert f"http://testserver/quickscan/organisaties/{lopend.org_a.pk}/nieuw/" in django_mail.outbox[0].body


def test_twee_keer_draaien_verstuurt_niets_twee_keer(lopend, versturen):
    assert versturen(NU) == 1
    assert versturen(NU) == 0
    assert versturen(NU + datetime.timedelta(days=10)) == 0  # "due" is said once per cadence
    assert len(django_mail.outbox) == 1


def test_te_laat_op_de_dag_zelf_en_daarna_hoogstens_elke_14_dagen(lopend, versturen):
    assert soorten(TE_LAAT - datetime.timedelta(days=1)) == [("quickscan_nu", "Organisatie A", "leider_a")]
    assert versturen(TE_LAAT) == 1
    assert Mailbericht.objects.get().soort == "quickscan_te_laat"
    assert versturen(TE_LAAT + datetime.timedelta(days=13)) == 0
    assert versturen(TE_LAAT + datetime.timedelta(days=14)) == 1
    assert versturen(TE_LAAT + datetime.timedelta(days=27)) == 0
    assert versturen(TE_LAAT + datetime.timedelta(days=28)) == 1
    assert Mailbericht.objects.filter(soort="quickscan_te_laat").count() == 3


def test_ingediende_ronde_stopt_de_herinneringen(lopend, versturen):
    versturen(TE_LAAT)
    maak_ronde(lopend.org_a, {"missie": 3}, afronden=True, datum=TE_LAAT + datetime.timedelta(days=3))
    assert versturen(TE_LAAT + datetime.timedelta(days=14)) == 0


def test_gedeactiveerde_leider_krijgt_niets(lopend, versturen):
    services.account_deactiveren(user=lopend.leider_a)
    assert versturen(TE_LAAT) == 0


def test_uitgenodigde_leider_zonder_wachtwoord_krijgt_nog_niets(lopend, versturen):
    leider = User.objects.get(pk=lopend.leider_a.pk)
    leider.set_unusable_password()
    leider.save()
    assert versturen(TE_LAAT) == 0


def test_organisatie_buiten_een_lopend_traject_krijgt_niets(lopend, versturen):
    lopend.org_a.deelnames.update(gestopt_op=datetime.date(2014, 6, 1), reden_stoppen="Fusie")
    assert versturen(TE_LAAT) == 0


def test_concept_dat_14_dagen_blijft_liggen_krijgt_een_duwtje(lopend, versturen):
    vandaag = timezone.localdate()
    concept = [s for s in soorten(vandaag + datetime.timedelta(days=13)) if s[0] == "quickscan_concept"]
    assert concept == []
    concept = [s for s in soorten(vandaag + datetime.timedelta(days=14)) if s[0] == "quickscan_concept"]
    assert concept == [("quickscan_concept", "Organisatie A", "leider_a")]
    versturen(vandaag + datetime.timedelta(days=14))
    versturen(vandaag + datetime.timedelta(days=20))
    berichten = Mailbericht.objects.filter(soort="quickscan_concept")
    assert berichten.count() == 1 and berichten.get().ronde_id == lopend.concept_a.pk


def test_beheercommando_verstuurt_herinneringen_en_weekoverzicht(lopend):
    uit = io.StringIO()
    call_command("herinneringen", "--peildatum", NU.isoformat(), "--overzicht", stdout=uit)
    assert "1 herinnering(en) verstuurd." in uit.getvalue() and "1 weekoverzicht(en)" in uit.getvalue()
    call_command("herinneringen", "--peildatum", NU.isoformat(), "--overzicht", stdout=uit)
    assert Mailbericht.objects.count() == 2  # the second run sent nothing


def test_weekoverzicht_noemt_aan_de_beurt_te_laat_en_ingediend(lopend, django_capture_on_commit_callbacks):
    maak_ronde(lopend.org_b, {"missie": 4}, afronden=True, datum=datetime.date(2014, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert herinneringen.overzicht_versturen(datetime.date(2014, 8, 5)) == 1
        assert herinneringen.overzicht_versturen(datetime.date(2014, 8, 6)) == 0  # same week
    [bericht] = django_mail.outbox
    assert bericht.to == ["c@example.nl"] and "weekoverzicht" in bericht.subject
    tekst = bericht.body
    te_laat, _rest = tekst.split("Te laat (1):")[1].split("Volgende ronde nu")
    assert "Organisatie B" in te_laat and "Organisatie A" not in te_laat
    assert "Mijn account" in tekst and "http://testserver/account/instellingen/" in tekst


def test_wie_het_weekoverzicht_uitzet_krijgt_het_niet(lopend):
    services.account_instellingen_opslaan(user=lopend.coordinator, wekelijks_overzicht=False)
    assert herinneringen.overzicht_versturen(NU) == 0
