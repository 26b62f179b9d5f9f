"""The quickscan charts are checked on the SVG they produce: ids, geometry, colours and text."""

import datetime
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import pytest
from django.utils import translation

from quickscan.charts import (
    BLAUW,
    GRIJS,
    GROEN,
    ORANJE,
    ROOD,
    ZWART,
    Element,
    Ronde,
    heatmap_svg,
    kleur_voor_score,
    trend_svg,
    voortgang_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
ELEMENTEN = [
    Element("missie", "Missie"),
    Element("uitgangspunten", "Uitgangs-punten"),
    Element("beleid", "Beleid"),
    Element("procedures", "Procedures"),
    Element("activiteiten", "Activiteiten"),
    Element("verslaglegging", "Verslag-legging"),
    Element("netwerk", "Netwerk van organisaties"),
    Element("organisatiecultuur", "Organ.-cultuur"),
]
CODES = [el.code for el in ELEMENTEN]
EERSTE_SCORES = {
    "missie": 3,
    "uitgangspunten": 3,
    "beleid": 2,
    "procedures": 2,
    "activiteiten": 3,
    "verslaglegging": 2,
    "netwerk": 4,
    "organisatiecultuur": 2,
}
VERANDERD = {"beleid", "procedures", "verslaglegging", "organisatiecultuur"}
TWEEDE_SCORES = {**EERSTE_SCORES, **dict.fromkeys(VERANDERD, 3)}
EERSTE = Ronde(datetime.date(2014, 5, 9), EERSTE_SCORES, "1e versie")
TWEEDE = Ronde(datetime.date(2014, 10, 7), TWEEDE_SCORES, "2e versie")
KOP = {"afdeling": "Het Oude Ambt", "naam": "Marcel van Leeuwen", "functie": "Manager HOA"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def groepen(root: ET.Element, prefix: str) -> dict[str, ET.Element]:
    """The <g> elements whose id starts with prefix, keyed by the rest of the id."""
    return {g.get("id")[len(prefix) :]: g for g in root.iter(f"{SVG}g") if (g.get("id") or "").startswith(prefix)}


def groep(root: ET.Element, gid: str) -> ET.Element:
    (gevonden,) = (g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    return gevonden


def punten(g: ET.Element) -> list[tuple[float, float]]:
    """The vertices of the first path in a group."""
    getallen = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", g.find(f"{SVG}path").get("d"))]
    return list(zip(getallen[::2], getallen[1::2], strict=True))


def vulling(g: ET.Element) -> str:
    """The fill of a group's path; matplotlib leaves out black, the SVG initial value."""
    stijl = g.find(f"{SVG}path").get("style") or ""
    match = re.search(r"(?:^|;)\s*fill:\s*([^;]+)", stijl)
    return match.group(1).strip() if match else ZWART


def teksten(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def as_y(root: ET.Element) -> tuple[float, float]:
    """SVG y of score 0 and of score 5: the bottom and top of the plot area."""
    ys = [y for _, y in punten(groep(root, "assen"))]
    return max(ys), min(ys)


def staaf(root: ET.Element, gid: str) -> tuple[float, float]:
    """(height in scores, centre x) of a bar, measured against the 0-5 axis."""
    y0, y5 = as_y(root)
    xs, ys = zip(*punten(groep(root, gid)), strict=True)
    assert max(ys) == pytest.approx(y0)  # every bar starts at 0
    return (max(ys) - min(ys)) / (y0 - y5) * 5, (min(xs) + max(xs)) / 2


# --- voortgang ----------------------------------------------------------------------------------


def test_first_round_black_and_only_changed_elements_orange() -> None:
    root = parse(voortgang_svg(ELEMENTEN, EERSTE, TWEEDE, kop=KOP))
    eerste, tweede = groepen(root, "bar-eerste-"), groepen(root, "bar-tweede-")
    assert sorted(eerste) == sorted(CODES)
    assert {code: vulling(g) for code, g in eerste.items()} == dict.fromkeys(CODES, ZWART)
    assert set(tweede) == VERANDERD
    assert {code: vulling(g) for code, g in tweede.items()} == dict.fromkeys(VERANDERD, ORANJE)
    for code in CODES:
        assert staaf(root, f"bar-eerste-{code}")[0] == pytest.approx(EERSTE_SCORES[code])
    for code in VERANDERD:
        hoogte, x_oranje = staaf(root, f"bar-tweede-{code}")
        assert hoogte == pytest.approx(TWEEDE_SCORES[code])
        assert x_oranje > staaf(root, f"bar-eerste-{code}")[1]  # beside the black bar, not hidden by it
    # The changed scores are labelled in orange as well.
    oranje_labels = [t for t in root.iter(f"{SVG}text") if ORANJE in (t.get("style") or "")]
    assert sorted("".join(t.itertext()) for t in oranje_labels) == ["3"] * len(VERANDERD)


@pytest.mark.parametrize("norm", [3, 2, 4])
def test_norm_line_lies_at_the_norm(norm: int) -> None:
    root = parse(voortgang_svg(ELEMENTEN, EERSTE, TWEEDE, norm=norm))
    y0, y5 = as_y(root)
    ys = {y for _, y in punten(groep(root, "norm"))}
    assert len(ys) == 1  # horizontal
    assert (y0 - ys.pop()) / (y0 - y5) == pytest.approx(norm / 5)
    assert "norm" in teksten(root)


def test_norm_line_meets_the_top_of_a_bar_at_three() -> None:
    root = parse(voortgang_svg(ELEMENTEN, EERSTE, None))
    (y_norm,) = {y for _, y in punten(groep(root, "norm"))}
    assert min(y for _, y in punten(groep(root, "bar-eerste-missie"))) == pytest.approx(y_norm)
    assert min(y for _, y in punten(groep(root, "bar-eerste-beleid"))) > y_norm  # 2 lies below the norm
    assert min(y for _, y in punten(groep(root, "bar-eerste-netwerk"))) < y_norm  # 4 lies above it


def test_missing_score_has_no_bar_and_is_not_drawn_as_zero() -> None:
    eerste = Ronde(EERSTE.datum, {**EERSTE_SCORES, "beleid": None})
    tweede = Ronde(TWEEDE.datum, {code: s for code, s in TWEEDE_SCORES.items() if code != "netwerk"})  # absent
    root = parse(voortgang_svg(ELEMENTEN, eerste, tweede))
    assert "beleid" not in groepen(root, "bar-eerste-")
    assert "beleid" in groepen(root, "bar-tweede-")  # newly scored counts as a change
    assert "netwerk" in groepen(root, "bar-eerste-")
    assert "netwerk" not in groepen(root, "bar-tweede-")
    for gid in groepen(root, "bar-"):
        assert staaf(root, f"bar-{gid}")[0] >= 1  # no bar of height 0
    assert teksten(root).count("–") == 2
    assert "– = niet gescoord" in teksten(root)


def test_no_footnote_without_missing_scores() -> None:
    assert "– = niet gescoord" not in teksten(parse(voortgang_svg(ELEMENTEN, EERSTE, TWEEDE)))


def test_header_and_legend_with_dutch_dates() -> None:
    tekst = teksten(parse(voortgang_svg(ELEMENTEN, EERSTE, TWEEDE, kop=KOP)))
    assert "Afdeling: Het Oude Ambt" in tekst
    assert "Naam: Marcel van Leeuwen" in tekst
    assert "Functie: Manager HOA" in tekst
    assert "1e versie op 9 mei 2014 (zwart)" in tekst
    assert "2e versie op 7 oktober 2014 (oranje, zwart is onveranderd)" in tekst


def test_single_round_draws_black_bars_only() -> None:
    svg = voortgang_svg(ELEMENTEN, Ronde(EERSTE.datum, EERSTE_SCORES), None)
    root = parse(svg)
    assert sorted(groepen(root, "bar-eerste-")) == sorted(CODES)
    assert groepen(root, "bar-tweede-") == {}
    assert ORANJE not in svg
    assert "1e versie op 9 mei 2014 (zwart)" in teksten(root)
    assert not any("2e versie" in t for t in teksten(root))


def test_elements_come_from_the_input() -> None:
    extra = [*ELEMENTEN, Element("vrijwilligers", "Vrijwilligers-beleid")]
    scores = {**EERSTE_SCORES, "vrijwilligers": 5}
    root = parse(voortgang_svg(extra, Ronde(EERSTE.datum, scores), None))
    assert sorted(groepen(root, "bar-eerste-")) == sorted([*CODES, "vrijwilligers"])
    assert staaf(root, "bar-eerste-vrijwilligers")[0] == pytest.approx(5)
    assert "Vrijwilligers-" in "".join(teksten(root))


@pytest.mark.parametrize("score", [0, 6, 2.5])
def test_invalid_score_is_refused(score: float) -> None:
    with pytest.raises(ValueError, match="missie"):
        voortgang_svg(ELEMENTEN, Ronde(EERSTE.datum, {**EERSTE_SCORES, "missie": score}), None)


# --- output format ------------------------------------------------------------------------------


def _alle_grafieken() -> list[str]:
    rondes = [EERSTE, TWEEDE, Ronde(datetime.date(2015, 2, 3), {**TWEEDE_SCORES, "netwerk": None})]
    return [
        voortgang_svg(ELEMENTEN, EERSTE, TWEEDE, kop=KOP),
        trend_svg(ELEMENTEN, rondes),
        heatmap_svg(ELEMENTEN, [("Het Oude Ambt", TWEEDE_SCORES), ("Tynaarlo", {"missie": None})]),
        heatmap_svg(ELEMENTEN, []),
    ]


def test_output_is_deterministic_and_independent_of_global_rcparams() -> None:
    eerste_keer = _alle_grafieken()
    assert _alle_grafieken() == eerste_keer
    with matplotlib.rc_context({"font.size": 20, "lines.linewidth": 5, "svg.hashsalt": None}):
        assert _alle_grafieken() == eerste_keer


def test_svg_can_be_inlined() -> None:
    for svg in _alle_grafieken():
        assert svg.startswith("<svg")
        assert "<?xml" not in svg
        assert "<!DOCTYPE" not in svg
        root = parse(svg)
        assert root.tag == f"{SVG}svg"
        assert root[0].tag == f"{SVG}title"
        assert root[0].text
        assert root.get("viewBox")  # scales with CSS width


def test_charts_do_not_use_pyplot() -> None:
    code = (
        "import sys, datetime, django; django.setup(); from quickscan import charts; "
        "charts.voortgang_svg([charts.Element('a', 'A')], charts.Ronde(datetime.date(2014, 5, 9), {'a': 3}), None); "
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[2], check=True)


# --- trend --------------------------------------------------------------------------------------


def test_trend_has_one_line_per_element_and_breaks_at_missing_scores() -> None:
    rondes = [
        EERSTE,
        TWEEDE,
        Ronde(datetime.date(2015, 2, 3), {**TWEEDE_SCORES, "netwerk": None}),
        Ronde(datetime.date(2015, 6, 12), {**TWEEDE_SCORES, "missie": 5}),
    ]
    root = parse(trend_svg(ELEMENTEN, rondes))
    lijnen = groepen(root, "trend-")
    assert sorted(lijnen) == sorted(CODES)
    y0, y5 = as_y(root)

    def scores(code: str) -> list[float]:
        return [(y0 - y) / (y0 - y5) * 5 for _, y in punten(lijnen[code])]

    assert scores("missie") == pytest.approx([3, 3, 3, 5])
    assert scores("netwerk") == pytest.approx([4, 4, 4])  # the missing point is left out, not 0
    d = lijnen["netwerk"].find(f"{SVG}path").get("d")
    assert d.count("M") == 2  # the line is broken where the score is missing
    assert len({vulling(g) for g in lijnen.values()}) == 1  # lines are not filled ...
    kleuren = {re.search(r"stroke: (#\w+)", g.find(f"{SVG}path").get("style")).group(1) for g in lijnen.values()}
    assert len(kleuren) == len(CODES)  # ... and each has its own colour
    (y_norm,) = {y for _, y in punten(groep(root, "norm"))}
    assert (y0 - y_norm) / (y0 - y5) == pytest.approx(3 / 5)
    tekst = teksten(root)
    assert "Uitgangs-punten" in tekst
    assert "12 juni 2015" in tekst
    assert any("9 mei 2014" in t for t in tekst)


@pytest.mark.parametrize("aantal", [1, 2])
def test_trend_works_for_few_rounds(aantal: int) -> None:
    root = parse(trend_svg(ELEMENTEN, [EERSTE, TWEEDE][:aantal]))
    assert sorted(groepen(root, "trend-")) == sorted(CODES)


def test_trend_without_rounds() -> None:
    root = parse(trend_svg(ELEMENTEN, []))
    assert groepen(root, "trend-") == {}
    assert "Nog geen quickscans" in teksten(root)


# --- heatmap ------------------------------------------------------------------------------------


def test_heatmap_colours_cells_relative_to_the_norm() -> None:
    rijen = [
        ("Het Oude Ambt", {"missie": 2, "uitgangspunten": 3, "beleid": 4, "procedures": None}),
        ("Tynaarlo", EERSTE_SCORES),
    ]
    root = parse(heatmap_svg(ELEMENTEN, rijen))
    cellen = groepen(root, "cel-")
    assert len(cellen) == len(rijen) * len(CODES)
    assert vulling(cellen["0-missie"]) == ROOD
    assert vulling(cellen["0-uitgangspunten"]) == BLAUW  # orange means "changed" elsewhere
    assert vulling(cellen["0-beleid"]) == GROEN
    assert vulling(cellen["0-procedures"]) == GRIJS
    assert vulling(cellen["0-netwerk"]) == GRIJS  # absent from the mapping: missing as well
    assert vulling(cellen["1-netwerk"]) == GROEN
    tekst = teksten(root)
    assert tekst.count("–") == len(CODES) - 3
    assert {"Het Oude Ambt", "Tynaarlo", "Missie", "Organ.-", "cultuur"} <= set(tekst)  # long labels wrap


def test_heatmap_grows_with_the_number_of_rows() -> None:
    def hoogte(aantal: int) -> float:
        root = parse(heatmap_svg(ELEMENTEN, [(f"Organisatie {i}", EERSTE_SCORES) for i in range(aantal)]))
        return float(root.get("height").removesuffix("pt"))

    assert hoogte(5) - hoogte(2) == pytest.approx(hoogte(8) - hoogte(5))
    assert hoogte(5) > hoogte(2)


def test_heatmap_without_rows() -> None:
    root = parse(heatmap_svg(ELEMENTEN, []))
    assert groepen(root, "cel-") == {}
    assert "Nog geen quickscans" in teksten(root)


# --- helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "norm", "kleur"),
    [(None, 3, GRIJS), (1, 3, ROOD), (2, 3, ROOD), (3, 3, BLAUW), (4, 3, GROEN), (5, 3, GROEN), (3, 4, ROOD)],
)
def test_kleur_voor_score(score: int | None, norm: int, kleur: str) -> None:
    assert kleur_voor_score(score, norm) == kleur


def test_kleur_voor_score_default_norm_is_three() -> None:
    assert [kleur_voor_score(s) for s in (2, 3, 4)] == [ROOD, BLAUW, GROEN]


def test_charts_follow_the_active_language_and_are_cached_per_language() -> None:
    rondes = [EERSTE, TWEEDE, Ronde(datetime.date(2015, 3, 1), TWEEDE_SCORES)]
    with translation.override("nl"):
        trend_nl = trend_svg(ELEMENTEN, rondes)
        balken_nl = " ".join(teksten(parse(voortgang_svg(ELEMENTEN, EERSTE, rondes[2]))))
    with translation.override("en"):
        trend_en = trend_svg(ELEMENTEN, rondes)  # the same data: not the Dutch chart from the cache
        balken_en = " ".join(teksten(parse(voortgang_svg(ELEMENTEN, EERSTE, rondes[2]))))
    nederlands, engels = (" ".join(teksten(parse(svg))) for svg in (trend_nl, trend_en))
    assert "1 maart 2015" in nederlands and "9 mei 2014" in nederlands and "March" not in nederlands
    assert "<title>Verloop van de quickscanscores per element</title>" in trend_nl
    assert "1 March 2015" in engels and "maart" not in engels
    assert "<title>Quickscan scores per element over time</title>" in trend_en
    assert "op 9 mei 2014 (zwart)" in balken_nl and "norm" in balken_nl
    assert "on 9 May 2014 (black)" in balken_en and "standard" in balken_en and "zwart" not in balken_en


def test_heatmap_gebruikt_geen_oranje_en_kort_namen_niet_in() -> None:
    naam = "Het Oude Ambt – Sociale gebiedsteams Oldambt"
    svg = heatmap_svg(ELEMENTEN, [(naam, EERSTE_SCORES), ("Tynaarlo", {"missie": 3})])
    assert ORANJE not in svg  # orange is "changed" in the progress chart
    assert naam in teksten(parse(svg))
