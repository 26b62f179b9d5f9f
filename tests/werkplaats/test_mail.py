"""The one mail service: its record, idempotence, retries; a real SMTP server and a real Celery worker."""

from __future__ import annotations

import datetime
import email
import os
import socket
import time

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from tests.factories import UserFactory, WerkplaatsFactory
from werkplaats import mail
from werkplaats.models import Mailbericht


@pytest.fixture
def ontvanger(db):
    return UserFactory(username="anna", email="anna@example.nl", first_name="Anna")


def klaarzetten(ontvanger, sleutel="test:1", werkplaats=None):
    return mail.mail_klaarzetten(
        soort=Mailbericht.Soort.WACHTWOORD,
        ontvanger=ontvanger,
        werkplaats=werkplaats or WerkplaatsFactory(naam="Wmo-werkplaats Zuid"),
        sleutel=sleutel,
    )


def test_zelfde_sleutel_verstuurt_niets_twee_keer(ontvanger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        eerste = klaarzetten(ontvanger)
        tweede = klaarzetten(ontvanger)
    assert eerste is not None and tweede is None
    assert len(django_mail.outbox) == 1 and Mailbericht.objects.count() == 1
    # the task that runs twice (a broker redelivers) does not send twice either
    assert mail.mail_versturen(bericht_id=eerste.pk) is None
    assert len(django_mail.outbox) == 1


def test_elke_mail_heeft_tekst_en_html_met_de_naam_van_de_werkplaats(ontvanger, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        klaarzetten(ontvanger)
    [bericht] = django_mail.outbox
    assert bericht.subject.startswith("Wmo-werkplaats Zuid: ")
    assert "Beste Anna," in bericht.body and "Wmo-werkplaats Zuid" in bericht.body
    [(html, mimetype)] = bericht.alternatives
    assert mimetype == "text/html" and "<strong>Wmo-werkplaats Zuid</strong>" in html
    record = Mailbericht.objects.get()
    assert record.status == Mailbericht.Status.VERZONDEN and record.verzonden_op and record.onderwerp


def test_mislukte_mail_wordt_later_opnieuw_geprobeerd(ontvanger, monkeypatch, django_capture_on_commit_callbacks):
    def kapot(self, messages):
        raise ConnectionRefusedError("SMTP-server onbereikbaar")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", kapot)
    with django_capture_on_commit_callbacks(execute=True):
        bericht = klaarzetten(ontvanger)
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Mailbericht.Status.MISLUKT, 1)
    assert "onbereikbaar" in bericht.fout
    monkeypatch.undo()
    assert mail.mail_opnieuw_proberen() == 0  # too soon
    Mailbericht.objects.filter(pk=bericht.pk).update(laatste_poging_op=timezone.now() - datetime.timedelta(hours=1))
    assert mail.mail_opnieuw_proberen() == 1
    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen, bericht.fout) == (Mailbericht.Status.VERZONDEN, 2, "")
    assert len(django_mail.outbox) == 1


def test_na_vijf_pogingen_stopt_het_automatisch_opnieuw_proberen(ontvanger):
    bericht = Mailbericht.objects.create(
        sleutel="x",
        soort=Mailbericht.Soort.WACHTWOORD,
        ontvanger=ontvanger,
        adres=ontvanger.email,
        status=Mailbericht.Status.MISLUKT,
        pogingen=mail.MAX_POGINGEN,
        laatste_poging_op=timezone.now() - datetime.timedelta(days=1),
    )
    assert mail.mail_opnieuw_proberen() == 0
    mail.mail_opnieuw_versturen(bericht=bericht)  # the coordinator's button still works
    assert Mailbericht.objects.get(pk=bericht.pk).status == Mailbericht.Status.WACHTRIJ


# A real SMTP server on a loopback port ---------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mail_gaat_door_een_echte_smtp_server(ontvanger, settings, django_capture_on_commit_callbacks):
    from aiosmtpd.controller import Controller

    ontvangen = []

    class Postbus:
        async def handle_DATA(self, server, session, envelope):
            ontvangen.append(envelope)
            return "250 OK"

    poort = _vrije_poort()
    controller = Controller(Postbus(), hostname="127.0.0.1", port=poort)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", poort
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.DEFAULT_FROM_EMAIL = "Werkplaats <noreply@werkplaats.test>"
        with django_capture_on_commit_callbacks(execute=True):
            klaarzetten(ontvanger)
    finally:
        controller.stop()
    [envelope] = ontvangen
    assert envelope.rcpt_tos == ["anna@example.nl"] and envelope.mail_from == "noreply@werkplaats.test"
    bericht = email.message_from_bytes(envelope.original_content)
    assert "Wmo-werkplaats Zuid" in str(email.header.make_header(email.header.decode_header(bericht["Subject"])))
    delen = {
        deel.get_content_type(): deel.get_payload(decode=True).decode()
        for deel in bericht.walk()
        if not deel.is_multipart()
    }
    assert "Beste Anna," in delen["text/plain"] and "<strong>Wmo-werkplaats Zuid</strong>" in delen["text/html"]
    assert Mailbericht.objects.get().status == Mailbericht.Status.VERZONDEN


# A real Celery worker against Redis ------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")


@pytest.fixture
def echte_broker():
    """The project's Celery app pointed at Redis instead of running tasks in-process; restored afterwards."""
    from werkplaats.celery import app

    oud = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    app._pool = None
    try:
        yield app
    finally:
        app.conf.update(oud)
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None


@pytest.fixture
def instrument_terug():
    """A transactional test flushes the database, the quickscan instrument of the data migration included."""
    yield
    from quickscan.instrument import paraplumodel_laden
    from quickscan.suggesties import suggesties_laden

    paraplumodel_laden()
    suggesties_laden()


@pytest.mark.skipif(not REDIS_URL, reason="REDIS_URL is niet gezet: geen Redis voor een echte worker (.ci/run zet hem)")
@pytest.mark.django_db(transaction=True)
def test_echte_worker_verstuurt_de_mail(instrument_terug, echte_broker):
    from celery.contrib.testing.worker import start_worker

    ontvanger = UserFactory(username="anna", email="anna@example.nl", first_name="Anna")
    with start_worker(echte_broker, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        bericht = klaarzetten(ontvanger)  # autocommit: handed to Redis at once, picked up by the worker thread
        assert bericht is not None
        for _ in range(200):
            bericht.refresh_from_db()
            if bericht.status == Mailbericht.Status.VERZONDEN:
                break
            time.sleep(0.1)
    assert bericht.status == Mailbericht.Status.VERZONDEN, bericht.fout
    assert [m.to for m in django_mail.outbox] == [["anna@example.nl"]]
