"""Login protection: lockout after failed logins (django-axes), unlocking by a coordinator, the password policy, and
two-factor authentication (django-otp) for the roles that need it."""

from __future__ import annotations

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from werkplaats import tweestaps

pytestmark = pytest.mark.django_db

WACHTWOORD = "paarse olifant fietst langzaam"
LOGIN = reverse("login")
HOME = reverse("werkplaats:home")


def _met_wachtwoord(user):
    user.set_password(WACHTWOORD)
    user.save(update_fields=["password"])
    return user


def _inloggen(client, user, wachtwoord=WACHTWOORD, **extra):
    return client.post(LOGIN, {"username": user.username, "password": wachtwoord}, **extra)


# Lockout ------------------------------------------------------------------------------------------------------


def test_na_vijf_fouten_is_ook_het_goede_wachtwoord_geweigerd(client, world, settings):
    leider = _met_wachtwoord(world.leider_a)
    for _poging in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _inloggen(client, leider, "fout").status_code == 400
    response = _inloggen(client, leider, "fout")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    response = _inloggen(client, leider)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert response.templates[0].name == "registration/login.html"


def test_vergrendeling_per_gebruikersnaam_ook_vanaf_een_ander_adres(client, world, settings):
    leider = _met_wachtwoord(world.leider_a)
    for nummer in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(client, leider, "fout", REMOTE_ADDR=f"10.0.0.{nummer + 1}")
    assert _inloggen(client, leider, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_vergrendeling_per_adres_ook_voor_andere_gebruikersnamen(client, world, settings):
    leider = _met_wachtwoord(world.leider_a)
    for nummer in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": f"gok{nummer}", "password": "fout"}, REMOTE_ADDR="10.1.1.1")
    assert _inloggen(client, leider, REMOTE_ADDR="10.1.1.1").status_code == 429
    assert _inloggen(client, leider, REMOTE_ADDR="10.2.2.2").status_code == 302


def test_goed_wachtwoord_voor_de_grens_logt_in_en_wist_de_telling(client, world, settings):
    leider = _met_wachtwoord(world.leider_a)
    for _poging in range(settings.AXES_FAILURE_LIMIT - 1):
        _inloggen(client, leider, "fout")
    response = _inloggen(client, leider)
    assert response.status_code == 302 and response.url == HOME
    assert not AccessAttempt.objects.filter(username=leider.username).exists()


def test_mislukte_poging_wordt_gelogd_met_gebruikersnaam_en_adres(client, world, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        client.post(LOGIN, {"username": "leider_a", "password": "fout"}, REMOTE_ADDR="192.0.2.7")
    regels = [
        r.getMessage() for r in caplog.records if r.name.startswith("axes") and "login failure by" in r.getMessage()
    ]
    assert regels and "leider_a" in regels[0] and "192.0.2.7" in regels[0]


def test_coordinator_ontgrendelt_account_van_zijn_werkplaats(client, world, settings):
    leider = _met_wachtwoord(world.leider_a)
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(client, leider, "fout")
    client.force_login(world.coordinator)
    detail = reverse("werkplaats:account_detail", kwargs={"werkplaats": world.werkplaats.pk, "pk": leider.pk})
    pagina = client.get(detail).content.decode()
    assert "Vergrendeld na 5 mislukte pogingen" in pagina and "Ontgrendelen" in pagina
    url = reverse("werkplaats:account_ontgrendelen", kwargs={"werkplaats": world.werkplaats.pk, "pk": leider.pk})
    assert client.post(url).status_code == 302
    assert "Ontgrendelen" not in client.get(detail).content.decode()
    client.logout()
    assert _inloggen(client, leider).status_code == 302


def test_coordinator_van_een_andere_werkplaats_ontgrendelt_niet(client, world, settings):
    from tests.factories import coordinator_van

    leider = _met_wachtwoord(world.leider_a)
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        _inloggen(client, leider, "fout")
    client.force_login(coordinator_van(world.andere_werkplaats, username="elders"))
    url = reverse("werkplaats:account_ontgrendelen", kwargs={"werkplaats": world.werkplaats.pk, "pk": leider.pk})
    assert client.post(url).status_code == 404
    assert AccessAttempt.objects.filter(username=leider.username).exists()


def test_vergrendeling_in_het_beheer_login_is_ook_een_nederlandse_429(client, world, settings):
    beheerder = _met_wachtwoord(world.beheerder)
    url = reverse("admin:login")
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": beheerder.username, "password": "fout"})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_wachtwoord_herstel_houdt_zijn_eigen_drempel(client, world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.WACHTWOORD_HERSTEL_PER_UUR = 2
    url = reverse("password_reset")
    statussen = [client.post(url, {"email": "iemand@example.nl"}).status_code for _i in range(3)]
    assert statussen == [302, 302, 429]


# Password policy ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("wachtwoord", ["werkplaats", "Zomer2026", "aaaaaaaaaaaa", "Werkplaats2026!", "Winter-2025!!"])
def test_zwakke_wachtwoorden_geweigerd(world, wachtwoord):
    with pytest.raises(ValidationError):
        validate_password(wachtwoord, user=world.leider_a)


def test_eigen_validator_weigert_seizoen_met_jaartal_ook_als_het_lang_genoeg_is(world):
    from werkplaats.validators import NederlandsWachtwoordValidator

    with pytest.raises(ValidationError, match="te makkelijk te raden"):
        NederlandsWachtwoordValidator().validate("Zomer2026Zomer2026")
    with pytest.raises(ValidationError, match="te makkelijk te raden"):
        NederlandsWachtwoordValidator().validate("testwerkplaats!2026")  # the werkplaats' own name ("Test")
    with pytest.raises(ValidationError, match="verschillende tekens"):
        NederlandsWachtwoordValidator().validate("aaaaaaaaaaaa")


def test_demo_wachtwoord_alleen_met_debug_aan(world, settings):
    settings.DEBUG = False
    with pytest.raises(ValidationError, match="demo"):
        validate_password("werkplaats-demo", user=world.leider_a)
    settings.DEBUG = True
    validate_password("werkplaats-demo", user=world.leider_a)


def test_goede_wachtzin_geaccepteerd(world, settings):
    settings.DEBUG = False
    validate_password(WACHTWOORD, user=world.leider_a)


def test_wachtwoord_kiezen_weigert_zwak_wachtwoord_met_nederlandse_melding(client, world):
    client.force_login(world.leider_a)
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-wachtwoord-1", "new_password1": "Zomer2026", "new_password2": "Zomer2026"},
    )
    assert response.status_code == 400
    assert "te makkelijk te raden" in response.content.decode()


# Two-factor authentication ---------------------------------------------------------------------------------------


def _code(apparaat: TOTPDevice) -> str:
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    return f"{totp.token():0{apparaat.digits}d}"


def _app_voor(user) -> tuple[TOTPDevice, list[str]]:
    sleutel = tweestaps.nieuwe_sleutel()
    probeer = TOTPDevice(user=user, key=sleutel)
    apparaat, codes = tweestaps.tweestaps_bevestigen(user=user, sleutel=sleutel, code=_code(probeer))
    assert apparaat is not None
    return apparaat, codes


def _opnieuw_bruikbaar(apparaat: TOTPDevice) -> None:
    """The code of this 30-second step was used; let the next check accept the same one (as a new step would)."""
    TOTPDevice.objects.filter(pk=apparaat.pk).update(last_t=-1, throttling_failure_count=0)


@pytest.mark.parametrize("rol", ["coordinator", "lectoraat", "beheerder"])
def test_verplichte_rollen_moeten_tweestaps_instellen_en_komen_nergens_anders(client, world, settings, rol):
    settings.TWEESTAPS_VERPLICHT = True
    user = _met_wachtwoord(getattr(world, rol))
    response = _inloggen(client, user)
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_instellen"))
    for url in [HOME, reverse("account_instellingen"), reverse("admin:index")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_instellen")), url
    pagina = client.get(reverse("tweestaps_instellen"))
    assert pagina.status_code == 200
    assert "<svg" in pagina.content.decode() and pagina.context["geheim"].replace(" ", "").isalnum()


def test_landelijke_rol_moet_tweestaps_instellen(client, world, settings):
    from tests.test_permissions import landelijk_gebruiker

    settings.TWEESTAPS_VERPLICHT = True
    user = _met_wachtwoord(landelijk_gebruiker(username="landelijk"))
    response = _inloggen(client, user)
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_instellen"))
    response = client.get(reverse("rapportage:landelijk"))
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_instellen"))
    assert client.get(reverse("tweestaps_instellen")).status_code == 200


def test_instellen_met_code_uit_de_app_toont_tien_noodcodes_en_opent_de_app(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    client.force_login(world.coordinator)
    client.get(reverse("tweestaps_instellen"))
    sleutel = client.session[tweestaps.SLEUTEL]
    fout = client.post(reverse("tweestaps_instellen"), {"code": "000000"})
    assert fout.status_code == 400 and "Deze code klopt niet" in fout.content.decode()
    TOTPDevice.objects.filter(user=world.coordinator).update(throttling_failure_count=0)
    response = client.post(reverse("tweestaps_instellen"), {"code": _code(TOTPDevice(key=sleutel))})
    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=world.coordinator).confirmed
    assert client.get(HOME).status_code == 200


def test_inloggen_vraagt_code_na_het_wachtwoord(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    coordinator = _met_wachtwoord(world.coordinator)
    apparaat, _codes = _app_voor(coordinator)
    response = _inloggen(client, coordinator)
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_controleren"))
    assert client.get(HOME).status_code == 302
    fout = client.post(reverse("tweestaps_controleren"), {"code": "123456"})
    assert fout.status_code == 400
    assert "Deze code klopt niet" in fout.content.decode()
    assert client.get(HOME).status_code == 302
    _opnieuw_bruikbaar(apparaat)
    apparaat.refresh_from_db()
    goed = client.post(reverse("tweestaps_controleren"), {"code": _code(apparaat), "next": HOME})
    assert goed.status_code == 302 and goed.url == HOME
    assert client.get(HOME).status_code == 200


def test_noodcode_werkt_een_keer(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    coordinator = _met_wachtwoord(world.coordinator)
    _apparaat, codes = _app_voor(coordinator)
    _inloggen(client, coordinator)
    assert client.post(reverse("tweestaps_controleren"), {"code": codes[0]}).status_code == 302
    assert client.get(HOME).status_code == 200
    assert StaticToken.objects.filter(device__user=coordinator).count() == 9
    client.logout()
    _inloggen(client, coordinator)
    assert client.post(reverse("tweestaps_controleren"), {"code": codes[0]}).status_code == 400
    assert client.get(HOME).status_code == 302


def test_leider_zonder_tweestaps_wordt_niet_gedwongen(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    leider = _met_wachtwoord(world.leider_a)
    response = _inloggen(client, leider)
    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200


def test_leider_die_tweestaps_aanzette_krijgt_de_vraag_om_een_code(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = False
    leider = _met_wachtwoord(world.leider_a)
    _app_voor(leider)
    response = _inloggen(client, leider)
    assert response.url.startswith(reverse("tweestaps_controleren"))


def test_instelling_uit_geen_tweede_stap(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = False
    coordinator = _met_wachtwoord(world.coordinator)
    response = _inloggen(client, coordinator)
    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200


def test_tweestaps_uitzetten_mag_niet_als_het_verplicht_is(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    coordinator = _met_wachtwoord(world.coordinator)
    _app_voor(coordinator)
    _inloggen(client, coordinator)
    client.post(reverse("tweestaps_controleren"), {"code": StaticToken.objects.first().token})
    response = client.post(reverse("tweestaps_uitzetten"))
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_leider_zet_tweestaps_uit_en_maakt_nieuwe_noodcodes(client, world):
    leider = world.leider_a
    _apparaat, oude = _app_voor(leider)
    client.force_login(leider)
    client.post(reverse("tweestaps_controleren"), {"code": oude[0]})
    assert "Staat aan" in client.get(reverse("account_instellingen")).content.decode()
    nieuw = client.post(reverse("tweestaps_noodcodes"))
    assert nieuw.status_code == 200 and set(nieuw.context["codes"]).isdisjoint(oude)
    assert client.post(reverse("tweestaps_uitzetten")).status_code == 302
    assert not TOTPDevice.objects.filter(user=leider).exists()
    assert "Staat uit" in client.get(reverse("account_instellingen")).content.decode()


def test_wie_een_app_heeft_kan_haar_niet_vervangen_zonder_code(client, world):
    """Setting up again before the second step would get round it."""
    leider = world.leider_a
    _app_voor(leider)
    client.force_login(leider)
    response = client.get(reverse("tweestaps_instellen"))
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_controleren"))
    assert client.post(reverse("tweestaps_uitzetten")).status_code == 302
    assert TOTPDevice.objects.filter(user=leider).exists()  # not turned off: the POST was sent to the second step


def test_gebruiker_met_twee_factoren_heeft_een_query_extra_per_pagina(client, world, django_assert_max_num_queries):
    leider = world.leider_a
    _apparaat, codes = _app_voor(leider)
    client.force_login(leider)
    client.post(reverse("tweestaps_controleren"), {"code": codes[0]})
    client.get(HOME)
    with django_assert_max_num_queries(30):
        assert client.get(HOME).status_code == 200


def test_nieuwe_gebruiker_zonder_rol_en_instelling_aan(client, db, settings):
    settings.TWEESTAPS_VERPLICHT = True
    user = UserFactory(username="zonder_rol")
    client.force_login(user)
    assert client.session[tweestaps.NODIG] is False
