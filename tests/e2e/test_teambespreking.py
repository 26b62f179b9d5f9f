"""A quickscan round run as a team meeting, in the browser: the leader turns team scoring on and invites three members
by address; each scores through the personal link in their mail (no account, only their own form); the leader opens
the meeting view, sets the consensus with the keyboard, submits the round with a target per element, and the next
round says per element whether its target was reached. The member's form and the meeting view are checked with
axe-core (the crawl of test_toegankelijkheid.py sees them only as the demo has them: a submitted round) and
photographed into test-artifacts/.
"""

from __future__ import annotations

import datetime
import re

from django.core import mail as django_mail
from playwright.sync_api import expect

from quickscan import services
from quickscan.models import Ronde, Score, Teamlid, Teamscore, Teamscoring
from tests.e2e.conftest import ARTIFACTS, login
from tests.e2e.test_quickscan import kies_score, tab_to
from tests.e2e.test_toegankelijkheid import AXE, AXE_STARTEN, TAGS
from werkplaats.models import Afdeling, Mailbericht, Organisatie, User

LEDEN = {
    # name: {element: (score, note)}
    "Anna": {"missie": (4, ""), "beleid": (2, "Het beleidsplan ligt nog bij het MT."), "netwerk": (4, "")},
    "Bram": {"missie": (3, ""), "beleid": (3, "")},
    "Cas": {"missie": (4, "Staat in het jaarplan."), "beleid": (2, ""), "netwerk": (5, "")},
}


def _context(browser):
    """A browser context with axe-core loaded (an init script, which the CSP does not govern) and a record of what the
    Content-Security-Policy refused."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1366, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    geweigerd: list[str] = []
    page.on("console", lambda b: geweigerd.append(b.text) if "Content Security Policy" in b.text else None)
    return context, page, geweigerd


def _axe(page) -> None:
    overtredingen = page.evaluate(AXE_STARTEN, TAGS)
    assert overtredingen == [], f"axe-core op {page.url}: {overtredingen}"
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"breder dan 320 px: {page.url}"
    page.set_viewport_size({"width": 1366, "height": 900})


def _link(adres: str) -> str:
    bericht = next(b for b in reversed(django_mail.outbox) if b.to == [adres])
    return re.search(r"http://[^/\s]+(/quickscan/rondes/\d+/team/link/\S+/)", bericht.body).group(1)


def test_teambespreking_van_scores_via_links_tot_doelen_in_de_volgende_ronde(browser, server, demo, opruimen):
    opruimen(Mailbericht, Teamscore, Teamlid, Teamscoring, Score, Ronde)
    hoa = Organisatie.objects.get(naam="Het Oude Ambt")
    leider = User.objects.get(username="leider.hoa")
    team_afdeling = Afdeling.objects.get(organisatie=hoa)
    vandaag = datetime.date.today()
    ronde = services.ronde_invullen(
        organisatie=hoa,
        door=leider,
        gegevens={
            "afdeling": team_afdeling,
            "datum": vandaag,
            "ingevuld_door": "Demo Implementatieleider",
            "functie": "Manager HOA",
        },
    )
    context, page, geweigerd = _context(browser)
    try:
        login(page, server, "leider.hoa", demo.DEMO_PASSWORD)
        page.wait_for_url(f"{server.url}/")
        page.goto(f"{server.url}/quickscan/rondes/{ronde.pk}/")
        page.get_by_role("link", name="Teamscores", exact=True).click()
        expect(page.get_by_role("heading", name="Teamscores: quickscan van Sociale gebiedsteams")).to_be_visible()
        page.get_by_role("button", name="Teamscores aanzetten").click()
        expect(page.get_by_text("Teamscores staan aan. Nodig nu de teamleden uit.")).to_be_visible()
        for naam in LEDEN:
            page.get_by_label("Naam", exact=True).fill(naam)
            page.get_by_label("E-mailadres").fill(f"{naam.lower()}@example.org")
            page.get_by_role("button", name="Uitnodigen").click()
            expect(page.get_by_text(f"{naam} is uitgenodigd.")).to_be_visible()
        expect(page.get_by_role("row", name=re.compile("Cas"))).to_contain_text("verzonden")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "teamscores_leider.png"), full_page=True)

        # Each member opens the link in their mail: no login, only their own form.
        for nummer, (naam, scores) in enumerate(LEDEN.items()):
            lid_context, lid, lid_geweigerd = _context(browser)
            try:
                lid.goto(server.url + _link(f"{naam.lower()}@example.org"))
                expect(
                    lid.get_by_role("heading", name="Uw scores voor de quickscan van Sociale gebiedsteams")
                ).to_be_visible()
                expect(lid.get_by_text("Uw scores zijn anoniem")).to_be_visible()
                expect(lid.get_by_role("button", name="Uitloggen")).to_have_count(0)
                for code, (score, notitie) in scores.items():
                    kies_score(lid, code, score)
                    if notitie:
                        tab_to(lid, f"textarea[name='el-{code}-toelichting']")
                        lid.keyboard.type(notitie)
                if nummer == 0:
                    _axe(lid)
                    lid.screenshot(path=str(ARTIFACTS / "teamscore_formulier.png"), full_page=True)
                lid.get_by_role("button", name="Mijn scores opslaan").click()
                expect(lid.get_by_text("Uw scores zijn opgeslagen.")).to_be_visible()
                assert lid_geweigerd == []
            finally:
                lid_context.close()
        assert Teamscore.objects.filter(teamlid__teamscoring__ronde=ronde).count() == 8

        # The meeting: the spread per element, the previous consensus and target, the consensus by keyboard.
        page.goto(f"{server.url}/quickscan/rondes/{ronde.pk}/vergadering/")
        expect(page.get_by_text("3 van 3 teamleden hebben vooraf gescoord.")).to_be_visible()
        missie = page.locator("#bespreking-missie")
        expect(missie).to_contain_text("Laagste 3 · mediaan 4 · hoogste 4")
        expect(missie).to_contain_text("Staat in het jaarplan.")
        # The previous round (7 October 2014, HOA_2 of the demo): consensus 3, its target the norm, 3.
        expect(missie.locator(".vorige dd")).to_have_text(["3", "3"])
        expect(page.locator("#bespreking-beleid")).to_contain_text("Het beleidsplan ligt nog bij het MT.")
        for naam in LEDEN:
            expect(page.locator("main")).not_to_contain_text(naam)  # anonymous: no names, for the leader neither
        for code, score in {"missie": 4, "beleid": 2, "netwerk": 4}.items():
            kies_score(page, code, score)
        tab_to(page, "textarea[name='el-beleid-toelichting']")
        page.keyboard.type("Eerst het beleidsplan vaststellen.")
        _axe(page)
        page.screenshot(path=str(ARTIFACTS / "teambespreking.png"), full_page=True)
        tab_to(page, "button[value='afronden']")
        page.keyboard.press("Enter")

        # The summary: a target per element for the next round, then submit.
        expect(page.get_by_role("heading", name="Ronde afronden?")).to_be_visible()
        page.locator("select[name='doel-missie']").select_option("5")
        expect(page.locator("select[name='doel-beleid']")).to_have_value("3")  # the norm, above the score
        page.get_by_role("button", name=re.compile("afronden")).click()
        expect(page.get_by_text("De ronde is afgerond.")).to_be_visible()
        assert dict(Score.objects.filter(ronde=ronde).values_list("element__code", "score")) | {} == {
            **dict.fromkeys(["uitgangspunten", "procedures", "activiteiten", "verslaglegging", "organisatiecultuur"]),
            "missie": 4,
            "beleid": 2,
            "netwerk": 4,
        }
        assert (
            Score.objects.get(ronde=ronde, element__code="beleid").toelichting == "Eerst het beleidsplan vaststellen."
        )

        # The next round says per element whether the target was reached.
        elementen = {e.code: e.pk for e in ronde.instrument.elementen.all()}
        volgende = services.ronde_invullen(
            organisatie=hoa,
            door=leider,
            gegevens={
                "afdeling": team_afdeling,
                "datum": vandaag,
                "ingevuld_door": "Demo Implementatieleider",
                "functie": "Manager HOA",
            },
            invoer={elementen["missie"]: services.ElementInvoer(4), elementen["beleid"]: services.ElementInvoer(3)},
        )
        page.goto(f"{server.url}/quickscan/rondes/{volgende.pk}/")
        expect(page.get_by_role("row", name=re.compile(r"^1\. Missie"))).to_contain_text("doel niet bereikt")
        expect(page.get_by_role("row", name=re.compile(r"^3\. Beleid"))).to_contain_text("doel bereikt")
        assert geweigerd == []
    finally:
        context.close()


def test_demo_teambespreking_met_namen_voor_de_leider_en_alleen_te_lezen(browser, server, demo):
    """The demo's second HOA round was scored by its team with names: the leader sees who gave which score, the
    round is submitted, so the meeting view only shows the consensus."""
    ronde = Teamscoring.objects.get(ronde__organisatie__naam="Het Oude Ambt").ronde
    context, page, geweigerd = _context(browser)
    try:
        login(page, server, "leider.hoa", demo.DEMO_PASSWORD)
        page.wait_for_url(f"{server.url}/")
        page.goto(f"{server.url}/quickscan/rondes/{ronde.pk}/vergadering/")
        expect(page.get_by_text("5 van 5 teamleden hebben vooraf gescoord.")).to_be_visible()
        beleid = page.locator("#bespreking-beleid")
        expect(beleid.locator(".per-lid")).to_contain_text("Jeroen: 3")
        expect(beleid).to_contain_text("Het beleidsplan is nu vastgesteld. (Jeroen, score 3)")
        expect(beleid.locator(".consensus-vast")).to_have_text("Consensus: 3")
        expect(page.locator("input[type='radio']")).to_have_count(0)
        _axe(page)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "teambespreking_demo.png"), full_page=True)
        assert geweigerd == []
    finally:
        context.close()
