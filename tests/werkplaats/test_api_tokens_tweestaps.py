"""Personal API tokens and two-factor authentication (werkplaats/tweestaps.py: `token_aanmaken_mag`,
`token_mag_werken`): a token is no way around the second step."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import RolFactory
from tests.test_permissions import landelijk_gebruiker
from werkplaats import tweestaps
from werkplaats.api_tokens import TWEESTAPS_ONTBREEKT, api_token_aanmaken
from werkplaats.models import ApiToken, Rol

pytestmark = pytest.mark.django_db

MELDING = str(TWEESTAPS_ONTBREEKT)


@pytest.fixture(autouse=True)
def _geen_telling():
    cache.clear()  # the API's throttle counts in the default cache
    yield
    cache.clear()


def _lijst(client, token):
    return client.get(reverse("api:methode-list"), headers={"Authorization": f"Bearer {token}"})


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=tweestaps.APP_NAAM, confirmed=True)


def test_token_van_wie_later_tweestaps_moet_en_het_niet_heeft_401(client, world, settings):
    """A leader's token (no second step needed), then the leader becomes coordinator with the setting on."""
    settings.TWEESTAPS_VERPLICHT = True
    token = api_token_aanmaken(user=world.leider_a, naam="R")[1]
    assert _lijst(client, token).status_code == 200
    RolFactory(user=world.leider_a, soort=Rol.Soort.COORDINATOR, werkplaats=world.werkplaats)
    response = _lijst(client, token)
    assert response.status_code == 401
    assert response.json() == {"detail": MELDING}
    assert response["WWW-Authenticate"].startswith("Bearer")
    _app(world.leider_a)  # set up in the browser, after the second step
    assert _lijst(client, token).status_code == 200


def test_instelling_later_aangezet_geldt_ook_voor_bestaande_tokens(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = False
    token = api_token_aanmaken(user=world.coordinator, naam="R")[1]
    assert _lijst(client, token).status_code == 200
    settings.TWEESTAPS_VERPLICHT = True
    assert _lijst(client, token).json() == {"detail": MELDING}
    settings.TWEESTAPS_VERPLICHT = False
    assert _lijst(client, token).status_code == 200


def test_landelijke_rol_zonder_app_401(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = False
    landelijk = landelijk_gebruiker(username="landelijk")
    token = api_token_aanmaken(user=landelijk, naam="R")[1]
    settings.TWEESTAPS_VERPLICHT = True
    assert _lijst(client, token).status_code == 401
    _app(landelijk)
    assert _lijst(client, token).status_code == 200


def test_leider_zonder_plicht_houdt_zijn_token(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    token = api_token_aanmaken(user=world.leider_a, naam="R")[1]
    assert _lijst(client, token).status_code == 200


def test_service_maakt_geen_token_zonder_verplichte_tweestaps(world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    with pytest.raises(ValidationError) as fout:
        api_token_aanmaken(user=world.coordinator, naam="R")
    assert fout.value.message_dict == {"naam": [MELDING]}
    assert not ApiToken.objects.exists()


def test_aanmaken_alleen_na_de_tweede_stap(client, world, settings):
    """A coordinator with an app whose session has not given a code: the middleware sends them to the second step."""
    settings.TWEESTAPS_VERPLICHT = True
    _app(world.coordinator)
    client.force_login(world.coordinator)
    response = client.post(reverse("api_token_aanmaken"), {"naam": "R"})
    assert response.status_code == 302 and response.url.startswith(reverse("tweestaps_controleren"))
    assert not ApiToken.objects.exists()


def test_rol_gekregen_na_het_inloggen_eerst_de_tweede_stap(client, world, settings):
    """Logged in as a leader (no second step needed then), made coordinator since: the token waits for the second
    step, and so does every other page from then on."""
    settings.TWEESTAPS_VERPLICHT = True
    client.force_login(world.leider_a)
    RolFactory(user=world.leider_a, soort=Rol.Soort.COORDINATOR, werkplaats=world.werkplaats)
    response = client.post(reverse("api_token_aanmaken"), {"naam": "R"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("tweestaps_instellen"))
    assert not ApiToken.objects.exists()
    home = client.get(reverse("werkplaats:home"))
    assert home.status_code == 302 and home.url.startswith(reverse("tweestaps_instellen"))


def test_na_de_tweede_stap_wel(client, world, settings):
    settings.TWEESTAPS_VERPLICHT = True
    apparaat = _app(world.coordinator)
    client.force_login(world.coordinator)
    sessie = client.session
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id  # what django_otp.login writes after a good code
    sessie.save()
    response = client.post(reverse("api_token_aanmaken"), {"naam": "R"})
    assert response.status_code == 200
    client.logout()
    assert _lijst(client, response.context["token"]).status_code == 200


def test_landelijke_rol_maakt_en_trekt_eigen_token_in(client, world):
    landelijk = landelijk_gebruiker(username="landelijk")
    client.force_login(landelijk)
    assert "api-tokens-kop" in client.get(reverse("account_instellingen")).content.decode()
    response = client.post(reverse("api_token_aanmaken"), {"naam": "Landelijke monitor"})
    assert response.status_code == 200
    rij = ApiToken.objects.get(user=landelijk)
    assert client.post(reverse("api_token_intrekken", kwargs={"pk": rij.pk})).status_code == 302
    rij.refresh_from_db()
    assert not rij.is_actief
