"""The core's helpers (`werkplaats.lib`): month arithmetic, dates as Dutch text, the charts' house style."""

import datetime

import matplotlib
import pytest
from django.core.cache import caches
from django.utils import translation
from matplotlib.figure import Figure

from werkplaats.lib import grafieken
from werkplaats.lib.datums import (
    datum_kort,
    datum_lang,
    maand_begin,
    maand_jaar,
    maanden_erbij,
    maanden_tussen,
    maandperiode,
    maandreeks,
)

D = datetime.date


# --- month arithmetic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dag", "maanden", "verwacht"),
    [
        (D(2014, 5, 9), 3, D(2014, 8, 9)),
        (D(2014, 11, 30), 3, D(2015, 2, 28)),  # clamped to the end of February ...
        (D(2015, 10, 31), 4, D(2016, 2, 29)),  # ... also in a leap year
        (D(2015, 1, 31), 1, D(2015, 2, 28)),
        (D(2016, 1, 31), 1, D(2016, 2, 29)),
        (D(2015, 3, 31), 1, D(2015, 4, 30)),
        (D(2014, 12, 15), 1, D(2015, 1, 15)),  # over the turn of the year
        (D(2014, 11, 1), 14, D(2016, 1, 1)),
        (D(2015, 1, 15), -1, D(2014, 12, 15)),  # backwards too
        (D(2015, 3, 31), -1, D(2015, 2, 28)),
        (D(2014, 5, 9), 0, D(2014, 5, 9)),
    ],
)
def test_maanden_erbij(dag: datetime.date, maanden: int, verwacht: datetime.date) -> None:
    assert maanden_erbij(dag, maanden) == verwacht


def test_maanden_erbij_stapelt_niet_op_een_korte_maand() -> None:
    """31 Jan + 2 is 31 March, not 28 March: each sum starts from the original day."""
    assert maanden_erbij(D(2015, 1, 31), 2) == D(2015, 3, 31)
    assert maanden_erbij(maanden_erbij(D(2015, 1, 31), 1), 1) == D(2015, 3, 28)


def test_maanden_erbij_houdt_de_tijd_van_een_datetime() -> None:
    assert maanden_erbij(datetime.datetime(2015, 1, 31, 14, 30), 1) == datetime.datetime(2015, 2, 28, 14, 30)


def test_maand_begin() -> None:
    assert maand_begin(D(2015, 2, 28)) == D(2015, 2, 1)
    assert maand_begin(D(2015, 2, 1)) == D(2015, 2, 1)


@pytest.mark.parametrize(
    ("start", "eind", "verwacht"),
    [
        (D(2014, 1, 1), D(2014, 1, 31), 0),
        (D(2014, 1, 31), D(2014, 2, 1), 1),  # calendar months: the days do not count
        (D(2014, 1, 1), D(2014, 12, 1), 11),
        (D(2014, 11, 1), D(2015, 2, 1), 3),  # over the turn of the year
        (D(2015, 2, 1), D(2014, 11, 1), -3),
    ],
)
def test_maanden_tussen(start: datetime.date, eind: datetime.date, verwacht: int) -> None:
    assert maanden_tussen(start, eind) == verwacht
    assert maanden_erbij(maand_begin(start), verwacht) == maand_begin(eind)


def test_maandreeks_begint_op_de_start_en_eindigt_op_de_peildatum() -> None:
    assert maandreeks(D(2014, 11, 15), D(2015, 2, 10)) == [
        D(2014, 11, 15),
        D(2014, 12, 1),
        D(2015, 1, 1),
        D(2015, 2, 1),
        D(2015, 2, 10),
    ]


def test_maandreeks_zonder_dubbele_punten() -> None:
    assert maandreeks(D(2014, 1, 1), D(2014, 3, 1)) == [D(2014, 1, 1), D(2014, 2, 1), D(2014, 3, 1)]
    assert maandreeks(D(2014, 1, 31), D(2014, 1, 31)) == [D(2014, 1, 31)]


def test_maandreeks_met_peildatum_voor_de_start_is_alleen_de_peildatum() -> None:
    assert maandreeks(D(2014, 6, 1), D(2014, 5, 1)) == [D(2014, 5, 1)]


# --- dates as text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "tekst"),
    [
        (D(2014, 5, 9), "9 mei 2014"),
        (D(2014, 6, 2), "2 juni 2014"),
        (D(2014, 10, 7), "7 oktober 2014"),
        (D(2015, 1, 31), "31 januari 2015"),
        (D(2015, 3, 1), "1 maart 2015"),
        (D(2015, 12, 24), "24 december 2015"),
    ],
)
def test_datum_lang(datum: datetime.date, tekst: str) -> None:
    assert datum_lang(datum) == tekst


def test_datum_kort_zonder_voorloopnullen() -> None:
    assert datum_kort(D(2015, 12, 3)) == "3-12-2015"
    assert datum_kort(D(2014, 5, 9)) == "9-5-2014"


def test_alle_maandnamen_in_het_nederlands() -> None:
    lang = [maand_jaar(D(2014, m, 1)) for m in range(1, 13)]
    kort = [maand_jaar(D(2014, m, 1), kort=True) for m in range(1, 13)]
    assert lang == [
        f"{naam} 2014"
        for naam in (
            "januari", "februari", "maart", "april", "mei", "juni",
            "juli", "augustus", "september", "oktober", "november", "december",
        )
    ]  # fmt: skip
    assert kort == [
        f"{naam} 2014" for naam in ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
    ]


@pytest.mark.parametrize(
    ("start", "eind", "tekst"),
    [
        (D(2014, 6, 1), D(2014, 6, 30), "juni 2014"),
        (D(2014, 3, 1), D(2014, 6, 1), "maart – juni 2014"),
        (D(2014, 11, 1), D(2015, 2, 1), "november 2014 – februari 2015"),
        (D(2014, 6, 1), D(2015, 6, 1), "juni 2014 – juni 2015"),  # same month, another year
    ],
)
def test_maandperiode(start: datetime.date, eind: datetime.date, tekst: str) -> None:
    assert maandperiode(start, eind) == tekst


def test_teksten_volgen_de_actieve_taal_en_override_maakt_ze_nederlands() -> None:
    with translation.override("en"):
        assert datum_lang(D(2014, 6, 2)) == "2 June 2014"
        with translation.override("nl"):
            assert datum_lang(D(2014, 6, 2)) == "2 juni 2014"
            assert maand_jaar(D(2015, 3, 1), kort=True) == "mrt 2015"


# --- chart style ---------------------------------------------------------------------------------


def _grafiek(tekst: str) -> str:
    with grafieken.stijl():
        fig = Figure(figsize=(2.0, 1.0))
        fig.text(0.5, 0.5, tekst)
        return grafieken.naar_svg(fig, "Titel & <uitleg>")


def test_naar_svg_is_inline_baar_met_titel() -> None:
    svg = _grafiek("x")
    assert svg.startswith('<svg role="img" ')
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "<title>Titel &amp; &lt;uitleg&gt;</title>" in svg
    assert "<dc:date>" not in svg  # no timestamp, so the same chart gives the same bytes


def test_stijl_zet_de_huisstijl_en_herstelt_de_globale_instellingen() -> None:
    with matplotlib.rc_context({"font.size": 20, "svg.hashsalt": None}):
        with grafieken.stijl():
            assert matplotlib.rcParams["font.size"] == 9
            assert matplotlib.rcParams["svg.hashsalt"] == "werkplaats-quickscan"
            assert translation.get_language() == "nl"
        assert matplotlib.rcParams["font.size"] == 20
        assert matplotlib.rcParams["svg.hashsalt"] is None
    assert _grafiek("x") == _grafiek("x")


def test_stijl_volgt_de_taal_van_de_interface() -> None:
    """A chart's dates are in the active language (the end report draws its charts in Dutch: rapportage.eindrapport)."""
    with translation.override("en"):
        with grafieken.stijl():
            assert datum_lang(D(2014, 6, 2)) == "2 June 2014"
        assert translation.get_language() == "en"
    with translation.override("nl"), grafieken.stijl():
        assert datum_lang(D(2014, 6, 2)) == "2 juni 2014"


def test_leeg_svg_zegt_waarom_er_niets_is() -> None:
    svg = grafieken.leeg_svg("Nog geen gegevens", "Verloop")
    assert svg.startswith("<svg") and "Nog geen gegevens" in svg and "<title>Verloop</title>" in svg


def test_gecached_tekent_dezelfde_data_een_keer() -> None:
    getekend: list[tuple[int, ...]] = []

    @grafieken.gecached
    def grafiek(*waarden: int, titel: str = "") -> str:
        getekend.append(waarden)
        return f"<svg>{titel}{sum(waarden)}</svg>"

    assert grafiek(1, 2, titel="a") == "<svg>a3</svg>"
    assert grafiek(1, 2, titel="a") == "<svg>a3</svg>"
    assert getekend == [(1, 2)]
    assert grafiek(1, 2, titel="b") == "<svg>b3</svg>"  # another argument is another chart
    assert grafiek(2, 1, titel="a") == "<svg>a3</svg>"
    assert len(getekend) == 3
    grafieken.cache_legen()
    grafiek(1, 2, titel="a")
    assert len(getekend) == 4


def test_gecached_onderscheidt_grafieken_met_dezelfde_naam_in_andere_modules() -> None:
    def grafiek(n: int) -> str:
        return "<svg>quickscan</svg>"

    grafiek.__module__ = "quickscan.charts"
    quickscan = grafieken.gecached(grafiek)

    def grafiek(n: int) -> str:  # the same qualified name on purpose
        return "<svg>rapportage</svg>"

    grafiek.__module__ = "rapportage.charts"
    rapportage = grafieken.gecached(grafiek)
    assert quickscan(1) == "<svg>quickscan</svg>"
    assert rapportage(1) == "<svg>rapportage</svg>"


def test_gecached_vergeet_de_oudste_grafiek_bij_een_volle_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grafieken, "_CACHE_GROOTTE", 2)
    getekend: list[int] = []

    @grafieken.gecached
    def grafiek(n: int) -> str:
        getekend.append(n)
        return str(n)

    grafieken.cache_legen()
    for n in (1, 2, 1, 3, 1, 2):  # 1 is used again, so 2 is the oldest when 3 arrives
        grafiek(n)
    assert len(grafieken._CACHE) == 2  # the process keeps the two newest
    assert getekend == [1, 2, 3]  # the forgotten 2 comes from the shared cache, not drawn again


def test_gecached_deelt_grafieken_tussen_processen() -> None:
    """A second worker (a fresh process memo) takes the chart from Django's cache instead of drawing it again."""
    getekend: list[int] = []

    @grafieken.gecached
    def grafiek(n: int) -> str:
        getekend.append(n)
        return f"<svg>{n}</svg>"

    grafieken.cache_legen()
    assert grafiek(7) == "<svg>7</svg>"
    grafieken.cache_legen(alleen_dit_proces=True)  # as a second gunicorn worker starts
    assert grafiek(7) == "<svg>7</svg>"
    assert getekend == [7]
    assert caches["grafieken"].get(next(iter(grafieken._CACHE))) == "<svg>7</svg>"  # in the shared backend
