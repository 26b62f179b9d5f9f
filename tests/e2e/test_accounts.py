"""A coordinator brings a leader in without the admin; the leader later resets a forgotten password alone."""

import re

from django.core import mail as django_mail
from playwright.sync_api import expect

from tests.e2e.conftest import login
from werkplaats.models import Accountwijziging, Mailbericht, Rol, User

ADRES = "nieuwe.leider@example.nl"


def _link(server) -> str:
    bericht = django_mail.outbox[-1]
    assert bericht.to == [ADRES]
    pad = re.search(r"http://[^/\s]+(/account/\S+/)", bericht.body).group(1)
    return f"{server.url}{pad}"


def _wachtwoord_kiezen(page, wachtwoord: str) -> None:
    page.locator("#id_new_password1").fill(wachtwoord)
    page.locator("#id_new_password2").fill(wachtwoord)
    page.get_by_role("button", name="Wachtwoord opslaan").click()


def test_coordinator_nodigt_leider_uit_die_zelf_binnenkomt_en_wachtwoord_herstelt(
    page, server, demo, opruimen, settings
):
    opruimen(Mailbericht, Accountwijziging, Rol, User)
    settings.SITE_URL = server.url

    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", name="Accounts")).to_be_visible()
    page.get_by_role("link", name="Persoon uitnodigen").click()
    page.get_by_label("Voornaam").fill("Nina")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("E-mailadres").fill(ADRES)
    page.locator("#id_soort").select_option("implementatieleider")
    page.locator("#id_organisatie").select_option(label="Lentis")
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("Nina Bakker is uitgenodigd.")).to_be_visible()
    expect(page.locator("strong", has_text="uitgenodigd")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    # The leader opens the link from the mail and chooses a password.
    assert "Wmo-werkplaats Noord" in django_mail.outbox[-1].body
    page.goto(_link(server))
    expect(page.get_by_role("heading", name="Welkom: kies uw wachtwoord")).to_be_visible()
    _wachtwoord_kiezen(page, "Zonnebloem-2024!")
    expect(page.get_by_text("Uw wachtwoord is ingesteld.")).to_be_visible()

    login(page, server, ADRES, "Zonnebloem-2024!")
    expect(page.get_by_role("heading", name="Mijn organisaties")).to_be_visible()
    expect(page.get_by_role("link", name="Lentis").first).to_be_visible()
    expect(page.get_by_role("link", name="Het Oude Ambt")).to_have_count(0)
    expect(page.get_by_role("link", name="Accounts")).to_have_count(0)  # a leader invites no one
    page.get_by_role("button", name="Uitloggen").click()

    # Later she forgets the password and resets it herself.
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_label("E-mailadres").fill(ADRES)
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    page.goto(_link(server))
    _wachtwoord_kiezen(page, "Tulpenveld-2025!")
    expect(page.get_by_role("heading", name="Wachtwoord opgeslagen")).to_be_visible()
    login(page, server, ADRES, "Tulpenveld-2025!")
    expect(page.get_by_role("heading", name="Mijn organisaties")).to_be_visible()
    assert User.objects.get(email=ADRES).status == User.Status.ACTIEF
