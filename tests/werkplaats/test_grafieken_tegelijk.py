"""Charts drawn side by side (werkplaats.lib.grafieken_tegelijk): the same SVG as drawn at once, in its place in the
data, in the caller's language, and cached afterwards."""

from __future__ import annotations

import datetime
import os

import pytest
from django.utils import translation

from quickscan import charts
from werkplaats.lib import grafieken, grafieken_tegelijk

ELEMENTEN = [charts.Element(code="missie", label="Missie"), charts.Element(code="beleid", label="Beleid")]


def _ronde(n: int) -> charts.Ronde:
    return charts.Ronde(datum=datetime.date(2014, 1 + n % 12, 1), scores={"missie": 1 + n % 5, "beleid": 2})


def _data():
    return {
        "grafieken": [
            {"plek": f"Organisatie {n}", "svg": charts.voortgang_svg(ELEMENTEN, _ronde(n))} for n in range(3)
        ],
        "paar": (charts.voortgang_svg(ELEMENTEN, _ronde(0)), "gewone tekst"),
    }


@pytest.fixture(autouse=True)
def _leeg():
    grafieken.cache_legen()
    yield
    grafieken.cache_legen()


@pytest.mark.parametrize("vanaf", [1, 1000], ids=["in_werkers", "hier"])
def test_dezelfde_grafieken_op_hun_plek(vanaf):
    with translation.override("en"):
        data = grafieken_tegelijk.tegelijk_getekend(_data, werkers=2, vanaf=vanaf)
        direct = [charts.voortgang_svg.__wrapped__(ELEMENTEN, _ronde(n)) for n in range(3)]
    assert [g["svg"] for g in data["grafieken"]] == direct
    assert data["paar"] == (direct[0], "gewone tekst")
    assert [g["plek"] for g in data["grafieken"]] == ["Organisatie 0", "Organisatie 1", "Organisatie 2"]
    with translation.override("nl"):  # drawn in the caller's language, English here
        assert charts.voortgang_svg.__wrapped__(ELEMENTEN, _ronde(0)) != direct[0]
    # Cached as gecached caches: asked again, nothing is left to draw.
    with translation.override("en"):
        getekend = []
        token = grafieken.UITSTELLEN.set(lambda sleutel, functie, args, kwargs: getekend.append(sleutel) or "")
        try:
            assert [g["svg"] for g in _data()["grafieken"]] == direct
        finally:
            grafieken.UITSTELLEN.reset(token)
    assert getekend == []


def test_zonder_ontbrekende_grafieken_geen_werkers(monkeypatch):
    grafieken_tegelijk.tegelijk_getekend(_data, werkers=2)  # draws (here: fewer than VANAF)
    monkeypatch.setattr("werkplaats.lib.werkers.Pool", None)  # a pool would fail now
    assert grafieken_tegelijk.tegelijk_getekend(_data, werkers=2, vanaf=1)["paar"][1] == "gewone tekst"


# --- Beside the caller (naast_getekend): a forked child draws while this process goes on ---------------------------


def _direct() -> list[str]:
    return [charts.voortgang_svg.__wrapped__(ELEMENTEN, _ronde(n)) for n in range(3)]


@pytest.mark.parametrize("vorken", [True, False], ids=["in_een_kind", "hier"])
def test_naast_getekend_geeft_plaatshouders_en_dan_dezelfde_grafieken(vorken):
    with translation.override("en"):
        data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vorken=vorken)
        direct = _direct()
        with naast:
            # The data holds stand-ins, one per chart (the pair's chart is organisation 0's: the same one).
            plaatshouders = [g["svg"] for g in data["grafieken"]]
            assert all(grafieken_tegelijk.is_plaatshouder(p) for p in plaatshouders)
            assert data["paar"] == (plaatshouders[0], "gewone tekst")
            assert sorted(naast.plaatshouders()) == sorted(plaatshouders)
            assert (naast._pid is not None) is vorken  # a child only when asked to fork
            assert naast.afbeelding(plaatshouders[1]) == direct[1]  # as WeasyPrint's URL fetcher asks for it
            assert naast.afbeelding("data:image/png;base64,AAAA") is None  # any other URL is not ours
            assert naast.invullen(data) == {
                "grafieken": [{"plek": f"Organisatie {n}", "svg": direct[n]} for n in range(3)],
                "paar": (direct[0], "gewone tekst"),
            }
            tekst = naast.invullen(f"<p>{plaatshouders[2]}</p>")
            assert tekst == f"<p>{direct[2]}</p>"
            pid = naast._pid
        assert naast._pid is None
        if pid is not None:  # the child has ended and was reaped
            with pytest.raises(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        # Cached: asked again, every chart is there at once.
        data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vorken=vorken)
        with naast:
            assert naast.opdrachten == {} and [g["svg"] for g in data["grafieken"]] == direct


def test_wat_het_kind_niet_kan_tekenen_tekent_de_ouder(monkeypatch):
    def kapot(*args, **kwargs):
        raise RuntimeError("kind kan niet tekenen")

    monkeypatch.setattr(grafieken_tegelijk, "_tekenen", kapot)  # the forked child has this function too
    data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vorken=True)
    with naast:
        assert naast._pid is not None
        assert [naast.svg(g["svg"]) for g in data["grafieken"]] == _direct()


def test_meer_dan_vanaf_grafieken_de_rest_in_werkers(monkeypatch):
    """The real pool is `test_dezelfde_grafieken_op_hun_plek[in_werkers]`'s; here one that draws at once and notes
    what it was given."""
    from concurrent.futures import Future

    from werkplaats.lib import werkers

    gevraagd = []

    class Pool:
        def __init__(self, aantal):
            assert aantal == 2

        def __enter__(self):
            return self

        def __exit__(self, *fout):
            return None

        def submit(self, functie, *args):
            gevraagd.append(args[1])
            taak = Future()
            taak.set_result(functie(*args))
            return taak

    monkeypatch.setattr(werkers, "Pool", Pool)
    data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vanaf=1, vorken=True)
    with naast:
        # The child took the first; the two others went to the workers when `maak()` was done.
        assert gevraagd == ["voortgang_svg", "voortgang_svg"]
        assert naast.invullen([g["svg"] for g in data["grafieken"]]) == _direct()


def test_een_fout_in_maak_beeindigt_het_kind(monkeypatch):
    gestart = []
    echt = grafieken_tegelijk.Naast._starten
    monkeypatch.setattr(grafieken_tegelijk.Naast, "_starten", lambda self: gestart.append(self) or echt(self))

    def maak():
        _data()
        raise ValueError("mislukt")

    with pytest.raises(ValueError, match="mislukt"):
        grafieken_tegelijk.naast_getekend(maak, werkers=2, vorken=True)
    assert len(gestart) == 1 and gestart[0]._pid is None and gestart[0]._lezer is None


def test_een_kind_dat_blijft_hangen_houdt_de_pdf_niet_op(monkeypatch):
    """The child draws nothing (it sleeps): after one wait this process draws every chart itself without waiting
    again, and the child is stopped."""
    import time

    monkeypatch.setattr(grafieken_tegelijk, "_tekenen", lambda *args: time.sleep(600))
    data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vorken=True)
    naast.wachttijd = 0.1
    begin = time.monotonic()
    with naast:
        pid = naast._pid
        assert [naast.svg(g["svg"]) for g in data["grafieken"]] == _direct()
    assert time.monotonic() - begin < 10
    assert naast._opgegeven
    with pytest.raises(ChildProcessError):  # stopped and reaped
        os.waitpid(pid, os.WNOHANG)


def test_samen_tekenen_helpt_het_kind_van_achter_naar_voren(monkeypatch):
    """A slow child (two seconds a chart): this process draws the charts it has not reached, from the last back."""
    import time

    echt = grafieken_tegelijk._tekenen

    def traag(*args):
        time.sleep(2)
        return echt(*args)

    monkeypatch.setattr(grafieken_tegelijk, "_tekenen", traag)
    data, naast = grafieken_tegelijk.naast_getekend(_data, werkers=2, vorken=True)
    with naast:
        begin = time.monotonic()
        naast.samen_tekenen()
        assert time.monotonic() - begin < 1.5  # not waiting for the child
        assert all(taak.done() for taak in naast._taken.values())
        assert [naast.svg(g["svg"]) for g in data["grafieken"]] == _direct()
