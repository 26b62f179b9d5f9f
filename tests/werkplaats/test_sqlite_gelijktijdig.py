"""The embedded database under concurrent writers: 50 leaders' browsers against threaded gunicorn on SQLite.

Each writer logs in, starts a quickscan round for its own organisation and saves a score in it, all at the same
time, against gunicorn's threaded workers (2 processes x 8 threads) on a SQLite file. With a busy timeout,
immediate transactions and WAL (werkplaats/settings.py) every request succeeds and every write is there afterwards;
with SQLite's defaults a third of them failed with "database is locked" (a 500).

The server runs in a subprocess with its own database file, so this test does not use pytest-django's database.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import sqlite_kopie

BASE_DIR = Path(__file__).resolve().parents[2]
SCHRIJVERS = 50
WACHTWOORD = "gelijktijdig-schrijven-2026"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":")[0] not in ("sqlite", ""),
    reason="gaat over de ingebouwde SQLite-database",
)

OPZET = f"""
from werkplaats.models import Organisatie, Rol, User, Werkplaats
from werkplaats.services import rol_toekennen
werkplaats = Werkplaats.objects.create(naam="Wmo-werkplaats Gelijktijdig")
leider = User.objects.create_user("leider", password="{WACHTWOORD}")
ids = []
for i in range({SCHRIJVERS}):
    organisatie = Organisatie.objects.create(werkplaats=werkplaats, naam=f"Organisatie {{i:02d}}")
    rol_toekennen(user=leider, soort=Rol.Soort.IMPLEMENTATIELEIDER, organisatie=organisatie)
    ids.append(organisatie.pk)
print(ids)
"""

CONTROLE = """
import json
from quickscan.models import Score
print(json.dumps([[s.ronde.organisatie_id, s.element.code, s.score] for s in
    Score.objects.filter(score__isnull=False).select_related("ronde", "element")]))
"""


class Formulier(HTMLParser):
    """The fields of the page's post form, as a browser would send them unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = False
        self.velden: list[tuple[str, str]] = []
        self.knoppen: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._tekst = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and "logout" not in (a.get("action") or ""):
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            soort = (a.get("type") or "text").lower()
            if soort in ("radio", "checkbox"):
                if "checked" in a:
                    self.velden.append((name, a.get("value", "on")))
            elif soort == "submit":
                self.knoppen.append((name, a.get("value") or ""))
            else:
                self.velden.append((name, a.get("value") or ""))
        elif tag == "button" and name:
            self.knoppen.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.velden.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea, self._tekst = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._tekst += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.velden.append((self._textarea, self._tekst.lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self.in_form = False


def _formulier(html: str) -> Formulier:
    parser = Formulier()
    parser.feed(html)
    return parser


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _schrijver(basis: str, organisatie_id: int, score: int) -> str | None:
    """One leader's browser: log in, start a round, give the first element a score. None when all went well."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def versturen(pad: str, velden: list[tuple[str, str]] | None = None) -> tuple[int, str, str]:
        data = urllib.parse.urlencode(velden).encode() if velden is not None else None
        verzoek = urllib.request.Request(basis + pad, data=data, headers={"Referer": basis + pad})
        try:
            with opener.open(verzoek, timeout=60) as antwoord:
                return antwoord.status, antwoord.geturl(), antwoord.read().decode()
        except urllib.error.HTTPError as fout:
            return fout.code, pad, fout.read().decode(errors="replace")

    # As a leader who follows a link to the new round while logged out: the login page sends them on to it.
    pad = f"/quickscan/organisaties/{organisatie_id}/nieuw/"
    inloggen = "/account/inloggen/?" + urllib.parse.urlencode({"next": pad})
    status, _url, html = versturen(inloggen)
    velden = [(n, v) for n, v in _formulier(html).velden if n not in ("username", "password")]
    status, url, html = versturen(inloggen, [*velden, ("username", "leider"), ("password", WACHTWOORD)])
    if status != 200 or "Uitloggen" not in html:
        return f"inloggen: {status}"
    if not url.endswith(pad):
        return f"nieuwe ronde openen: na het inloggen op {url}"
    formulier = _formulier(html)
    scorevelden = sorted({n for n, _v in formulier.velden if n.endswith("score")})
    radio = re.findall(r'name="([^"]*score)"', html)
    eerste = radio[0] if radio else (scorevelden[0] if scorevelden else None)
    if eerste is None:
        return "geen scoreveld op de pagina"
    ingevuld = {eerste: str(score), "functie": "Implementatieleider"}
    velden = [(n, v) for n, v in formulier.velden if n not in ingevuld] + list(ingevuld.items())
    opslaan = [k for k in formulier.knoppen if "afronden" not in k[1].lower()][:1]
    status, _url, html = versturen(pad, velden + opslaan)
    if status != 200:
        meldingen = re.findall(r"(?:invalid-feedback|alert-danger)[^>]*>(.*?)</div>", html, re.S)
        return f"opslaan: {status} {meldingen[:3] or html[:300]}"
    return None


@pytest.mark.xdist_group("sqlite_bestand")
def test_vijftig_gelijktijdige_schrijvers_op_sqlite_geen_fouten_en_niets_kwijt(tmp_path, gemigreerde_sqlite):
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_SETTINGS_MODULE": "tests.instellingen_subproces",
    }
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    sqlite_kopie(gemigreerde_sqlite, tmp_path / "db.sqlite3")  # as `manage.py migrate` leaves it
    uitvoer = subprocess.run(
        [*manage, "shell", "-c", OPZET], env=env, cwd=BASE_DIR, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    organisaties = json.loads(uitvoer.strip().splitlines()[-1])
    poort = _vrije_poort()
    server = subprocess.Popen(
        [
            *[sys.executable, "-m", "gunicorn", "werkplaats.wsgi"],
            *["-k", "gthread", "-w", "2", "--threads", "8", "-b", f"127.0.0.1:{poort}", "--timeout", "60"],
        ],
        env=env,
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(basis + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        scores = {org: 1 + i % 5 for i, org in enumerate(organisaties)}
        with ThreadPoolExecutor(max_workers=SCHRIJVERS) as pool:
            fouten = [f for f in pool.map(lambda org: _schrijver(basis, org, scores[org]), organisaties) if f]
    finally:
        server.terminate()
        _stdout, stderr = server.communicate(timeout=30)
    assert fouten == [], f"{len(fouten)} van {SCHRIJVERS} schrijvers faalden: {fouten[:3]}\n{stderr.decode()[-2000:]}"
    controle = subprocess.run(
        [*manage, "shell", "-c", CONTROLE],
        env=env,
        cwd=BASE_DIR,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    opgeslagen = json.loads(controle.stdout.strip().splitlines()[-1])
    per_organisatie = {org: score for org, _code, score in opgeslagen}
    assert len(opgeslagen) == SCHRIJVERS
    assert per_organisatie == scores
