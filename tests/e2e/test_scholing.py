import re

from django.urls import reverse
from playwright.sync_api import expect

from scholing.models import Aanwezigheid, Bijeenkomst, Buddy, Inschrijving
from tests.e2e.conftest import login
from trajecten.models import Traject


def test_coordinator_registreert_aanwezigheid_en_team_buddy_en_ziet_nieuwe_cijfers(page, server, demo, opruimen):
    opruimen(Aanwezigheid, Buddy)
    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    traject = Traject.objects.get(naam="Implementatietraject 2014-2015")
    dashboard = server.url + reverse("rapportage:dashboard", kwargs={"pk": traject.pk}) + "?peildatum=2015-12-31"
    page.goto(dashboard)
    expect(page.locator("#buddies-kop + p")).to_contain_text("429 collega's als buddy")

    # The register of a session that has none yet: tick two members.
    sessie = (
        Bijeenkomst.objects.filter(traject=traject, groep__isnull=False, soort="uitwisseling")
        .exclude(aanwezigheden__isnull=False)
        .order_by("datum")
        .first()
    )
    page.goto(server.url + reverse("scholing:aanwezigheid", kwargs={"pk": sessie.pk}))
    vakjes = page.get_by_role("checkbox")
    assert vakjes.count() >= 2
    vakjes.nth(0).check()
    vakjes.nth(1).check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert Aanwezigheid.objects.filter(bijeenkomst=sessie, aanwezig=True).count() == 2

    # A whole team as buddy, on the participant's page.
    inschrijving = Inschrijving.objects.filter(groep__traject=traject, status="afgerond").order_by("pk").first()
    page.goto(server.url + reverse("scholing:persoon_detail", kwargs={"pk": inschrijving.persoon.pk}))
    page.get_by_label("Naam").last.fill("Het hele team Noord")
    page.get_by_label("Hele team").check()
    page.get_by_label("Aantal collega's").fill("12")
    page.get_by_label("Vanaf").fill("2015-01-15")
    page.get_by_role("button", name="Buddy toevoegen").click()
    expect(page.get_by_text("Het hele team Noord").first).to_be_visible()

    page.goto(dashboard)
    expect(page.locator("#buddies-kop + p")).to_contain_text("441 collega's als buddy")
    expect(page.get_by_role("heading", name=re.compile("Dashboard"))).to_be_visible()
