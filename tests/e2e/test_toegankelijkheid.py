"""Accessibility in the browser: axe-core (WCAG 2.1 A/AA) and reflow at 320 CSS px, over every page each role reaches.

The pages are read from the URL resolver, one URL per pattern, filled in with the demo's records (`DEMO_ARGUMENTEN`):
a new URL without an entry makes `test_elke_pagina_wordt_bezocht` fail, as the permission matrix does. POST-only
URLs (their rule in the permission matrix says so) and downloads are left out. Each role crawls once with one
browser context (`rondgang`), at 1366 px for axe and at 320 px for the width; both tests read that one crawl.

axe-core comes from the npm registry (tests/e2e/package.json, `npm ci --prefix tests/e2e`, a step of `make test`).
Django's admin (/beheer/) is not crawled: it is a known exception in the accessibility statement (/toegankelijkheid).
The HTML the server sent for each crawled page (and the error page, 500.html) is checked by the W3C Nu HTML Checker
(vnu.jar, npm's vnu-jar, run by the system's Java) in one run at the end, so the JVM starts once: its errors fail,
its warnings do not, and the few accepted errors are in `VNU_UITZONDERINGEN` with their reason.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from tests.test_permissions import RULES, _project_url_names

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ROLLEN = ["coordinator", "leider.hoa", "lectoraat", "beheerder", "landelijk", "anoniem"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ERNSTIG = {"serious", "critical"}
BREEDTE = 320  # CSS px (WCAG 1.4.10 Reflow)
BUREAU = {"width": 1366, "height": 900}

# Not pages: a download, the logout, the health check, the second step (sends a logged-in user home).
OVERSLAAN = {
    "scholing:persoon_inzage_json",
    "scholing:import_sjabloon",
    "rapportage:eindrapport_pdf",
    "rapportage:eindrapport_cijfers",
    "rapportage:eindrapport_versie_pdf",
    "rapportage:disseminatie_bestand",
    "rapportage:achterpagina_logo",
    "quickscan:teamscores_export",  # a CSV or Excel download
    "rapportage:achterpagina_update",  # visited through rapportage:achterpagina, which leads to it in the demo
    "logout",
    "healthz",
    "tweestaps_controleren",
    # The read API answers JSON (and its schema YAML), not pages; its documentation page (api:docs) is crawled. Swagger
    # UI (api:swagger, the interactive companion) is a third-party widget that fails axe's nested-interactive rule.
    *(
        f"api:{basis}-{soort}"
        for basis in ("organisatie", "methode", "streefwaarde", "ronde", "actie", "traject")
        for soort in ("list", "detail")
    ),
    "api:traject-cijfers",
    "api:traject-onderzoek",
    "api:landelijk-onderzoek-list",
    "api:schema",
    "api:swagger",
}
DOWNLOADS = ("_pdf", "_csv", "_json", "_xlsx", "_sjabloon")  # URL names of files, not pages


@dataclass
class Demo:
    """The demo's records the URLs are filled in with: those of Het Oude Ambt (leider.hoa's organisation)."""

    ids: dict[str, Any] = field(default_factory=dict)  # ids, and a team member's link token

    @classmethod
    def laden(cls) -> Demo:
        from quickscan.models import Actie, Ronde, Suggestie
        from rapportage.models import Disseminatie, Eindrapport, Onderwijsmodule, Plaatsing, Programmaonderdeel
        from scholing.models import Bijeenkomst, Implementatieleider, Inschrijving, Persoon, Scholingsgroep
        from trajecten.models import Deelname, Fase, Methode, Streefwaarde
        from werkplaats.models import Afdeling, Organisatie, User

        organisatie = Organisatie.objects.get(naam="Het Oude Ambt")
        deelname = Deelname.objects.filter(organisatie=organisatie).order_by("pk").first()
        traject = deelname.traject
        leider = User.objects.get(username="leider.hoa")
        rondes = Ronde.objects.filter(organisatie=organisatie).order_by("-pk")
        afgerond = rondes.filter(status=Ronde.Status.AFGEROND).first()
        concept = rondes.filter(status=Ronde.Status.CONCEPT).first() or afgerond
        persoon = Persoon.objects.filter(organisatie=organisatie, inschrijvingen__isnull=False).order_by("pk").first()
        conferentie = Disseminatie.objects.filter(traject=traject, programma__isnull=False).order_by("pk").first()
        ids = {
            "organisatie": organisatie.pk,
            "afdeling": Afdeling.objects.filter(organisatie=organisatie).order_by("pk").first().pk,
            "werkplaats": organisatie.werkplaats_id,
            "account": leider.pk,
            "traject": traject.pk,
            "fase": Fase.objects.filter(traject=traject).order_by("pk").first().pk,
            "deelname": deelname.pk,
            "streefwaarde": Streefwaarde.objects.filter(traject=traject).order_by("pk").first().pk,
            "methode": Methode.objects.order_by("pk").first().pk,
            "persoon": persoon.pk,
            "inschrijving": Inschrijving.objects.filter(persoon=persoon).order_by("pk").first().pk,
            "groep": Scholingsgroep.objects.filter(traject=traject).order_by("pk").first().pk,
            "bijeenkomst": Bijeenkomst.objects.filter(traject=traject).order_by("pk").first().pk,
            "implementatieleider": Implementatieleider.objects.filter(persoon__organisatie=organisatie)
            .order_by("pk")
            .first()
            .pk,
            "afgerond": afgerond.pk,
            "concept": concept.pk,
            "actie": Actie.objects.filter(ronde__organisatie=organisatie).order_by("pk").first().pk,
            "conferentie": conferentie.pk,
            "programmaonderdeel": Programmaonderdeel.objects.filter(disseminatie=conferentie).order_by("pk").first().pk,
            "onderwijsmodule": Onderwijsmodule.objects.filter(traject=traject).order_by("pk").first().pk,
            "plaatsing": Plaatsing.objects.filter(module__traject=traject).order_by("pk").first().pk,
            "eindrapport": Eindrapport.objects.filter(traject=traject).order_by("pk").first().pk,
            "instrument": afgerond.instrument_id,
            "suggestie": Suggestie.objects.filter(element__instrument_id=afgerond.instrument_id)
            .order_by("pk")
            .first()
            .pk,
        }
        # The HOA round the team scored first (werkplaats/demo/quickscan.py): its meeting, and a member's link (a fresh
        # token; only its hash is stored, so the crawl makes one).
        from quickscan import team
        from quickscan.models import Teamlid

        teamlid = Teamlid.objects.filter(teamscoring__ronde__organisatie=organisatie, user__isnull=True).order_by("pk")
        ids["teamronde"] = teamlid.first().teamscoring.ronde_id
        ids["teamtoken"] = team.token_vernieuwen(teamlid.first())
        return cls(ids=ids)


def _pk(sleutel: str) -> Callable[[Demo], dict]:
    return lambda demo: {"pk": demo.ids[sleutel]}


# The arguments of each URL pattern, from the demo; a pattern without arguments needs no entry.
DEMO_ARGUMENTEN: dict[str, Callable[[Demo], dict]] = {
    "werkplaats:organisatie_detail": _pk("organisatie"),
    "werkplaats:organisatie_update": _pk("organisatie"),
    "werkplaats:afdeling_create": _pk("organisatie"),
    "werkplaats:afdeling_update": _pk("afdeling"),
    "werkplaats:account_list": _pk("werkplaats"),
    "werkplaats:account_uitnodigen": _pk("werkplaats"),
    "werkplaats:account_detail": lambda d: {"werkplaats": d.ids["werkplaats"], "pk": d.ids["account"]},
    "werkplaats:mail_list": _pk("werkplaats"),
    "trajecten:traject_detail": _pk("traject"),
    "trajecten:traject_update": _pk("traject"),
    "trajecten:fase_create": _pk("traject"),
    "trajecten:fase_update": _pk("fase"),
    "trajecten:deelname_create": _pk("traject"),
    "trajecten:deelname_update": _pk("deelname"),
    "trajecten:streefwaarde_create": _pk("traject"),
    "trajecten:streefwaarde_update": _pk("streefwaarde"),
    "trajecten:methode_detail": _pk("methode"),
    "trajecten:methode_update": _pk("methode"),
    "trajecten:methode_namen": lambda d: {"pk": d.ids["methode"], "werkplaats": d.ids["werkplaats"]},
    "scholing:persoon_detail": _pk("persoon"),
    "scholing:persoon_update": _pk("persoon"),
    "scholing:inschrijving_create": _pk("persoon"),
    "scholing:implementatieleider_create": _pk("persoon"),
    "scholing:persoon_inzage": _pk("persoon"),
    "scholing:persoon_vergeten": _pk("persoon"),
    "scholing:inschrijving_update": _pk("inschrijving"),
    "scholing:inschrijving_afmelden": _pk("inschrijving"),
    "scholing:inschrijving_hervatten": _pk("inschrijving"),
    "scholing:inschrijving_afronden": _pk("inschrijving"),
    "scholing:groep_create": _pk("traject"),
    "scholing:groep_detail": _pk("groep"),
    "scholing:groep_update": _pk("groep"),
    "scholing:bijeenkomst_create": _pk("traject"),
    "scholing:aanwezigheid": _pk("bijeenkomst"),
    "scholing:bijeenkomst_update": _pk("bijeenkomst"),
    "scholing:implementatieleider_update": _pk("implementatieleider"),
    "scholing:implementatieleider_stoppen": _pk("implementatieleider"),
    "scholing:import": _pk("traject"),
    "quickscan:organisatie": _pk("organisatie"),
    "quickscan:ronde_create": _pk("organisatie"),
    "quickscan:ronde_detail": _pk("afgerond"),
    "quickscan:ronde_update": lambda d: {"ronde": d.ids["concept"]},
    "quickscan:actie_create": _pk("afgerond"),
    "quickscan:actie_update": _pk("actie"),
    "quickscan:instelling": _pk("werkplaats"),
    "quickscan:suggestie_list": _pk("instrument"),
    "quickscan:suggestie_create": _pk("instrument"),
    "quickscan:suggestie_update": _pk("suggestie"),
    "rapportage:eindrapport_list": _pk("traject"),
    "rapportage:eindrapport_detail": _pk("eindrapport"),
    "rapportage:eindrapport_update": _pk("eindrapport"),
    "rapportage:eindrapport_tekst": lambda d: {"pk": d.ids["eindrapport"], "sectie": "voorwoord"},
    "rapportage:eindrapport_correctie": _pk("eindrapport"),
    "rapportage:eindrapport_bevriezen_bevestigen": _pk("eindrapport"),
    "rapportage:dashboard": _pk("traject"),
    "rapportage:onderzoek": _pk("traject"),
    "rapportage:disseminatie_list": _pk("traject"),
    "rapportage:disseminatie_create": _pk("traject"),
    "rapportage:disseminatie_update": _pk("conferentie"),
    "rapportage:conferentie_detail": _pk("conferentie"),
    "rapportage:programmaonderdeel_create": _pk("conferentie"),
    "rapportage:programmaonderdeel_update": _pk("programmaonderdeel"),
    "rapportage:onderwijsmodule_list": _pk("traject"),
    "rapportage:onderwijsmodule_create": _pk("traject"),
    "rapportage:onderwijsmodule_update": _pk("onderwijsmodule"),
    "rapportage:plaatsing_create": _pk("onderwijsmodule"),
    "rapportage:plaatsing_update": _pk("plaatsing"),
    "rapportage:achterpagina": _pk("werkplaats"),
    "quickscan:team": _pk("teamronde"),
    "quickscan:vergadering": _pk("teamronde"),
    "quickscan:mijn_teamscores": _pk("teamronde"),
    "quickscan:team_link": lambda d: {"pk": d.ids["teamronde"], "token": d.ids["teamtoken"]},
    "rapportage:fase": _pk("organisatie"),
    # An expired or forged link: the page that says so
    "password_reset_confirm": lambda d: {"uidb64": "MQ", "token": "ongeldig"},
    "uitnodiging_accepteren": lambda d: {"uidb64": "MQ", "token": "ongeldig"},
}


def _paginas() -> list[str]:
    """The URL names to visit: every project URL but POST-only ones and those in OVERSLAAN."""
    return sorted(
        naam
        for naam in _project_url_names()
        if naam not in OVERSLAAN
        and not naam.endswith(DOWNLOADS)
        and not (naam in RULES and RULES[naam].method == "post")
    )


def test_elke_pagina_wordt_bezocht():
    """Every page pattern can be filled in from the demo (or is skipped on purpose)."""
    zonder = []
    for naam in _paginas():
        try:
            reverse(naam)
        except NoReverseMatch:
            if naam not in DEMO_ARGUMENTEN:
                zonder.append(naam)
    assert zonder == [], "URL-patronen zonder demo-argumenten in DEMO_ARGUMENTEN"


@dataclass
class Bezoek:
    naam: str
    url: str
    status: int
    overtredingen: list[dict]  # serious and critical ones: rule, impact, help, the first few targets
    breedte: int  # document.documentElement.scrollWidth at BREEDTE px
    html: str = ""  # the document as the server sent it, for the Nu HTML Checker


AXE_STARTEN = """async (tags) => {
  const uitslag = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return uitslag.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    regel: v.id, impact: v.impact, hulp: v.help, aantal: v.nodes.length,
    waar: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n')[1]),
  }));
}"""


# The main content of a page without its CSRF tokens, as a short hash: the same content another role's crawl has checked
# already needs no second axe run (the header, which differs per role, is checked with each role's first page). The
# browser's own SHA-256 (the server is http://localhost, a secure context), and axe in the same call when the hash is
# new: one round trip to the browser per page.
HASH_EN_AXE = (
    """async ([tags, gezien, altijd]) => {
  const tekst = (document.querySelector('main') || document.body).innerHTML
    .replace(/name="csrfmiddlewaretoken" value="[^"]*"/g, '');
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(tekst));
  const inhoud = Array.from(new Uint8Array(hash), b => b.toString(16).padStart(2, '0')).join('') + ':' + tekst.length;
  if (!altijd && gezien.includes(inhoud)) return {inhoud, overtredingen: null};
  return {inhoud, overtredingen: await ("""
    + AXE_STARTEN
    + """)(tags)};
}"""
)


def _rondgang(
    browser, server, rol: str, urls: list[tuple[str, str]], wachtwoord: str, inhoud_gezien: set[str]
) -> tuple[list[Bezoek], list]:
    """One role's crawl in one browser context: each page once, axe at desktop width, then its width at 320 px."""
    from tests.e2e.conftest import login

    # axe comes in as an init script (through the DevTools protocol, before the page's own scripts), which the pages'
    # Content-Security-Policy does not govern: the policy stays on, and whatever it refuses is a failure here too.
    context = browser.new_context(locale="nl-NL", viewport=BUREAU)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    fouten: list = []
    page.on("pageerror", lambda fout: fouten.append(f"{page.url}: {fout}"))
    page.on(
        "console",
        lambda bericht: (
            fouten.append(f"{page.url}: {bericht.text}") if "Content Security Policy" in bericht.text else None
        ),
    )
    if rol != "anoniem":
        login(page, server, rol, wachtwoord)
        page.wait_for_url(f"{server.url}/")
    bezoeken = []
    gezien: set[tuple[str, int]] = set()
    for naam, url in urls:
        page.set_viewport_size(BUREAU)
        response = page.goto(server.url + url, wait_until="domcontentloaded")
        status = response.status if response else 0
        # A page that sends the role elsewhere, or an error page: checked once per end URL and status.
        sleutel = (urlsplit(page.url).path if status == 200 else "", status)
        if sleutel in gezien or "text/html" not in (response.headers.get("content-type", "") if response else ""):
            continue
        gezien.add(sleutel)
        uitslag = page.evaluate(HASH_EN_AXE, [TAGS, sorted(inhoud_gezien), not bezoeken])
        inhoud_gezien.add(uitslag["inhoud"])
        if uitslag["overtredingen"] is None:
            continue
        overtredingen = uitslag["overtredingen"]
        page.set_viewport_size({"width": BREEDTE, "height": 700})
        breedte = page.evaluate("document.documentElement.scrollWidth")
        html = response.text() if response else ""
        bezoeken.append(
            Bezoek(naam=naam, url=url, status=status, overtredingen=overtredingen, breedte=breedte, html=html)
        )
    context.close()
    return bezoeken, fouten


# The crawl's role -> the role of the permission matrix whose rules it follows (the demo's records are those of
# leider.hoa's organisation, as the matrix's are those of leader A's).
MATRIXROL = {
    "coordinator": "coordinator",
    "leider.hoa": "leider_a",
    "lectoraat": "lectoraat",
    "beheerder": "beheerder",
    "landelijk": "landelijk",
    "anoniem": "anoniem",
}
NIET_TE_ZIEN = {403, 404, "login", "home"}


def _voor_rol(rol: str, urls: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The URLs a role reaches by the permission matrix, plus one of each refusal it gets (its 403, 404 and login
    pages); the matrix itself checks every refusal."""
    lijst, weigeringen = [], set()
    for naam, url in urls:
        verwacht = RULES[naam].verwacht(MATRIXROL[rol]) if naam in RULES else 200
        if verwacht in NIET_TE_ZIEN:
            if verwacht in weigeringen:
                continue
            weigeringen.add(verwacht)
        lijst.append((naam, url))
    return lijst


@pytest.fixture(scope="module")
def rondgang(browser, server, django_db_blocker):
    """The crawl of each role, made the first time a test asks for it."""
    from tests.e2e.conftest import _tellingen
    from werkplaats.demo import DEMO_PASSWORD

    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run `npm ci --prefix tests/e2e` (a step of `make test`).")
    with django_db_blocker.unblock():
        demo = Demo.laden()
    urls = []
    for naam in _paginas():
        argumenten = DEMO_ARGUMENTEN[naam](demo) if naam in DEMO_ARGUMENTEN else {}
        urls.append((naam, reverse(naam, kwargs=argumenten)))
    urls.append(("onbekend adres (404)", "/bestaat-niet/"))
    gedaan: dict[str, tuple[list[Bezoek], list, float]] = {}
    inhoud_gezien: set[str] = set()

    def voor(rol: str) -> tuple[list[Bezoek], list, float]:
        if rol not in gedaan:
            begin = datetime.datetime.now()
            with django_db_blocker.unblock():  # the server's threads read the demo
                bezoeken, fouten = _rondgang(browser, server, rol, _voor_rol(rol, urls), DEMO_PASSWORD, inhoud_gezien)
            gedaan[rol] = (bezoeken, fouten, (datetime.datetime.now() - begin).total_seconds())
        return gedaan[rol]

    yield voor
    with django_db_blocker.unblock():
        veranderd = {label: aantal for label, aantal in _tellingen().items() if aantal != server.tellingen[label]}
    assert veranderd == {}, f"the crawl changed the demo: {veranderd}"


def _verslag(bezoeken: list[Bezoek]) -> str:
    regels = []
    for bezoek in bezoeken:
        for o in bezoek.overtredingen:
            regels.append(f"{bezoek.url} ({bezoek.naam}): {o['regel']} [{o['impact']}] x{o['aantal']}: {o['waar']}")
    return "\n".join(regels)


@pytest.mark.parametrize("rol", ROLLEN)
def test_axe_geen_ernstige_overtredingen(rondgang, rol):
    bezoeken, fouten, seconden = rondgang(rol)
    assert bezoeken, "no pages visited"
    print(f"{rol}: {len(bezoeken)} pagina's in {seconden:.1f} s")
    assert fouten == [], f"JavaScript-fouten: {fouten}"
    slecht = [b for b in bezoeken if b.overtredingen]
    assert slecht == [], (
        f"axe-core ({', '.join(TAGS)}): ernstige overtredingen op {len(slecht)} van {len(bezoeken)} pagina's:\n"
        + _verslag(slecht)
    )


@pytest.mark.parametrize("rol", ROLLEN)
def test_geen_horizontaal_scrollen_op_320_px(rondgang, rol):
    bezoeken, _, _ = rondgang(rol)
    assert bezoeken, "no pages visited"
    te_breed = {b.url: b.breedte for b in bezoeken if b.breedte > BREEDTE}
    assert te_breed == {}, f"pagina's breder dan {BREEDTE} px: {json.dumps(te_breed, indent=1)}"


def test_toegankelijkheidsverklaring_vanuit_de_voettekst(page, server, demo):
    from playwright.sync_api import expect

    page.goto(f"{server.url}/account/inloggen/")
    page.get_by_role("contentinfo").get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", name="Toegankelijkheidsverklaring")).to_be_visible()
    for kop in ("Status", "Wat we hebben onderzocht en hoe", "Bekende beperkingen", "Feedback en contact"):
        expect(page.get_by_role("heading", name=kop, exact=True)).to_be_visible()


def test_focus_in_het_menu_is_zichtbaar_en_anders_dan_de_huidige_pagina(page, server, demo):
    from tests.e2e.conftest import login

    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    page.wait_for_url(f"{server.url}/")
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Organisaties":
            break
    stijl = "e => {const s = getComputedStyle(e); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]}"
    gefocust = page.evaluate(f"({stijl})(document.activeElement)")
    huidig = page.get_by_role("link", name="Overzicht", exact=True).evaluate(stijl)  # the current page, not focused
    assert page.evaluate("document.activeElement.textContent.trim()") == "Organisaties"
    assert gefocust[0] == "solid" and gefocust[1] >= 3, gefocust
    assert huidig[0] == "none", huidig  # the current page is underlined, not ringed
    assert gefocust[2] == "rgb(255, 221, 0)", gefocust  # yellow: 8:1 against the dark blue bar


# Errors of the Nu HTML Checker that are accepted, as a regular expression on its message -> the reason. Warnings
# (type "info") never fail the test.
VNU_UITZONDERINGEN: dict[str, str] = {}


# The JVM's options: only its quick compiler (C1), which for one run over some 150 documents takes 4-6 s instead of
# 10-16 s, with the deeper thread stack that vnu's schema then needs (without it: a StackOverflowError and no output).
JAVA = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1"]


def _vnu(bestanden: list[Path]) -> list[dict]:
    """The Nu HTML Checker's messages about the files: one run, so the JVM starts once."""
    uitslag = subprocess.run(
        [*JAVA, "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *map(str, bestanden)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert uitslag.returncode == 0 and uitslag.stdout.strip(), uitslag.stderr
    return json.loads(uitslag.stdout)["messages"]


def test_nu_html_checker_vindt_geen_fouten(rondgang, tmp_path):
    """The HTML of every page of the crawl (each distinct document once) and of the error page is valid HTML."""
    from django.test import RequestFactory
    from django.utils import translation
    from django.views.defaults import server_error

    if not VNU.exists():
        pytest.fail(f"vnu.jar not found at {VNU}: run `npm ci --prefix tests/e2e --ignore-scripts` (`make test`).")
    if shutil.which("java") is None:
        pytest.fail("No Java for the Nu HTML Checker: `.ci/system-deps test` installs default-jre-headless.")
    documenten: dict[str, str] = {}  # file name -> which page it is
    gezien: set[str] = set()

    def bewaren(html: str, wat: str) -> None:
        zonder_token = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
        if html and zonder_token not in gezien:
            gezien.add(zonder_token)
            naam = f"{len(documenten):03d}.html"
            (tmp_path / naam).write_text(html, encoding="utf-8")
            documenten[naam] = wat

    for rol in ROLLEN:
        for bezoek in rondgang(rol)[0]:
            bewaren(bezoek.html, f"{bezoek.url} ({rol}: {bezoek.naam})")
    with translation.override("nl"):  # Django renders 500.html with an empty context
        bewaren(server_error(RequestFactory().get("/")).content.decode(), "500.html")

    begin = time.monotonic()
    berichten = _vnu(sorted(tmp_path / naam for naam in documenten))
    print(f"Nu HTML Checker: {len(documenten)} documenten in {time.monotonic() - begin:.1f} s")
    fouten = [
        b
        for b in berichten
        if b.get("type") != "info"
        and not any(re.search(patroon, b.get("message", "")) for patroon in VNU_UITZONDERINGEN)
    ]
    verslag = [
        f"{documenten.get(Path(urlsplit(b.get('url', '')).path).name, b.get('url'))} r{b.get('lastLine')}: "
        f"{b.get('message')} [{b.get('extract', '').strip()[:120]}]"
        for b in fouten
    ]
    assert verslag == [], f"Nu HTML Checker: {len(fouten)} fouten:\n" + "\n".join(verslag)
