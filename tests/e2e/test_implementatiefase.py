"""The implementation phase in the browser: a coordinator reads it on the organisation's page, overrides it with a note
and undoes that again; both pages pass axe-core. With WERKPLAATS_SCHERMAFDRUKKEN=<folder> the pages are saved as PNG."""

import os
from pathlib import Path

from playwright.sync_api import expect

from rapportage.models import Fasecorrectie
from tests.e2e.conftest import login
from tests.e2e.test_toegankelijkheid import AXE, AXE_STARTEN, TAGS
from werkplaats.models import Organisatie

SCHERMAFDRUKKEN = os.environ.get("WERKPLAATS_SCHERMAFDRUKKEN")


def _afdruk(page, naam: str) -> None:
    if SCHERMAFDRUKKEN:
        Path(SCHERMAFDRUKKEN).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCHERMAFDRUKKEN) / f"{naam}.png"), full_page=True)


def _axe(page) -> None:
    assert page.evaluate(AXE_STARTEN, TAGS) == [], page.url


def test_coordinator_past_de_fase_aan_en_maakt_het_ongedaan(browser, server, demo, opruimen):
    opruimen(Fasecorrectie)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, server, "coordinator", demo.DEMO_PASSWORD)
        hoa = Organisatie.objects.get(naam="Het Oude Ambt")
        page.goto(f"{server.url}/organisaties/{hoa.pk}/")
        panel = page.locator("section[aria-labelledby='fase-kop']")
        expect(panel).to_contain_text("Afgeleid uit de registratie:")
        afgeleid = panel.locator("p strong").first.inner_text()
        _axe(page)

        panel.get_by_role("link", name="Fase aanpassen, met een toelichting").click()
        expect(page.get_by_role("heading", name="Implementatiefase van Het Oude Ambt")).to_be_visible()
        _axe(page)
        page.get_by_label("Borging").check()
        page.get_by_label("Toelichting").fill("De sociale gebiedsteams werken al twee jaar met Het Gesprek.")
        _afdruk(page, "fase_formulier")
        page.get_by_role("button", name="Opslaan").click()

        expect(page.get_by_text("De fase van Het Oude Ambt is aangepast.")).to_be_visible()
        expect(panel.locator(".badge")).to_have_text("Borging")
        expect(panel).to_contain_text("Aangepast door de coördinator: borging")
        expect(panel).to_contain_text("De sociale gebiedsteams werken al twee jaar met Het Gesprek.")
        expect(panel.locator("p strong").first).to_have_text(afgeleid)  # the derived phase stays beside it
        _axe(page)
        _afdruk(page, "organisatie_met_fase")

        panel.get_by_role("link", name="Correctie van de fase wijzigen of ongedaan maken").click()
        _axe(page)
        _afdruk(page, "fase_formulier_met_correctie")
        page.get_by_role("button", name="Correctie ongedaan maken").click()
        expect(page.get_by_text("De correctie is ongedaan gemaakt; de afgeleide fase geldt weer.")).to_be_visible()
        expect(panel).not_to_contain_text("Aangepast door de coördinator")
        assert not Fasecorrectie.objects.filter(actief=True).exists()
    finally:
        context.close()
