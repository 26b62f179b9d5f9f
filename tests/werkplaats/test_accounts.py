"""Accounts kept by the coordinator: invitation, its one-time link, roles and their history, deactivation, reset."""

from __future__ import annotations

import datetime
import re
import smtplib

import pytest
from django.contrib.auth import authenticate
from django.core import mail as django_mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import OrganisatieFactory, leider_van
from werkplaats import accounts, services
from werkplaats.models import Accountwijziging, Mailbericht, Rol, User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _schone_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def versturen(django_capture_on_commit_callbacks):
    """Run what a service hands to the worker on commit (eager here), as a committed request would."""

    def uitvoeren(functie, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return functie(*args, **kwargs)

    return uitvoeren


def uitnodigen(world, versturen, **velden):
    gegevens = {
        "voornaam": "Anna",
        "achternaam": "de Vries",
        "email": "anna@example.nl",
        "soort": Rol.Soort.IMPLEMENTATIELEIDER,
        "werkplaats": world.werkplaats,
        "organisatie": world.org_a,
        "door": world.coordinator,
        **velden,
    }
    return versturen(services.account_uitnodigen, **gegevens)


def link_uit(bericht) -> str:
    return re.search(r"http://testserver(/account/\S+/)", bericht.body).group(1)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "http://testserver"


# Services ---------------------------------------------------------------------------------------------------


def test_uitnodigen_maakt_account_zonder_wachtwoord_en_mailt_de_link(world, versturen):
    user = uitnodigen(world, versturen)
    assert user.username == "anna@example.nl" and not user.has_usable_password()
    assert user.status == User.Status.UITGENODIGD and user.uitgenodigd_door == world.coordinator
    assert list(user.rollen.values_list("soort", "organisatie")) == [(Rol.Soort.IMPLEMENTATIELEIDER, world.org_a.pk)]
    [bericht] = django_mail.outbox
    assert bericht.to == ["anna@example.nl"]
    assert "Wmo-werkplaats Test" in bericht.subject and "Wmo-werkplaats Test" in bericht.body
    [(html, soort)] = bericht.alternatives
    assert soort == "text/html" and "Wmo-werkplaats Test" in html and "7 dagen" in html
    assert "/account/uitnodiging/" in bericht.body
    record = Mailbericht.objects.get(ontvanger=user)
    assert (record.soort, record.status, record.werkplaats) == ("uitnodiging", "verzonden", world.werkplaats)
    assert [w.actie for w in Accountwijziging.objects.filter(account=user).order_by("pk")] == [
        "uitgenodigd",
        "rol_toegekend",
    ]


def test_uitnodiging_accepteren_zet_wachtwoord_en_de_link_werkt_maar_een_keer(client, world, versturen):
    user = uitnodigen(world, versturen)
    pad = link_uit(django_mail.outbox[0])
    response = client.get(pad, follow=True)
    assert response.status_code == 200 and "Welkom" in response.content.decode()
    nieuw = {"new_password1": "Zonnebloem-2024!", "new_password2": "Zonnebloem-2024!"}
    response = client.post(response.redirect_chain[-1][0], nieuw)
    assert response.status_code == 302 and response.url == reverse("login")
    user.refresh_from_db()
    assert user.status == User.Status.ACTIEF
    assert authenticate(username="anna@example.nl", password="Zonnebloem-2024!") == user
    client.logout()
    response = client.get(pad, follow=True)
    assert response.status_code == 400 and "verlopen of al gebruikt" in response.content.decode()


def test_uitnodiging_verloopt_na_zeven_dagen(world, versturen, monkeypatch):
    user = uitnodigen(world, versturen)
    token = accounts.uitnodiging_tokens.make_token(user)
    nu = accounts.uitnodiging_tokens._now()
    monkeypatch.setattr(accounts.uitnodiging_tokens, "_now", lambda: nu + datetime.timedelta(days=6, hours=23))
    assert accounts.uitnodiging_tokens.check_token(user, token)
    monkeypatch.setattr(accounts.uitnodiging_tokens, "_now", lambda: nu + datetime.timedelta(days=7, minutes=1))
    assert not accounts.uitnodiging_tokens.check_token(user, token)


def test_uitnodigingslink_is_geen_wachtwoordherstellink(world, versturen):
    from django.contrib.auth.tokens import default_token_generator

    user = uitnodigen(world, versturen)
    assert not default_token_generator.check_token(user, accounts.uitnodiging_tokens.make_token(user))


@pytest.mark.parametrize("email", ["anna@example.nl", "ANNA@example.nl"])
def test_dubbel_adres_wordt_geweigerd(world, versturen, email):
    uitnodigen(world, versturen)
    with pytest.raises(ValidationError) as fout:
        uitnodigen(world, versturen, email=email, voornaam="Tweede")
    assert "al een account" in str(fout.value)
    assert User.objects.filter(email__iexact="anna@example.nl").count() == 1


def test_naam_met_regeleinde_wordt_geweigerd(world, versturen):
    with pytest.raises(ValidationError) as fout:
        uitnodigen(world, versturen, voornaam="Anna\nBcc: iedereen@example.nl")
    assert "één regel" in str(fout.value)
    assert not User.objects.filter(email="anna@example.nl").exists() and django_mail.outbox == []


def test_leider_van_organisatie_elders_wordt_geweigerd(world, versturen):
    with pytest.raises(ValidationError):
        uitnodigen(world, versturen, organisatie=world.org_elders)
    assert not User.objects.filter(email="anna@example.nl").exists()


def test_smtp_onbereikbaar_bewaart_uitnodiging_als_niet_verzonden(world, versturen, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    settings.EMAIL_USE_TLS = False
    user = uitnodigen(world, versturen)
    bericht = Mailbericht.objects.get(ontvanger=user)
    assert bericht.status == Mailbericht.Status.MISLUKT and bericht.fout and bericht.pogingen == 1
    assert bericht.get_status_display() == "niet verzonden"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    versturen(services.account_opnieuw_uitnodigen, user=user, werkplaats=world.werkplaats, door=world.coordinator)
    assert len(django_mail.outbox) == 1
    assert Mailbericht.objects.filter(ontvanger=user, status=Mailbericht.Status.VERZONDEN).count() == 1


def test_opnieuw_uitnodigen_kan_niet_voor_een_actief_account(world, versturen):
    with pytest.raises(ValidationError):
        versturen(services.account_opnieuw_uitnodigen, user=world.leider_a, werkplaats=world.werkplaats)
    assert django_mail.outbox == []


def test_gedeactiveerd_account_logt_niet_in_en_houdt_zijn_geschiedenis(world):
    services.account_deactiveren(user=world.leider_a, door=world.coordinator)
    user = User.objects.get(pk=world.leider_a.pk)
    assert user.status == User.Status.GEDEACTIVEERD
    assert authenticate(username="leider_a", password="geheim-wachtwoord-1") is None
    assert user.rollen.exists()  # kept: the account returns as it was when activated again
    wijziging = Accountwijziging.objects.get(account=user)
    assert (wijziging.actie, wijziging.door) == ("gedeactiveerd", world.coordinator)
    services.account_activeren(user=user, door=world.coordinator)
    assert authenticate(username="leider_a", password="geheim-wachtwoord-1") == user


def test_coordinator_deactiveert_zichzelf_niet(world):
    with pytest.raises(ValidationError):
        services.account_deactiveren(user=world.coordinator, door=world.coordinator)
    assert User.objects.get(pk=world.coordinator.pk).is_active


def test_rolwijziging_staat_in_de_geschiedenis_met_wie_wanneer(world):
    oud = world.leider_a.rollen.get()
    nieuw = services.account_rol_toevoegen(
        user=world.leider_a,
        soort=Rol.Soort.IMPLEMENTATIELEIDER,
        werkplaats=world.werkplaats,
        organisatie=world.org_b,
        door=world.coordinator,
    )
    services.account_rol_intrekken(rol=oud, door=world.coordinator)
    assert list(world.leider_a.rollen.all()) == [nieuw]
    geschiedenis = [
        (w.actie, w.organisatie, w.door) for w in Accountwijziging.objects.filter(account=world.leider_a).order_by("pk")
    ]
    assert geschiedenis == [
        ("rol_toegekend", world.org_b, world.coordinator),
        ("rol_ingetrokken", world.org_a, world.coordinator),
    ]


def test_laatste_rol_in_de_werkplaats_blijft(world):
    with pytest.raises(ValidationError) as fout:
        services.account_rol_intrekken(rol=world.leider_a.rollen.get(), door=world.coordinator)
    assert "laatste rol" in str(fout.value)
    assert world.leider_a.rollen.count() == 1


# Pages -------------------------------------------------------------------------------------------------------


def _lijst(world):
    return reverse("werkplaats:account_list", kwargs={"pk": world.werkplaats.pk})


def test_accountlijst_toont_rollen_status_en_laatste_login(client, world, versturen):
    uitnodigen(world, versturen)
    services.account_deactiveren(user=world.leider_b, door=world.coordinator)
    client.force_login(world.coordinator)
    inhoud = client.get(_lijst(world)).content.decode()
    assert "Anna" in inhoud and "uitgenodigd" in inhoud and "gedeactiveerd" in inhoud and "actief" in inhoud
    assert "Implementatieleider Organisatie A" in inhoud
    assert "Organisatie Elders" not in inhoud


def test_accountlijst_kost_een_vast_aantal_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.coordinator)
    client.get(_lijst(world))  # warm up (session, content types)
    with django_assert_max_num_queries(9) as weinig:
        assert client.get(_lijst(world)).status_code == 200
    for nummer in range(30):
        organisatie = OrganisatieFactory(werkplaats=world.werkplaats, naam=f"Extra {nummer}")
        leider_van(organisatie, username=f"extra{nummer}", email=f"extra{nummer}@example.nl")
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(_lijst(world))
    assert "extra29@example.nl" in response.content.decode()


def test_uitnodigen_via_het_formulier(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.coordinator)
    url = reverse("werkplaats:account_uitnodigen", kwargs={"pk": world.werkplaats.pk})
    data = {"voornaam": "Anna", "achternaam": "de Vries", "email": "anna@example.nl", "soort": "implementatieleider"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "organisatie": world.org_a.pk})
    user = User.objects.get(email="anna@example.nl")
    assert response.status_code == 302
    assert response.url == reverse(
        "werkplaats:account_detail", kwargs={"werkplaats": world.werkplaats.pk, "pk": user.pk}
    )
    assert len(django_mail.outbox) == 1


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"email": "LEIDER@example.nl"}, "al een account"),
        ({"voornaam": "Anna\r\nBcc: x@example.nl"}, "één regel"),
        ({"organisatie": ""}, "Kies de organisatie"),
    ],
)
def test_fout_in_uitnodiging_geeft_400_met_melding_en_schrijft_niets(client, world, wijziging, melding):
    User.objects.filter(pk=world.leider_b.pk).update(email="leider@example.nl")
    client.force_login(world.coordinator)
    url = reverse("werkplaats:account_uitnodigen", kwargs={"pk": world.werkplaats.pk})
    data = {"voornaam": "Anna", "achternaam": "de Vries", "email": "anna@example.nl", "soort": "implementatieleider"}
    aantal = User.objects.count()
    response = client.post(url, {**data, "organisatie": world.org_a.pk, **wijziging})
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert User.objects.count() == aantal and django_mail.outbox == []


def test_uitnodigen_in_organisatie_van_andere_werkplaats_geeft_404(client, world):
    client.force_login(world.coordinator)
    url = reverse("werkplaats:account_uitnodigen", kwargs={"pk": world.werkplaats.pk})
    data = {"voornaam": "A", "achternaam": "B", "email": "a@example.nl", "soort": "implementatieleider"}
    assert client.post(url, {**data, "organisatie": world.org_elders.pk}).status_code == 404
    assert client.get(reverse("werkplaats:account_list", kwargs={"pk": world.andere_werkplaats.pk})).status_code == 404
    assert not User.objects.filter(email="a@example.nl").exists()


def test_leider_nodigt_niet_uit(client, world):
    client.force_login(world.leider_a)
    url = reverse("werkplaats:account_uitnodigen", kwargs={"pk": world.werkplaats.pk})
    data = {"voornaam": "A", "achternaam": "B", "email": "a@example.nl", "soort": "coordinator"}
    assert client.post(url, data).status_code == 403
    assert not User.objects.filter(email="a@example.nl").exists()


def test_accountpagina_toont_geschiedenis_van_rollen(client, world):
    services.account_rol_toevoegen(
        user=world.leider_a, soort=Rol.Soort.LECTORAAT, werkplaats=world.werkplaats, door=world.coordinator
    )
    client.force_login(world.coordinator)
    url = reverse("werkplaats:account_detail", kwargs={"werkplaats": world.werkplaats.pk, "pk": world.leider_a.pk})
    inhoud = client.get(url).content.decode()
    assert "rol gekregen: Lectoraat Wmo-werkplaats Test" in inhoud
    assert str(world.coordinator) in inhoud


# Password reset ----------------------------------------------------------------------------------------------


def test_herstel_geeft_hetzelfde_antwoord_voor_bekend_en_onbekend_adres(
    client, world, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=world.leider_a.pk).update(email="leider.a@example.nl")
    url = reverse("password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        bekend = client.post(url, {"email": "leider.a@example.nl"})
        onbekend = client.post(url, {"email": "niemand@example.nl"})
    assert (
        (bekend.status_code, bekend.url)
        == (onbekend.status_code, onbekend.url)
        == (302, reverse("password_reset_done"))
    )
    [bericht] = django_mail.outbox
    assert bericht.to == ["leider.a@example.nl"] and "Wmo-werkplaats Test" in bericht.body
    assert Mailbericht.objects.get().soort == Mailbericht.Soort.WACHTWOORD


def test_herstellink_zet_nieuw_wachtwoord(client, world, django_capture_on_commit_callbacks):
    User.objects.filter(pk=world.leider_a.pk).update(email="leider.a@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "leider.a@example.nl"})
    response = client.get(link_uit(django_mail.outbox[0]), follow=True)
    nieuw = {"new_password1": "Zonnebloem-2024!", "new_password2": "Zonnebloem-2024!"}
    assert client.post(response.redirect_chain[-1][0], nieuw).url == reverse("password_reset_complete")
    assert authenticate(username="leider_a", password="Zonnebloem-2024!") is not None


def test_herstel_is_begrensd(client, world, settings):
    settings.WACHTWOORD_HERSTEL_PER_UUR = 3
    url = reverse("password_reset")
    antwoorden = [client.post(url, {"email": f"iemand{n}@example.nl"}).status_code for n in range(4)]
    assert antwoorden == [302, 302, 302, 429]
    assert "Te veel aanvragen" in client.post(url, {"email": "x@example.nl"}).content.decode()


def test_ongeldige_herstellink_geeft_400_met_melding(client):
    response = client.get(reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-def"}))
    assert response.status_code == 400 and "verlopen of al gebruikt" in response.content.decode()


def test_weekoverzicht_uitzetten(client, world):
    client.force_login(world.coordinator)
    assert client.post(reverse("account_instellingen"), {}).status_code == 302
    assert not User.objects.get(pk=world.coordinator.pk).wekelijks_overzicht


def test_smtp_fout_bij_uitnodigen_via_formulier_geeft_geen_500(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    def kapot(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("verbinding verbroken")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", kapot)
    client.force_login(world.coordinator)
    url = reverse("werkplaats:account_uitnodigen", kwargs={"pk": world.werkplaats.pk})
    data = {"voornaam": "A", "achternaam": "B", "email": "a@example.nl", "soort": "coordinator"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    bericht = Mailbericht.objects.get()
    assert bericht.status == Mailbericht.Status.MISLUKT and "verbinding verbroken" in bericht.fout
    assert "niet verzonden" in client.get(_lijst(world)).content.decode()
    mails = client.get(reverse("werkplaats:mail_list", kwargs={"pk": world.werkplaats.pk})).content.decode()
    assert "verbinding verbroken" in mails and "Opnieuw versturen" in mails


def test_uitnodigingsdatum_op_accountpagina_en_in_de_lijst(client, world, versturen):
    uitgenodigd = uitnodigen(world, versturen)
    verstuurd = datetime.datetime(2026, 11, 3, 10, tzinfo=datetime.UTC)
    User.objects.filter(pk=uitgenodigd.pk).update(uitgenodigd_op=verstuurd)
    client.force_login(world.coordinator)
    pagina = client.get(
        reverse("werkplaats:account_detail", kwargs={"werkplaats": world.werkplaats.pk, "pk": uitgenodigd.pk})
    )
    assert "uitnodiging verstuurd op 3 november 2026" in pagina.content.decode()
    lijst = client.get(reverse("werkplaats:account_list", kwargs={"pk": world.werkplaats.pk}))
    assert "op 3 november 2026" in lijst.content.decode()
