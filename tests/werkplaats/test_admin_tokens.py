"""The admin of personal API tokens (werkplaats/admin.py::ApiTokenAdmin): superusers see them, never their secret or
hash, and revoke them through the token service, with history; nothing is made or edited there."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from tests.factories import UserFactory
from werkplaats import api_tokens
from werkplaats.models import ApiToken

pytestmark = pytest.mark.django_db

LIJST = reverse("admin:werkplaats_apitoken_changelist")


@pytest.fixture
def tokens(world):
    rij, geheim = api_tokens.api_token_aanmaken(user=world.leider_a, naam="R-script lectoraat")
    ander, _geheim = api_tokens.api_token_aanmaken(user=world.coordinator, naam="Power BI")
    return rij, geheim, ander


def _geheimen(rij, geheim) -> list[str]:
    return [geheim, geheim.rsplit("_", 1)[1], rij.sleutel_hash]


def test_beheerder_ziet_tokens_zonder_geheim_of_hash(client, world, tokens):
    rij, geheim, _ander = tokens
    client.force_login(world.beheerder)
    pagina = client.get(LIJST)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "R-script lectoraat" in tekst and "Power BI" in tekst and "leider_a" in tekst and rij.prefix in tekst
    for pagina_url in (
        LIJST,
        reverse("admin:werkplaats_apitoken_change", args=[rij.pk]),
        reverse("admin:werkplaats_apitoken_history", args=[rij.pk]),
    ):
        response = client.get(pagina_url)
        assert response.status_code == 200, pagina_url
        tekst = response.content.decode()
        assert "R-script lectoraat" in tekst, pagina_url
        for waarde in _geheimen(rij, geheim):
            assert waarde not in tekst, pagina_url


def test_intrekken_met_de_actie_via_de_service_met_geschiedenis(client, world, tokens, monkeypatch):
    rij, geheim, ander = tokens
    echte, aanroepen = api_tokens.api_token_intrekken, []
    monkeypatch.setattr(api_tokens, "api_token_intrekken", lambda **kw: aanroepen.append(kw) or echte(**kw))
    client.force_login(world.beheerder)
    response = client.post(LIJST, {"action": "intrekken", ACTION_CHECKBOX_NAME: [rij.pk]})
    assert response.status_code == 302
    assert [a["token"].pk for a in aanroepen] == [rij.pk]
    rij.refresh_from_db()
    ander.refresh_from_db()
    assert not rij.is_actief and ander.is_actief
    laatste = rij.history.latest()
    assert laatste.ingetrokken_op == rij.ingetrokken_op and laatste.history_user == world.beheerder
    assert api_tokens.token_controleren(geheim) is None
    # Again: an already revoked token keeps its date.
    datum = rij.ingetrokken_op
    client.post(LIJST, {"action": "intrekken", ACTION_CHECKBOX_NAME: [rij.pk]})
    rij.refresh_from_db()
    assert rij.ingetrokken_op == datum


def test_niet_aanmaken_of_wijzigen_in_het_beheer(client, world, tokens):
    rij, _geheim, _ander = tokens
    client.force_login(world.beheerder)
    assert client.get(reverse("admin:werkplaats_apitoken_add")).status_code == 403
    url = reverse("admin:werkplaats_apitoken_change", args=[rij.pk])
    response = client.post(url, {"user": world.coordinator.pk, "naam": "Gekaapt"})
    assert response.status_code == 403
    rij.refresh_from_db()
    assert (rij.user, rij.naam) == (world.leider_a, "R-script lectoraat")
    assert client.post(reverse("admin:werkplaats_apitoken_delete", args=[rij.pk]), {"post": "yes"}).status_code == 403
    assert ApiToken.objects.filter(pk=rij.pk).exists()


def test_staf_zonder_superuser_ziet_geen_tokens(client, world, tokens):
    staf = UserFactory(username="staf", is_staff=True)
    client.force_login(staf)
    assert client.get(LIJST).status_code == 403
    rij = tokens[0]
    client.post(LIJST, {"action": "intrekken", ACTION_CHECKBOX_NAME: [rij.pk]})
    rij.refresh_from_db()
    assert rij.is_actief
