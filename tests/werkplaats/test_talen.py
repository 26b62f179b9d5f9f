"""English beside Dutch: the catalogue is complete and current, and the switch changes the pages' language.

The msgids are the Dutch texts of the source; locale/en/LC_MESSAGES/django.po holds their English. A string added
to the source without an English translation fails `test_catalogus_is_bij` (not in the catalogue yet) or
`test_elke_tekst_heeft_een_engelse_vertaling` (in it, but empty or fuzzy). Update with `.ci/vertalingen`.
"""

from __future__ import annotations

import contextlib
import gettext
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

BASIS = Path(settings.BASE_DIR)
CATALOGUS = BASIS / "locale" / "en" / "LC_MESSAGES" / "django.po"
GECOMPILEERD = CATALOGUS.with_suffix(".mo")
# The options of `.ci/vertalingen` (makemessages); keep them the same.
MAKEMESSAGES = {"ignore_patterns": ["tests", "bench"], "add_location": "file", "no_obsolete": True}
# What makemessages reads: .py, .html and .txt files, outside these top-level folders (not source, or not ours).
NIET_DE_BRON = {"locale", "tests", "bench", "data", "staticfiles", "node_modules", "htmlcov", "test-artifacts"}
BRONBESTANDEN = ("*.py", "*.html", "*.txt")


# A small reader of PO files (msgctxt, plurals, flags; obsolete entries skipped) -------------------------------


@dataclass
class Tekst:
    msgid: str = ""
    plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def sleutel(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    def __str__(self) -> str:
        return repr(self.msgid) if self.plural is None else f"{self.msgid!r} / {self.plural!r}"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_REGEL = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+"(.*)"\s*$')


def _tekst(ruw: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), ruw)


def po_lezen(pad: Path) -> list[Tekst]:
    """Every entry but the header."""
    teksten: list[Tekst] = []
    huidig: Tekst | None = None
    veld: tuple[str, int] = ("", 0)
    fuzzy = False
    for regel in pad.read_text(encoding="utf-8").splitlines():
        if regel.startswith("#~") or not regel.strip():
            continue
        if regel.startswith("#,"):
            fuzzy = "fuzzy" in {vlag.strip() for vlag in regel[2:].split(",")}
            continue
        if regel.startswith("#"):
            continue
        if m := _REGEL.match(regel):
            naam, index, waarde = m.group(1), int(m.group(2) or 0), _tekst(m.group(3))
            if naam == "msgctxt" or (naam == "msgid" and (huidig is None or veld[0] == "msgstr")):
                huidig = Tekst(fuzzy=fuzzy)
                teksten.append(huidig)
                fuzzy = False
            assert huidig is not None, regel
            veld = (naam, index)
        elif regel.startswith('"') and huidig is not None:
            waarde = _tekst(regel.strip()[1:-1])
        else:
            raise AssertionError(f"{pad}: onleesbare regel {regel!r}")
        if veld[0] == "msgctxt":
            huidig.msgctxt = (huidig.msgctxt or "") + waarde
        elif veld[0] == "msgid":
            huidig.msgid += waarde
        elif veld[0] == "msgid_plural":
            huidig.plural = (huidig.plural or "") + waarde
        else:
            huidig.msgstr[veld[1]] = huidig.msgstr.get(veld[1], "") + waarde
    return [tekst for tekst in teksten if tekst.msgid]


# Placeholders (%(naam)s, %s, %%), template braces ({{ naam }}) and HTML tags must come through unchanged.
_PLAATSHOUDER = re.compile(
    r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]"  # %(naam)s
    r"|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]"  # %s, %d, %%
    r"|\{\{?[^{}]*\}\}?"  # {{ naam }}, {naam}
    r"|<[^>]+>"  # <strong>
)


def plaatshouders(tekst: str) -> Counter[str]:
    return Counter(_PLAATSHOUDER.findall(tekst))


@pytest.fixture(scope="module")
def catalogus() -> list[Tekst]:
    return po_lezen(CATALOGUS)


# (a) Complete ----------------------------------------------------------------------------------------------------


def test_elke_tekst_heeft_een_engelse_vertaling(catalogus):
    open_ = [
        str(tekst)
        for tekst in catalogus
        if tekst.fuzzy or not tekst.msgstr or not all(v.strip() for v in tekst.msgstr.values())
    ]
    assert len(catalogus) > 1000
    assert open_ == [], f"{len(open_)} tekst(en) zonder Engelse vertaling in {CATALOGUS} (zie .ci/vertalingen open)"


def test_vertalingen_hebben_dezelfde_plaatshouders(catalogus):
    fout = []
    for tekst in (tekst for tekst in catalogus if not tekst.fuzzy):  # a fuzzy one is not used, and is open above
        vormen = [tekst.msgid] if tekst.plural is None else [tekst.msgid, tekst.plural]
        for index, vertaling in tekst.msgstr.items():
            bron = vormen[min(index, len(vormen) - 1)]
            if vertaling and plaatshouders(vertaling) != plaatshouders(bron):
                fout.append(f"{tekst}: {vertaling!r}")
    assert fout == []


def test_plaatshouders_worden_herkend():
    """The check above can fail: a missing or renamed placeholder, a lost tag, a lost %% count."""
    assert plaatshouders("Rij %(rij)s: %(fout)s") != plaatshouders("Row %(regel)s: %(fout)s")
    assert plaatshouders("U logt in met <strong>%(email)s</strong>") != plaatshouders("You log in with %(email)s")
    assert plaatshouders("400%% zoom") != plaatshouders("400% zoom")
    assert plaatshouders("Schrijf {{ naam }}") == plaatshouders("Write {{ naam }}")


def test_gecompileerde_catalogus_is_de_catalogus(catalogus):
    """django.mo (not committed: `make run`/`make test`, or `.ci/vertalingen compileren`) holds every translation."""
    assert GECOMPILEERD.exists(), f"{GECOMPILEERD} ontbreekt: .ci/vertalingen compileren"
    with GECOMPILEERD.open("rb") as bestand:
        mo = gettext.GNUTranslations(bestand)._catalog  # type: ignore[attr-defined]
    verouderd = []
    for tekst in catalogus:
        sleutel = tekst.msgid if tekst.msgctxt is None else f"{tekst.msgctxt}\x04{tekst.msgid}"
        if tekst.plural is None:
            gelijk = mo.get(sleutel) == tekst.msgstr.get(0)
        else:
            gelijk = all(mo.get((sleutel, i)) == v for i, v in tekst.msgstr.items())
        if not gelijk and not tekst.fuzzy and all(tekst.msgstr.values()):
            verouderd.append(str(tekst))
    assert verouderd == [], f"{GECOMPILEERD} is verouderd: .ci/vertalingen compileren"


def test_geen_msgid_met_een_letterlijke_escape(catalogus):
    """xgettext decodes \\u escapes only in u"" strings: such a msgid never matches the text looked up."""
    assert [str(tekst) for tekst in catalogus if re.search(r"\\[uUN]", tekst.msgid)] == []


# (b) Current -----------------------------------------------------------------------------------------------------


def _bron_kopieren(doel: Path) -> None:
    """The translatable files of the project (a copy, so that makemessages touches nothing of the real tree)."""
    for map_ in BASIS.iterdir():
        if not map_.is_dir() or map_.name.startswith(".") or map_.name in NIET_DE_BRON:
            continue
        for patroon in BRONBESTANDEN:
            for bestand in map_.rglob(patroon):
                relatief = bestand.relative_to(BASIS)
                if any(deel.startswith(".") or deel in {"__pycache__", "node_modules"} for deel in relatief.parts):
                    continue
                (doel / relatief).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(bestand, doel / relatief)


def test_catalogus_is_bij(tmp_path, settings, catalogus):
    """makemessages over a copy of the source finds no text the committed catalogue lacks."""
    _bron_kopieren(tmp_path)
    (tmp_path / "locale").mkdir()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    with contextlib.chdir(tmp_path):
        call_command("makemessages", locale=["en"], keep_pot=True, verbosity=0, **MAKEMESSAGES)
    gevonden = po_lezen(tmp_path / "locale" / "django.pot")
    assert len(gevonden) > 1000, "makemessages vond de bron niet"
    bekend = {tekst.sleutel for tekst in catalogus}
    nieuw = sorted(str(tekst) for tekst in gevonden if tekst.sleutel not in bekend)
    assert nieuw == [], f"{len(nieuw)} nieuwe tekst(en) niet in {CATALOGUS}: .ci/vertalingen, dan vertalen"


def test_javascript_heeft_geen_teksten_om_te_vertalen():
    """static/js has no gettext strings, so there is no djangojs catalogue; add one (makemessages -d djangojs,
    JavaScriptCatalog) when it gets them."""
    eigen = [p for p in (BASIS / "static" / "js").glob("*.js") if not p.name.endswith(".min.js")]
    assert eigen
    assert [p.name for p in eigen if re.search(r"\b(n|p)?gettext\s*\(", p.read_text(encoding="utf-8"))] == []


# (c) The switch --------------------------------------------------------------------------------------------------


def _kiezen(client, taal: str, volgende: str):
    response = client.post(reverse("set_language"), {"language": taal, "next": volgende})
    assert response.status_code == 302 and response.url == volgende
    return client.get(volgende)


def test_coordinator_kiest_engels_en_weer_nederlands(client, world):
    client.force_login(world.coordinator)
    home = reverse("werkplaats:home")
    html = client.get(home).content.decode()
    assert '<html lang="nl">' in html and "Uitloggen" in html
    assert 'name="language" value="en" lang="en"' in html  # the switch offers English, in English

    html = _kiezen(client, "en", home).content.decode()
    assert '<html lang="en">' in html
    for engels in ("Log out", "Organisations", "Trajectories", "My account", "Accessibility", "Skip to content"):
        assert engels in html, engels
    assert "Uitloggen" not in html and "Organisaties" not in html
    assert 'name="language" value="nl" lang="nl"' in html and ">Nederlands<" in html

    html = _kiezen(client, "nl", home).content.decode()
    assert '<html lang="nl">' in html and "Uitloggen" in html and "Log out" not in html


def test_inlogpagina_in_het_engels_zonder_in_te_loggen(client, db):
    login = reverse("login")
    assert "Wachtwoord vergeten?" in client.get(login).content.decode()
    response = _kiezen(client, "en", login)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html and "Forgotten your password?" in html and "Log in" in html
    assert "Wachtwoord vergeten?" not in html
    html = _kiezen(client, "nl", login).content.decode()
    assert '<html lang="nl">' in html and "Wachtwoord vergeten?" in html


def test_onbekende_taal_verandert_niets(client, db):
    login = reverse("login")
    client.post(reverse("set_language"), {"language": "de", "next": login})
    assert '<html lang="nl">' in client.get(login).content.decode()


# (d) Form errors -------------------------------------------------------------------------------------------------


def test_foutmeldingen_van_formulieren_in_het_engels(client, world):
    login = reverse("login")
    _kiezen(client, "en", login)
    response = client.post(login, {"username": "leider_a", "password": "fout"})
    assert response.status_code == 400
    assert "We do not know this combination of username and password." in response.content.decode()

    client.force_login(world.coordinator)
    response = client.post(
        reverse("werkplaats:organisatie_create"), {"werkplaats": world.werkplaats.pk, "naam": "", "soort": "instelling"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html  # Django's own catalogue
    assert "Dit veld is verplicht" not in html
