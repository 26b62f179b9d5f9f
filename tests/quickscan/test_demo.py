import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from quickscan import selectors
from quickscan.models import Actie, Ronde
from trajecten.models import Traject
from werkplaats.demo.quickscan import PEILDATUM
from werkplaats.models import Organisatie, User

pytestmark = pytest.mark.django_db


def scores(ronde):
    return [s.score for s in ronde.scores.order_by("element__volgorde")]


def test_het_oude_ambt_heeft_twee_rondes_waarin_vier_elementen_stegen(demo):
    eerste, tweede = Ronde.objects.filter(organisatie__naam="Het Oude Ambt").order_by("datum")
    assert (eerste.datum, tweede.datum) == (datetime.date(2014, 5, 9), datetime.date(2014, 10, 7))
    assert eerste.afdeling.naam == "Sociale gebiedsteams" and eerste.functie == "Manager HOA"
    assert eerste.illustratief and tweede.illustratief
    gestegen = [a < b for a, b in zip(scores(eerste), scores(tweede), strict=True)]
    assert sum(gestegen) == 4 and all(a <= b for a, b in zip(scores(eerste), scores(tweede), strict=True))
    # The seed's chart labels: one 4, seven 3s and four 2s (8 black + 4 orange).
    labels = scores(eerste) + [b for a, b in zip(scores(eerste), scores(tweede), strict=True) if a != b]
    assert sorted(labels) == [2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4]
    assert Actie.objects.filter(ronde=eerste, status="gereed").count() == 4


def test_demo_heeft_trend_gedeeltelijke_ronde_en_te_late_rondes(demo):
    assert Ronde.objects.afgerond().filter(organisatie__naam="MEE Groningen").count() == 4
    promens = Ronde.objects.get(organisatie__naam="Promens Care")
    assert promens.aantal_gescoord == 4
    statussen = {c.organisatie.naam: c.status for c in selectors.cadans(Organisatie.objects.all(), PEILDATUM)}
    assert statussen["Het Oude Ambt"] == "te_laat" and statussen["MEE Groningen"] == "te_laat"
    assert statussen["Timpaan Welzijn"] == "op_schema" and statussen["Tinten"] == "nu"
    assert statussen["Lentis"] == "geen"
    assert statussen["Noordermaat"] == "buiten_traject"  # stopped in September 2014


def test_demo_rondes_liggen_in_het_traject_en_na_afloop_is_niets_te_laat(client, demo):
    traject = Traject.objects.get(naam="Implementatietraject 2014-2015")
    datums = list(Ronde.objects.values_list("datum", flat=True))
    assert datums and all(traject.startdatum <= d <= traject.einddatum for d in datums)
    # Today the trajectory has ended: no organisation is due or overdue, and the home page is not red.
    assert {c.status for c in selectors.cadans(Organisatie.objects.all())} == {"buiten_traject"}
    client.force_login(User.objects.get(username="coordinator"))
    content = client.get(reverse("werkplaats:home")).content.decode()
    assert "text-bg-danger" not in content and "Geen organisatie neemt nu deel aan een lopend traject" in content


def test_demo_is_herhaalbaar(demo):
    aantal = Ronde.objects.count()
    call_command("load_demo", "--ook-zonder-debug")
    assert Ronde.objects.count() == aantal


def test_illustratieve_scores_zijn_zo_gelabeld_in_de_ui(client, demo):
    client.force_login(User.objects.get(username="leider.hoa"))
    ronde = Ronde.objects.filter(organisatie__naam="Het Oude Ambt").latest("datum")
    content = client.get(ronde.get_absolute_url()).content.decode()
    assert "Illustratief: gereconstrueerd voorbeeld" in content
    content = client.get(reverse("quickscan:organisatie", kwargs={"pk": ronde.organisatie_id})).content.decode()
    assert "illustratief" in content
