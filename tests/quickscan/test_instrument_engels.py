"""The instrument in English: its texts are Dutch data, with an English version beside them (`*_en`, loaded by
quickscan/instrument.py) that the English interface shows; the Dutch interface and the data itself stay Dutch."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from quickscan import instrument as paraplumodel
from quickscan.models import Element, Instrument, Vraag

pytestmark = pytest.mark.django_db


def test_engelse_versie_heeft_elk_element_en_elke_vraag():
    assert list(paraplumodel.ENGELS) == [code for code, *_rest in paraplumodel.ELEMENTEN]
    for code, _naam, _groep, _label, vragen in paraplumodel.ELEMENTEN:
        assert len(paraplumodel.ENGELS[code][3]) == len(vragen), code
    for naam, groep, label, vragen in paraplumodel.ENGELS.values():
        assert len(label) <= Element._meta.get_field("grafieklabel_en").max_length
        assert all(v.strip() and v == v.strip() for v in (naam, groep, *vragen))


def test_lader_vult_de_engelse_velden():
    instrument = Instrument.objects.get(naam=paraplumodel.NAAM, versie=1)
    missie = instrument.elementen.get(code="missie")
    assert (missie.naam, missie.naam_en, missie.groep_en) == ("Missie", "Mission", "Vision")
    assert instrument.anker_hoog_en == "the element is fully implemented"
    assert Vraag.objects.filter(element__instrument=instrument, tekst_en="").count() == 0
    zelfredzaamheid = missie.vragen.get(tekst="zelfredzaamheid")
    assert zelfredzaamheid.tekst_en == "self-reliance"


def test_lader_is_idempotent_en_houdt_een_gewijzigde_vertaling():
    element = Element.objects.get(instrument__naam=paraplumodel.NAAM, code="netwerk")
    Element.objects.filter(pk=element.pk).update(naam_en="Network of provisions")
    Vraag.objects.filter(element=element, volgorde=1).update(tekst_en="")
    paraplumodel.paraplumodel_vertaling_laden()
    paraplumodel.paraplumodel_vertaling_laden()
    element.refresh_from_db()
    assert element.naam_en == "Network of provisions"  # changed since: kept
    assert element.vragen.get(volgorde=1).tekst_en == paraplumodel.ENGELS["netwerk"][3][0]  # empty: filled again


def test_in_taal_volgt_de_actieve_taal_en_valt_terug_op_het_nederlands():
    element = Element.objects.get(instrument__naam=paraplumodel.NAAM, code="organisatiecultuur")
    assert (element.naam_in_taal, str(element)) == ("Organisatiecultuur", "8. Organisatiecultuur")
    with translation.override("en"):
        assert (element.naam_in_taal, element.grafieklabel_in_taal) == (
            "Organisational culture",
            "Organisational culture",
        )
        assert str(element) == "8. Organisational culture"
        element.naam_en = ""
        assert element.naam_in_taal == "Organisatiecultuur"  # no English: the Dutch
    assert element.naam == "Organisatiecultuur"  # the data itself does not change


def test_rondeformulier_in_het_engels(world, client):
    client.force_login(world.leider_a)
    url = reverse("quickscan:ronde_create", args=[world.org_a.pk])
    nederlands = client.get(url).content.decode()
    assert (
        "1. Missie</legend>" in nederlands
        and "Is de huidige visie/missie van de organisatie al Wmo-proof?" in nederlands
    )
    client.cookies["django_language"] = "en"
    engels = client.get(url).content.decode()
    assert "1. Mission</legend>" in engels and "1. Missie</legend>" not in engels
    assert "Is the organisation&#x27;s current vision/mission already Wmo-proof?" in engels
    assert "5 = the element is fully implemented" in engels
    assert ">self-reliance<" in engels  # a checklist item, as its field's label


def test_rondepagina_en_overzicht_in_het_engels(world, client):
    client.force_login(world.coordinator)
    client.cookies["django_language"] = "en"
    ronde = client.get(reverse("quickscan:ronde_detail", args=[world.afgerond_a.pk])).content.decode()
    assert "1. Mission" in ronde and "(Vision)" in ronde and "1. Missie" not in ronde
    overzicht = client.get(reverse("quickscan:overzicht")).content.decode()
    assert ">Record keeping</a></th>" in overzicht and ">Verslaglegging</a>" not in overzicht
