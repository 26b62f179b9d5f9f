import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from werkplaats.models import Organisatie


@pytest.mark.parametrize(
    ("username", "ziet", "ziet_niet"),
    [
        ("coordinator", "Organisaties van de werkplaats", "Mijn organisaties"),
        ("lectoraat", "Organisaties van de werkplaats", "Mijn organisaties"),
        ("leider.hoa", "Mijn organisaties", "Organisaties van de werkplaats"),
    ],
)
def test_demogebruiker_logt_in_en_ziet_eigen_startpagina(page, server, demo, username, ziet, ziet_niet):
    login(page, server, username, demo.DEMO_PASSWORD)
    expect(page).to_have_url(f"{server.url}/")
    expect(page.get_by_role("heading", name=ziet)).to_be_visible()
    expect(page.get_by_role("heading", name=ziet_niet)).to_have_count(0)
    expect(page.get_by_role("link", name="Het Oude Ambt").first).to_be_visible()
    if username == "leider.hoa":
        expect(page.get_by_role("link", name="Lentis")).to_have_count(0)
    else:
        expect(page.get_by_role("link", name="Lentis").first).to_be_visible()


def test_leider_komt_niet_bij_andere_organisatie_door_de_url_te_veranderen(page, server, demo):
    login(page, server, "leider.hoa", demo.DEMO_PASSWORD)
    page.get_by_role("link", name="Het Oude Ambt").first.click()
    expect(page.get_by_role("heading", name=re.compile("Het Oude Ambt"))).to_be_visible()
    eigen = Organisatie.objects.get(naam="Het Oude Ambt")
    andere = Organisatie.objects.get(naam="Lentis")
    assert page.url.endswith(f"/organisaties/{eigen.pk}/")
    response = page.goto(page.url.replace(f"/{eigen.pk}/", f"/{andere.pk}/"))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    expect(page.get_by_text("Lentis")).to_have_count(0)


def test_verkeerd_wachtwoord_geeft_melding_bij_het_formulier(page, server, demo):
    login(page, server, "coordinator", "fout")
    expect(page.get_by_text("kennen we niet")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))


def test_uitloggen(page, server, demo):
    login(page, server, "coordinator", demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    page.goto(f"{server.url}/organisaties/")
    expect(page).to_have_url(re.compile(r"/account/inloggen/\?next=/organisaties/"))
