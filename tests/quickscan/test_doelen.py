"""A target per element for the next round (issue 16): set when a round is submitted (default the norm, or the score
when higher), drawn in the progress chart, and reached or not in the next round (`quickscan.doelen.doel_status`)."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from quickscan import charts, doelen, selectors, services
from quickscan.models import Ronde, Score
from tests.factories import OrganisatieFactory, maak_ronde
from tests.quickscan.test_views import formulier

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def element_ids(ronde: Ronde) -> dict[str, int]:
    return {e.code: e.pk for e in ronde.instrument.elementen.all()}


def doelen_van(ronde: Ronde) -> dict[str, int | None]:
    return {s.element.code: s.doel for s in Score.objects.filter(ronde=ronde).select_related("element")}


def afgeronde_reeks(organisatie, eerste_scores, tweede_scores, eerste_doelen=None):
    """Two rounds of one series: the first submitted with `eerste_doelen` (by code), the second a concept."""
    eerste = maak_ronde(organisatie, eerste_scores, datum=datetime.date(2014, 5, 9))
    ids = element_ids(eerste)
    services.ronde_afronden(ronde=eerste, doelen={ids[code]: doel for code, doel in (eerste_doelen or {}).items()})
    tweede = maak_ronde(organisatie, tweede_scores, datum=datetime.date(2014, 10, 7))
    return eerste, tweede


# The rules -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "doel", "status"),
    [
        (3, 3, "bereikt"),
        (4, 3, "bereikt"),
        (2, 3, "niet_bereikt"),
        (None, 3, "niet_gescoord"),
        (2, None, None),
    ],
)
def test_doel_bereikt_bij_een_score_van_minstens_het_doel(score, doel, status):
    assert doelen.doel_status(score, doel) == status


@pytest.mark.parametrize(("score", "verwacht"), [(None, 3), (1, 3), (3, 3), (4, 4), (5, 5)])
def test_standaarddoel_is_de_norm_of_de_hogere_score(score, verwacht):
    assert doelen.standaard_doel(score, 3) == verwacht


# Services --------------------------------------------------------------------------------------------------------


def test_afronden_zonder_doelen_zet_de_standaarddoelen():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2, "beleid": 4, "netwerk": 5})
    services.ronde_afronden(ronde=ronde, versie=ronde.versie)
    verwacht = dict.fromkeys(doelen_van(ronde), 3) | {"beleid": 4, "netwerk": 5}  # unscored elements: the norm
    assert doelen_van(ronde) == verwacht


def test_afronden_met_doelen_slaat_ze_op_leeg_is_geen_doel():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2, "beleid": 4})
    ids = element_ids(ronde)
    services.ronde_afronden(ronde=ronde, versie=ronde.versie, doelen={ids["missie"]: 4, ids["netwerk"]: None})
    gezet = doelen_van(ronde)
    assert (gezet["missie"], gezet["netwerk"], gezet["beleid"], gezet["procedures"]) == (4, None, 4, 3)
    missie = Score.objects.get(ronde=ronde, element__code="missie")
    assert [h.doel for h in missie.history.order_by("history_date", "history_id")][-1] == 4  # with history


@pytest.mark.parametrize("fout", [0, 6, -1])
def test_doel_buiten_1_tot_5_wordt_geweigerd_en_er_wordt_niets_geschreven(fout):
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2})
    versie = ronde.versie
    ids = element_ids(ronde)
    with pytest.raises(ValidationError) as error:
        services.ronde_afronden(ronde=ronde, versie=versie, doelen={ids["beleid"]: 4, ids["missie"]: fout})
    assert error.value.message_dict == {"missie": ["Kies een doel van 1 tot en met 5."]}
    opgeslagen = Ronde.objects.get(pk=ronde.pk)
    assert (opgeslagen.status, opgeslagen.versie) == ("concept", versie)
    assert set(doelen_van(ronde).values()) == {None}


def test_doel_van_een_element_van_een_ander_instrument_wordt_geweigerd():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2})
    with pytest.raises(ValidationError, match="hoort niet bij het instrument"):
        services.ronde_afronden(ronde=ronde, versie=ronde.versie, doelen={999999: 3})
    assert Ronde.objects.get(pk=ronde.pk).status == "concept"


def test_databank_weigert_een_doel_buiten_1_tot_5():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 2})
    score = Score.objects.get(ronde=ronde, element__code="missie")
    score.doel = 6
    with pytest.raises(ValidationError, match="Kies een doel van 1 tot en met 5"):
        score.full_clean()


def test_script_dat_in_een_keer_afrondt_krijgt_de_standaarddoelen_met_een_geschiedenisregel():
    ronde = maak_ronde(OrganisatieFactory(), {"missie": 4}, afronden=True)
    assert doelen_van(ronde)["missie"] == 4 and doelen_van(ronde)["beleid"] == 3
    missie = Score.objects.get(ronde=ronde, element__code="missie")
    assert [(h.score, h.doel) for h in missie.history.order_by("history_date", "history_id")] == [
        (None, None),
        (4, 4),
    ]


def test_volgende_ronde_zegt_per_element_of_het_doel_is_bereikt():
    organisatie = OrganisatieFactory()
    _eerste, tweede = afgeronde_reeks(
        organisatie,
        {"missie": 2, "beleid": 3, "procedures": 2},
        {"missie": 3, "beleid": 3, "netwerk": 4},
        eerste_doelen={"missie": 3, "beleid": 4, "procedures": 3, "netwerk": None},
    )
    rijen = {r.element.code: r for r in selectors.voortgang(tweede, selectors.vorige_ronde(tweede))}
    assert rijen["missie"].vorig_doel == 3 and rijen["missie"].doel_status == "bereikt"
    assert rijen["beleid"].doel_status == "niet_bereikt"
    assert rijen["procedures"].doel_status == "niet_gescoord"
    assert rijen["netwerk"].vorig_doel is None and rijen["netwerk"].doel_status is None
    assert rijen["verslaglegging"].vorig_doel == 3  # the default for an unscored element
    assert str(rijen["beleid"].doel_status_label) == "doel niet bereikt"


# Chart -----------------------------------------------------------------------------------------------------------


def _doellijnen(svg: str) -> dict[str, float]:
    """The target lines of a progress chart: per element code the line's y in SVG coordinates."""
    lijnen = {}
    for groep in ET.fromstring(svg).iter(f"{SVG}g"):
        gevonden = re.search(r"(?:^|-)doel-([a-z]+)$", groep.get("id") or "")  # a page prefixes the chart's ids
        if gevonden:
            pad = groep.find(f".//{SVG}path").get("d")
            ys = {float(y) for y in re.findall(r"[ML] [\d.]+ ([\d.]+)", pad)}
            assert len(ys) == 1  # horizontal
            lijnen[gevonden.group(1)] = ys.pop()
    return lijnen


def _met_id(boom: ET.Element, naam: str) -> ET.Element:
    return next(g for g in boom.iter(f"{SVG}g") if re.search(rf"(?:^|-){naam}$", g.get("id") or ""))


def _y_van(svg: str, waarde: int) -> float:
    """The y of a score on the chart's axis, from the norm line (at 3) and the axis' bottom (0)."""
    boom = ET.fromstring(svg)
    norm = _met_id(boom, "norm")
    y_norm = float(re.findall(r"[ML] [\d.]+ ([\d.]+)", norm.find(f".//{SVG}path").get("d"))[0])
    assen = _met_id(boom, "assen")
    getallen = [float(g) for g in re.findall(r"[\d.]+", assen.find(f".//{SVG}path").get("d"))]
    y_nul = max(getallen[1::2])
    return y_nul + (y_norm - y_nul) * waarde / 3


def test_voortgangsgrafiek_tekent_het_doel_per_element_op_zijn_hoogte():
    elementen = [charts.Element("missie", "Missie"), charts.Element("beleid", "Beleid"), charts.Element("netwerk", "N")]
    eerste = charts.Ronde(datetime.date(2014, 5, 9), {"missie": 2, "beleid": 3, "netwerk": None}, "1e versie")
    svg = charts.voortgang_svg(elementen, eerste, doelen={"missie": 3, "beleid": 4, "netwerk": None})
    lijnen = _doellijnen(svg)
    assert set(lijnen) == {"missie", "beleid"}
    assert lijnen["missie"] == pytest.approx(_y_van(svg, 3), abs=0.05)
    assert lijnen["beleid"] == pytest.approx(_y_van(svg, 4), abs=0.05)
    assert "doel voor de volgende ronde (lijn)" in svg
    zonder = charts.voortgang_svg(elementen, eerste)
    assert _doellijnen(zonder) == {} and "doel voor de volgende ronde" not in zonder


def test_grafiek_van_de_ronde_toont_de_doelen_die_zij_stelde(client, world):
    ronde = maak_ronde(world.org_a, {"missie": 2, "beleid": 4}, datum=datetime.date(2014, 6, 1))
    ids = element_ids(ronde)
    services.ronde_afronden(ronde=ronde, versie=ronde.versie, doelen={ids["missie"]: 4})
    client.force_login(world.leider_a)
    html = client.get(ronde.get_absolute_url()).content.decode()
    grafiek = html[html.index('<figure class="chart"') :]
    svg = grafiek[grafiek.index("<svg") : grafiek.index("</svg>") + 6]
    lijnen = _doellijnen(svg)
    assert lijnen["missie"] == pytest.approx(_y_van(svg, 4), abs=0.05)
    assert lijnen["beleid"] == pytest.approx(_y_van(svg, 4), abs=0.05)
    assert len(lijnen) == 8  # every element has one (the norm for the unscored)
    pagina = client.get(reverse("quickscan:organisatie", kwargs={"pk": world.org_a.pk})).content.decode()
    assert '-doel-missie"' in pagina and "Doel volgende ronde" in pagina  # inlined, ids prefixed (svg_in_pagina)


# Pages -----------------------------------------------------------------------------------------------------------


def test_afronden_toont_de_voorgestelde_doelen(client, world):
    ronde = maak_ronde(world.org_a, {"missie": 2, "beleid": 4}, datum=datetime.date(2014, 6, 1))
    client.force_login(world.leider_a)
    response = client.get(reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk}))
    assert response.status_code == 200
    form = response.context["doelen_form"]
    assert form["doel-missie"].value() == 3 and form["doel-beleid"].value() == 4 and form["doel-netwerk"].value() == 3
    html = response.content.decode()
    assert "Doelen voor de volgende ronde" in html
    assert re.search(r'<select name="doel-beleid"[^>]*>.*?<option value="4" selected>', html, re.S)


def test_afronden_met_doelen_via_de_pagina(client, world):
    ronde = maak_ronde(world.org_a, {"missie": 2, "beleid": 4}, datum=datetime.date(2014, 6, 1))
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    response = client.post(url, {"versie": ronde.versie, "doel-missie": "4", "doel-beleid": "5", "doel-netwerk": ""})
    assert response.status_code == 302
    gezet = doelen_van(ronde)
    assert (gezet["missie"], gezet["beleid"], gezet["netwerk"], gezet["procedures"]) == (4, 5, None, 3)
    assert Ronde.objects.get(pk=ronde.pk).status == "afgerond"


def test_afronden_met_een_fout_doel_geeft_400_met_melding_en_schrijft_niets(client, world):
    ronde = maak_ronde(world.org_a, {"missie": 2}, datum=datetime.date(2014, 6, 1))
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    response = client.post(url, {"versie": ronde.versie, "doel-missie": "7", "doel-beleid": "4"})
    assert response.status_code == 400
    assert response.context["doelen_form"].errors == {"doel-missie": ["Kies een doel van 1 tot en met 5."]}
    html = response.content.decode()
    assert "Kies een doel van 1 tot en met 5." in html and "verbeter de gemarkeerde doelen" in html
    assert re.search(r'<option value="4" selected>', html)  # the input kept
    opgeslagen = Ronde.objects.get(pk=ronde.pk)
    assert (opgeslagen.status, opgeslagen.versie) == ("concept", ronde.versie)
    assert set(doelen_van(ronde).values()) == {None}


def test_afronden_op_een_oude_versie_houdt_de_doelen_vast(client, world):
    ronde = maak_ronde(world.org_a, {"missie": 2}, datum=datetime.date(2014, 6, 1))
    versie = ronde.versie
    services.ronde_invullen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie, gegevens={"functie": "Teamleider"})
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_afronden", kwargs={"pk": ronde.pk})
    response = client.post(url, {"versie": versie, "doel-missie": "5"})
    assert response.status_code == 409
    assert response.context["doelen_form"]["doel-missie"].value() == "5"
    assert set(doelen_van(ronde).values()) == {None}


def test_rondepagina_zegt_bereikt_niet_bereikt_en_niet_gescoord(client, world):
    _eerste, tweede = afgeronde_reeks(
        world.org_b,
        {"missie": 2, "beleid": 3, "procedures": 2},
        {"missie": 3, "beleid": 3},
        eerste_doelen={"missie": 3, "beleid": 4, "procedures": 3},
    )
    client.force_login(world.leider_b)
    html = client.get(tweede.get_absolute_url()).content.decode()
    assert "Doel uit de vorige ronde" in html

    def rij(naam: str) -> str:
        return re.search(rf"<tr[^>]*>\s*<th scope=\"row\"[^>]*><a [^>]*>\d\. {naam}</a>.*?</tr>", html, re.S).group(0)

    assert "doel bereikt" in rij("Missie") and "niet bereikt" not in rij("Missie")
    assert "doel niet bereikt" in rij("Beleid")
    assert "niet gescoord" in rij("Procedures")


def test_formulier_zegt_per_element_of_het_vorige_doel_is_bereikt(client, world):
    _eerste, tweede = afgeronde_reeks(
        world.org_b, {"missie": 2, "beleid": 3}, {"missie": 3, "beleid": 3}, eerste_doelen={"missie": 3, "beleid": 4}
    )
    client.force_login(world.leider_b)
    response = client.get(reverse("quickscan:ronde_update", kwargs={"ronde": tweede.pk}))
    forms = {f.element.code: f for f in response.context["element_forms"]}
    assert (forms["missie"].vorig_doel, forms["missie"].doel_status_label) == (3, "doel bereikt")
    assert (forms["beleid"].vorig_doel, forms["beleid"].doel_status_label) == (4, "doel niet bereikt")
    assert forms["netwerk"].doel_status_label == "niet gescoord"
    html = response.content.decode()
    # The status of every choice, from the one rule, for the page's script: 3 and up reach the target 3.
    assert 'data-status-2="doel niet bereikt" data-status-3="doel bereikt"' in html
    # What the user chose is judged, also when the form comes back with an error.
    data = formulier(versie=tweede.versie, missie=2, beleid=9)
    response = client.post(reverse("quickscan:ronde_update", kwargs={"ronde": tweede.pk}), data)
    forms = {f.element.code: f for f in response.context["element_forms"]}
    assert response.status_code == 400
    assert forms["missie"].doel_status_label == "doel niet bereikt" and forms["beleid"].doel_status_label == (
        "niet gescoord"
    )
