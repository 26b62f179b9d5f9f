import io

import pytest
from django.core.management import CommandError, call_command

from werkplaats.models import Afdeling, Organisatie, Rol, User, Werkplaats

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Werkplaats.objects.count(),
        sorted(Organisatie.objects.values_list("naam", "soort")),
        Afdeling.objects.count(),
        sorted(User.objects.values_list("username", "password")),
        Rol.objects.count(),
    )


def test_demo_bevat_werkplaats_noord_en_alle_deelnemende_organisaties(demo):
    werkplaats = Werkplaats.objects.get()
    assert werkplaats.naam == "Wmo-werkplaats Noord"
    assert werkplaats.hogeschool == "Hanzehogeschool Groningen" and werkplaats.lectoraat == "Rehabilitatie"
    organisaties = set(werkplaats.organisaties.values_list("naam", flat=True))
    assert len(organisaties) == 20
    assert {"Gemeente Oldambt", "Gemeente Tynaarlo", "Het Oude Ambt", "De Zijlen", "CJG Eemsmond"} <= organisaties
    assert werkplaats.organisaties.filter(soort=Organisatie.Soort.GEMEENTE).count() == 2
    assert werkplaats.organisaties.filter(soort=Organisatie.Soort.CJG).count() == 4


def test_demo_gebruikers_hebben_hun_rol(demo):
    assert User.objects.get(username="coordinator").is_coordinator
    assert User.objects.get(username="lectoraat").is_lectoraat
    leider = User.objects.get(username="leider.hoa")
    assert list(Organisatie.objects.zichtbaar_voor(leider).values_list("naam", flat=True)) == ["Het Oude Ambt"]
    assert leider.check_password("werkplaats-demo")


def test_twee_keer_laden_verandert_niets(demo):
    before = _snapshot()
    call_command("load_demo", "--ook-zonder-debug")
    assert _snapshot() == before


def test_if_empty_laat_bestaande_gegevens_staan_en_toont_logins(demo, capsys):
    Organisatie.objects.filter(naam="Lentis").update(plaats="Groningen")
    call_command("load_demo", "--ook-zonder-debug", "--if-empty")
    assert Organisatie.objects.get(naam="Lentis").plaats == "Groningen"
    output = capsys.readouterr().out
    assert "leider.hoa" in output and "werkplaats-demo" in output


@pytest.mark.django_db
def test_zonder_debug_weigert_load_demo_zonder_expliciete_vlag(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--ook-zonder-debug"):
        call_command("load_demo")
    assert not User.objects.filter(username="coordinator").exists()


@pytest.mark.django_db
def test_met_debug_draait_load_demo_zonder_vlag(settings):
    settings.DEBUG = True
    Werkplaats.objects.create(naam="Bestaande werkplaats")
    uitvoer = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=uitvoer)
    assert "niet opnieuw geladen" in uitvoer.getvalue()
