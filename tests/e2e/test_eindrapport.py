from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from rapportage.models import Eindrapport, RapportTekst
from tests.e2e.conftest import login


def test_lectoraat_bewerkt_voorwoord_bekijkt_voorbeeld_en_downloadt_pdf(page, server, demo, opruimen):
    opruimen(RapportTekst)
    login(page, server, "lectoraat", demo.DEMO_PASSWORD)
    rapport = Eindrapport.objects.get()
    page.goto(server.url + reverse("trajecten:traject_detail", kwargs={"pk": rapport.traject_id}))
    page.get_by_role("link", name="Eindrapporten", exact=True).click()
    page.get_by_role("link", name=rapport.titel).click()
    page.get_by_role("link", name="Voorwoord").click()
    veld = page.get_by_role("textbox", name="Tekst")
    veld.fill("Dit rapport beschrijft **{{ professionals_totaal }}** geschoolde professionals. Met dank aan allen.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De tekst is opgeslagen.")).to_be_visible()
    voorbeeld = page.get_by_role("article", name="Voorbeeld van het rapport")
    expect(voorbeeld).to_contain_text("Dit rapport beschrijft 89 geschoolde professionals.")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Eindrapport (PDF)").click()
    pad = download_info.value.path()
    tekst = "\n".join(p.extract_text() for p in PdfReader(pad).pages)
    assert "Dit rapport beschrijft 89 geschoolde professionals." in " ".join(tekst.split())
