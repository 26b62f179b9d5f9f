"""Targets and suggestions in the browser (issue 16): the leader submits a round with a target per element, the next
round's form says while it is filled in whether each target is reached (the status follows the chosen score), its page
says reached / not reached / not scored, and the action form offers suggestions for the weak elements that one click
takes over into the description, still editable, without leaving the page. Photographed into test-artifacts/.
"""

from __future__ import annotations

import datetime
import re

from playwright.sync_api import expect

from quickscan import services
from quickscan.models import Actie, Ronde, Score, Suggestie
from tests.e2e.conftest import ARTIFACTS, login
from werkplaats.models import Afdeling, Organisatie, User


def _ronde(hoa, team, leider, datum, scores) -> Ronde:
    instrument = services.standaard_instrument()
    elementen = {e.code: e.pk for e in instrument.elementen.all()}
    return services.ronde_invullen(
        organisatie=hoa,
        door=leider,
        gegevens={"afdeling": team, "datum": datum, "ingevuld_door": "Demo Implementatieleider", "functie": "Manager"},
        invoer={elementen[code]: services.ElementInvoer(score) for code, score in scores.items()},
    )


def test_doelen_bij_afronden_en_suggesties_overnemen(page, server, demo, opruimen):
    opruimen(Actie, Score, Ronde)
    ARTIFACTS.mkdir(exist_ok=True)
    hoa = Organisatie.objects.get(naam="Het Oude Ambt")
    team = Afdeling.objects.get(organisatie=hoa, naam="Sociale gebiedsteams")
    leider = User.objects.get(username="leider.hoa")
    eerste = _ronde(hoa, team, leider, datetime.date(2015, 3, 2), {"missie": 2, "beleid": 4, "procedures": 2})
    login(page, server, "leider.hoa", demo.DEMO_PASSWORD)
    page.wait_for_url(f"{server.url}/")

    # Submitting: a target per element, proposed as the norm or the higher score.
    page.goto(f"{server.url}/quickscan/rondes/{eerste.pk}/afronden/")
    expect(page.get_by_role("heading", name="Doelen voor de volgende ronde")).to_be_visible()
    expect(page.get_by_label("1. Missie")).to_have_value("3")
    expect(page.get_by_label("3. Beleid")).to_have_value("4")
    page.get_by_label("3. Beleid").select_option("5")
    page.get_by_label("4. Procedures").select_option("3")
    page.get_by_label("7. Netwerk van voorzieningen").select_option("")
    page.screenshot(path=str(ARTIFACTS / "doelen_afronden.png"), full_page=True)
    page.get_by_role("button", name=re.compile("afronden")).click()
    expect(page.get_by_text("De ronde is afgerond.")).to_be_visible()
    doelen = dict(Score.objects.filter(ronde=eerste).values_list("element__code", "doel"))
    assert (doelen["missie"], doelen["beleid"], doelen["procedures"], doelen["netwerk"]) == (3, 5, 3, None)
    expect(page.locator("[id$='-doel-beleid'], #doel-beleid")).to_have_count(1)  # the target in the progress chart
    expect(page.locator("[id$='-doel-netwerk'], #doel-netwerk")).to_have_count(0)

    # The next round's form: the status follows the score being chosen.
    volgende = _ronde(hoa, team, leider, datetime.date(2015, 6, 1), {"missie": 3, "beleid": 4})
    page.goto(f"{server.url}/quickscan/rondes/{volgende.pk}/invullen/")
    missie = page.locator("#element-missie [data-doel]")
    expect(missie).to_have_text("doel uit de vorige ronde: 3 (doel bereikt)")
    page.locator("#element-missie").get_by_label("2", exact=True).check()
    expect(missie).to_have_text("doel uit de vorige ronde: 3 (doel niet bereikt)")
    page.locator("#element-missie").get_by_label("niet gescoord").check()
    expect(missie).to_have_text("doel uit de vorige ronde: 3 (niet gescoord)")

    # The next round's page: reached, not reached, not scored.
    page.goto(f"{server.url}/quickscan/rondes/{volgende.pk}/")
    expect(page.get_by_role("row", name=re.compile(r"^1\. Missie"))).to_contain_text("doel bereikt")
    expect(page.get_by_role("row", name=re.compile(r"^3\. Beleid"))).to_contain_text("doel niet bereikt")
    expect(page.get_by_role("row", name=re.compile(r"^4\. Procedures"))).to_contain_text("niet gescoord")
    page.screenshot(path=str(ARTIFACTS / "doelen_volgende_ronde.png"), full_page=True)

    # The action form of the first round: suggestions for procedures (below the norm) and beleid (below its target).
    page.goto(f"{server.url}/quickscan/rondes/{eerste.pk}/acties/nieuw/?element=missie")
    aside = page.locator("aside")
    expect(aside.get_by_role("heading", name=re.compile(r"^4\. Procedures"))).to_be_visible()
    expect(aside.get_by_role("heading", name=re.compile(r"^3\. Beleid"))).to_contain_text("score 4, doel 5")
    expect(aside.get_by_role("heading", name=re.compile(r"^7\. Netwerk"))).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "suggesties_actieformulier.png"), full_page=True)
    suggestie = Suggestie.objects.filter(element__code="procedures", niveau="onder_norm").order_by("volgorde").first()
    adres = page.url
    aside.locator(f"a[href$='suggestie={suggestie.pk}']").click()
    omschrijving = page.get_by_label("Omschrijving")
    expect(omschrijving).to_have_value(suggestie.tekst)
    expect(omschrijving).to_be_focused()
    assert page.url == adres  # filled in on the page, nothing lost
    expect(page.get_by_label("Element")).to_have_value(str(suggestie.element_id))
    omschrijving.press("End")
    omschrijving.type(" Te beginnen met de aanmelding.")
    page.get_by_label("Eigenaar").fill("Teamleider")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Actie opgeslagen.")).to_be_visible()
    actie = Actie.objects.get(ronde=eerste)
    assert actie.omschrijving == suggestie.tekst + " Te beginnen met de aanmelding."
    assert actie.element.code == "procedures"
