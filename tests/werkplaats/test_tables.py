"""The lean table rendering shows what django-tables2's own template shows, without a template per cell."""

import re

import pytest
from django.urls import reverse

from tests.factories import (
    AfdelingFactory,
    InschrijvingFactory,
    OrganisatieFactory,
    PersoonFactory,
    ScholingsgroepFactory,
    TrajectFactory,
    WerkplaatsFactory,
    coordinator_van,
)
from werkplaats.tables import BaseTable

LIJSTEN = ["werkplaats:organisatie_list", "scholing:persoon_list", "scholing:inschrijving_list", "scholing:groep_list"]


def _subklassen(klasse):
    for sub in klasse.__subclasses__():
        yield sub
        yield from _subklassen(sub)


def _cellen(html: str) -> list[str]:
    """The body's cells, without the whitespace and row classes that differ between the templates."""
    body = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S).group(1)
    body = re.sub(r' class="(even|odd)"', "", re.sub(r">\s+<", "><", body))
    return [re.sub(r"\s+", " ", cel).strip() for cel in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]


@pytest.fixture
def gevuld(db):
    werkplaats = WerkplaatsFactory()
    traject = TrajectFactory(werkplaats=werkplaats)
    groep = ScholingsgroepFactory(traject=traject)
    for n in range(30):  # more than a page
        organisatie = OrganisatieFactory(werkplaats=werkplaats, naam=f"Organisatie {n:02d} & co")
        AfdelingFactory(organisatie=organisatie)
        InschrijvingFactory(persoon=PersoonFactory(organisatie=organisatie), groep=groep)
    return coordinator_van(werkplaats)


@pytest.mark.parametrize("naam", LIJSTEN)
@pytest.mark.parametrize("query", ["", "?page=2", "?sort=-naam"])
def test_tabel_toont_dezelfde_cellen_als_django_tables2(client, gevuld, monkeypatch, naam, query):
    client.force_login(gevuld)
    url = reverse(naam) + query
    response = client.get(url)
    assert "django_tables2/tabel.html" in [t.name for t in response.templates]
    for klasse in _subklassen(BaseTable):
        monkeypatch.setattr(klasse._meta, "template_name", "django_tables2/bootstrap5.html")
    standaard = client.get(url)
    assert _cellen(response.content.decode()) == _cellen(standaard.content.decode())
    assert len(_cellen(response.content.decode())) > 0


def test_lege_tabel_toont_de_lege_tekst(client, db):
    client.force_login(coordinator_van(WerkplaatsFactory()))
    content = client.get(reverse("werkplaats:organisatie_list")).content.decode()
    assert '<tr><td colspan="6">Geen resultaten.</td></tr>' in content


def test_tabel_escapet_de_inhoud(client, gevuld):
    OrganisatieFactory(werkplaats=gevuld.rollen.first().werkplaats, naam="<b>Vet</b>")
    client.force_login(gevuld)
    content = client.get(reverse("werkplaats:organisatie_list"), {"naam": "Vet"}).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt;" in content and "<b>Vet</b>" not in content
