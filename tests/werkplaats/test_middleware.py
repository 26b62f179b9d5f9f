"""Headers and session lifetime (werkplaats/middleware.py, CONTENT_SECURITY_POLICY in settings)."""

import time

import pytest
from django.urls import reverse

from werkplaats.middleware import BEGIN, LAATST_ACTIEF

pytestmark = pytest.mark.django_db


def directieven(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {deel.split()[0]: deel.split()[1:] for deel in (d.strip() for d in policy.split(";")) if deel}


def test_elke_pagina_heeft_een_strikte_content_security_policy(client, world):
    client.force_login(world.coordinator)
    for url in (reverse("werkplaats:home"), reverse("login")):
        policy = directieven(client.get(url))
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"], "no inline or foreign script"
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]


def test_paginas_en_downloads_met_persoonsgegevens_worden_niet_bewaard(client, world):
    client.force_login(world.coordinator)
    pagina = client.get(reverse("werkplaats:organisatie_list"))
    download = client.get(reverse("werkplaats:organisatie_list"), {"_export": "csv"})
    assert download["Content-Type"].startswith("text/csv")
    for response in (pagina, download, client.get(reverse("login"))):
        assert "no-store" in response["Cache-Control"]


def test_grafieken_hebben_geen_stijlblok_dat_de_policy_weigert(client, world):
    from werkplaats.lib.grafieken import leeg_svg

    svg = leeg_svg("Nog geen gegevens", "Voorbeeld")
    assert svg.startswith("<svg") and "<style" not in svg and "<title>Voorbeeld</title>" in svg


def sessie_zetten(client, **waarden) -> None:
    sessie = client.session
    sessie.update(waarden)
    sessie.save()


def test_sessie_verloopt_na_inactiviteit(client, world, settings):
    settings.SESSIE_INACTIEF_MINUTEN = 60
    client.force_login(world.coordinator)
    assert client.get(reverse("werkplaats:home")).status_code == 200
    nu = time.time()
    sessie_zetten(client, **{LAATST_ACTIEF: nu - 61 * 60})
    response = client.get(reverse("werkplaats:organisatie_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login")) and "next=" in response["Location"]
    volgende = client.get(response["Location"])
    assert "Uw sessie is verlopen" in volgende.content.decode()
    assert client.get(reverse("werkplaats:home")).status_code == 302, "logged out, not only redirected once"


def test_sessie_verloopt_na_de_maximale_duur_ook_bij_activiteit(client, world, settings):
    settings.SESSIE_MAX_UREN = 10
    client.force_login(world.coordinator)
    client.get(reverse("werkplaats:home"))
    nu = time.time()
    sessie_zetten(client, **{BEGIN: nu - 10 * 3600 - 5, LAATST_ACTIEF: nu - 5})
    assert client.get(reverse("werkplaats:home")).status_code == 302


def test_actieve_sessie_blijft_en_schrijft_de_activiteit_hoogstens_eens_per_minuut(client, world):
    client.force_login(world.coordinator)
    client.get(reverse("werkplaats:home"))
    begin = client.session[BEGIN]
    eerste = client.session[LAATST_ACTIEF]
    client.get(reverse("werkplaats:home"))
    assert client.session[LAATST_ACTIEF] == eerste, "not written again within a minute"
    sessie_zetten(client, **{LAATST_ACTIEF: time.time() - 59 * 60})
    assert client.get(reverse("werkplaats:home")).status_code == 200
    assert client.session[LAATST_ACTIEF] > time.time() - 60
    assert client.session[BEGIN] == begin
