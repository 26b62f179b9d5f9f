"""`/healthz` during a database outage with a session cookie: 503, and the session is never touched."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError
from django.urls import reverse


def storing(monkeypatch) -> list:
    """The database is down: every query and every session read fails. Returns the session reads tried."""
    gelezen = []

    def kapotte_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    def kapotte_sessie(self, *args, **kwargs):
        gelezen.append(self.session_key)
        raise OperationalError("connection refused")

    monkeypatch.setattr("werkplaats.views.connection.cursor", kapotte_cursor)
    monkeypatch.setattr(SessionStore, "load", kapotte_sessie)
    monkeypatch.setattr(SessionStore, "save", kapotte_sessie)
    return gelezen


@pytest.mark.django_db
def test_healthz_met_sessiecookie_tijdens_storing_geeft_503(client, world, monkeypatch):
    client.force_login(world.coordinator)  # a real session cookie, as a browser would send it
    assert client.cookies["sessionid"].value
    gelezen = storing(monkeypatch)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert b"database" in response.content
    assert gelezen == []  # the session was never read
    assert "sessionid" not in response.cookies  # nor written


@pytest.mark.django_db
def test_healthz_raakt_de_sessie_ook_zonder_storing_niet(client, world, monkeypatch):
    client.force_login(world.coordinator)
    gelezen = []
    origineel = SessionStore.load
    monkeypatch.setattr(SessionStore, "load", lambda self: gelezen.append(1) or origineel(self))
    response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok\n"
    assert gelezen == [] and "sessionid" not in response.cookies
    assert client.get(reverse("werkplaats:home")).status_code == 200 and gelezen  # a page does read it
