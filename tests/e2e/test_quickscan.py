import re

from playwright.sync_api import expect

from quickscan.models import Ronde, Score
from tests.e2e.conftest import login
from werkplaats.models import Organisatie


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def kies_score(page, code: str, score: int) -> None:
    tab_to(page, f"input[name='el-{code}-score']")
    # In a radio group the arrow keys move the choice: from "niet gescoord" to 1, 2, ...
    current = page.evaluate(f"() => document.querySelector(\"input[name='el-{code}-score']:checked\")?.value || ''")
    steps = score - (int(current) if current else 0)
    for _ in range(abs(steps)):
        page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")


def test_leider_vult_ronde_in_met_alleen_het_toetsenbord(page, server, demo, opruimen):
    opruimen(Score, Ronde)
    login(page, server, "leider.hoa", demo.DEMO_PASSWORD)
    hoa = Organisatie.objects.get(naam="Het Oude Ambt")
    page.goto(f"{server.url}/quickscan/organisaties/{hoa.pk}/")
    tab_to(page, f"a[href$='?afdeling={hoa.afdelingen.get().pk}']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Nieuwe quickscan voor Het Oude Ambt")).to_be_visible()
    # The previous round (7 October 2014) stands beside every element.
    expect(page.locator("#element-netwerk")).to_contain_text("vorige ronde: 4")

    page.locator("input[name='functie']").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Manager HOA")
    kies_score(page, "missie", 4)
    page.keyboard.press("Tab")
    kies_score(page, "beleid", 3)
    tab_to(page, "textarea[name='el-beleid-toelichting']")
    page.keyboard.type("Beleidsplan vastgesteld door het MT.")
    tab_to(page, "button[value='concept']")
    page.keyboard.press("Enter")
    expect(page.get_by_text("De ronde is opgeslagen als concept.")).to_be_visible()
    expect(page.locator(".badge", has_text="Concept")).to_be_visible()

    tab_to(page, "a[href$='/invullen/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Quickscan Het Oude Ambt invullen")).to_be_visible()
    kies_score(page, "procedures", 4)
    tab_to(page, "button[value='afronden']")
    page.keyboard.press("Enter")
    # A summary names the unscored elements before the round is submitted.
    expect(page.get_by_role("heading", name="Ronde afronden?")).to_be_visible()
    expect(page.get_by_role("link", name="2. Uitgangspunten")).to_be_visible()
    tab_to(page, "main button[type='submit']")
    page.keyboard.press("Enter")
    expect(page.get_by_text("De ronde is afgerond.")).to_be_visible()
    expect(page.locator(".badge", has_text="Afgerond")).to_be_visible()
    # Compared with 7 October 2014: missie (3 -> 4) and procedures (3 -> 4) changed, beleid (3) did not.
    expect(page.locator("[id$='bar-tweede-missie']")).to_have_count(1)
    expect(page.locator("[id$='bar-tweede-procedures']")).to_have_count(1)
    expect(page.locator("[id$='bar-tweede-beleid']")).to_have_count(0)
    expect(page.locator("#element-beleid")).to_contain_text("Beleidsplan vastgesteld door het MT.")

    # The next round starts from these scores, and the progress chart compares the last two rounds.
    page.goto(f"{server.url}/quickscan/organisaties/{hoa.pk}/nieuw/?afdeling={hoa.afdelingen.get().pk}")
    expect(page.locator("#element-missie")).to_contain_text("vorige ronde: 4")
    expect(page.locator("#element-procedures")).to_contain_text("vorige ronde: 4")
    page.goto(f"{server.url}/quickscan/organisaties/{hoa.pk}/")
    expect(page.locator("figure.chart svg").first).to_be_visible()
    expect(page.locator("[id$='bar-tweede-missie']")).to_have_count(1)
    expect(page.get_by_role("heading", name=re.compile("Voortgang"))).to_be_visible()
