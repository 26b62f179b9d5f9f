"""Team scoring (quickscan/team.py): the services for the invitation, the members' own scores, and the consensus; the
reads of the meeting and the research export.

Views, permissions and the mail's link: tests/quickscan/test_team_views.py; the meeting in a browser:
tests/e2e/test_teambespreking.py.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail as django_mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from quickscan import services, team
from quickscan.models import Element, Ronde, Score, Teamlid, Teamscore, Teamscoring, Vraag
from tests.factories import UserFactory, leider_van, maak_ronde
from werkplaats.models import Mailbericht

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
OVER_EEN_WEEK = VANDAAG + datetime.timedelta(days=7)


def elementen(ronde: Ronde) -> dict[str, Element]:
    return {element.code: element for element in ronde.instrument.elementen.all()}


def invoer(ronde: Ronde, **scores) -> dict[int, team.TeamInvoer]:
    """{code: score or (score, note)} as the services take it."""
    per_code = elementen(ronde)
    result = {}
    for code, waarde in scores.items():
        score, toelichting = waarde if isinstance(waarde, tuple) else (waarde, "")
        result[per_code[code].pk] = team.TeamInvoer(score, toelichting)
    return result


@pytest.fixture
def teamronde(world):
    """Leader A's concept round with team scoring on (anonymous, for a week) and three members invited by address."""
    teamscoring = team.teamscoring_opslaan(
        ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True, door=world.leider_a
    )
    world.teamscoring = teamscoring
    world.leden = [
        team.teamlid_uitnodigen(teamscoring=teamscoring, naam=naam, email=f"{naam.lower()}@example.nl")
        for naam in ("Anna", "Bram", "Cas")
    ]
    return world


def _link_uit_mail(bericht) -> str:
    return re.search(r"(/quickscan/rondes/\d+/team/\S+/)", bericht.body).group(1)


# Turning it on ---------------------------------------------------------------------------------------------------


def test_teamscoring_aanzetten_en_wijzigen_met_geschiedenis(world):
    teamscoring = team.teamscoring_opslaan(
        ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=False, door=world.leider_a
    )
    assert (teamscoring.deadline, teamscoring.anoniem, teamscoring.aangemaakt_door) == (
        OVER_EEN_WEEK,
        False,
        world.leider_a,
    )
    later = OVER_EEN_WEEK + datetime.timedelta(days=3)
    team.teamscoring_opslaan(ronde=world.concept_a, deadline=later, anoniem=True, versie=teamscoring.versie)
    opgeslagen = Teamscoring.objects.get(ronde=world.concept_a)
    assert (opgeslagen.deadline, opgeslagen.anoniem, opgeslagen.versie) == (later, True, 2)
    assert opgeslagen.history.count() == 2


def test_teamscoring_op_een_oude_versie_wordt_geweigerd(world):
    teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    team.teamscoring_opslaan(ronde=world.concept_a, deadline=VANDAAG, anoniem=True, versie=teamscoring.versie)
    with pytest.raises(services.VerouderdeVersie):
        team.teamscoring_opslaan(
            ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=False, versie=teamscoring.versie
        )
    assert Teamscoring.objects.get(ronde=world.concept_a).deadline == VANDAAG


def test_teamscoring_op_een_afgeronde_of_gearchiveerde_ronde_wordt_geweigerd(world):
    with pytest.raises(ValidationError, match="afgerond"):
        team.teamscoring_opslaan(ronde=world.afgerond_a, deadline=OVER_EEN_WEEK, anoniem=True)
    services.ronde_archiveren(ronde=world.concept_a)
    with pytest.raises(ValidationError, match="gearchiveerd"):
        team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    assert not Teamscoring.objects.exists()


def test_anoniem_wordt_niet_met_namen_zodra_er_gescoord_is(teamronde):
    world = teamronde
    ronde = world.concept_a
    # Before anyone scored, the leader may change their mind; named can always become anonymous again.
    teamscoring = team.teamscoring_opslaan(ronde=ronde, deadline=OVER_EEN_WEEK, anoniem=False)
    teamscoring = team.teamscoring_opslaan(ronde=ronde, deadline=OVER_EEN_WEEK, anoniem=True)
    team.teamscores_opslaan(teamlid=world.leden[0], invoer=invoer(ronde, missie=4))
    with pytest.raises(ValidationError) as fout:
        team.teamscoring_opslaan(ronde=ronde, deadline=OVER_EEN_WEEK, anoniem=False, versie=teamscoring.versie)
    assert "blijven anoniem" in fout.value.message_dict["anoniem"][0]
    assert Teamscoring.objects.get(ronde=ronde).anoniem is True


# Inviting --------------------------------------------------------------------------------------------------------


def test_uitnodigen_per_adres_mailt_een_link_waarvan_alleen_de_hash_bewaard_wordt(
    world, django_capture_on_commit_callbacks
):
    teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    with django_capture_on_commit_callbacks(execute=True):
        teamlid = team.teamlid_uitnodigen(teamscoring=teamscoring, naam="Anna", email=" Anna@Example.NL ")
    assert teamlid.email == "anna@example.nl" and teamlid.user is None
    bericht = Mailbericht.objects.get(soort=Mailbericht.Soort.QUICKSCAN_TEAM)
    assert (bericht.ontvanger, bericht.adres, bericht.organisatie, bericht.ronde_id, bericht.status) == (
        None,
        "anna@example.nl",
        world.org_a,
        world.concept_a.pk,
        Mailbericht.Status.VERZONDEN,
    )
    assert len(django_mail.outbox) == 1
    verzonden = django_mail.outbox[0]
    assert verzonden.to == ["anna@example.nl"]
    assert verzonden.subject == "Wmo-werkplaats Test: scoor de quickscan van Organisatie A"
    assert "Beste Anna," in verzonden.body
    assert "Uw scores zijn anoniem" in verzonden.body
    assert OVER_EEN_WEEK.strftime("%Y") in verzonden.body
    pad = _link_uit_mail(verzonden)
    token = pad.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    teamlid.refresh_from_db()
    # Only the SHA-256 is stored: not the token, neither on the member, its history nor the mail's record.
    assert teamlid.token_hash == team._hash(token) != token
    assert "token_hash" not in {veld.name for veld in Teamlid.history.model._meta.fields}
    assert token not in (bericht.sleutel + bericht.onderwerp)
    assert team.teamlid_bij_token(token) == teamlid
    assert team.teamlid_bij_token(token[:-1]) is None


def test_een_adres_wordt_maar_een_keer_uitgenodigd(teamronde):
    world = teamronde
    with pytest.raises(ValidationError) as fout:
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, email="ANNA@example.nl")
    assert fout.value.message_dict["email"] == ["Deze persoon is al uitgenodigd voor deze ronde."]
    assert world.teamscoring.leden.count() == 3


def test_ingetrokken_adres_opnieuw_uitnodigen_maakt_hetzelfde_teamlid_weer_actief(teamronde):
    world = teamronde
    anna = team.teamlid_intrekken(teamlid=world.leden[0])
    assert not anna.actief
    weer = team.teamlid_uitnodigen(teamscoring=world.teamscoring, email="anna@example.nl")
    assert weer.pk == anna.pk and weer.actief and weer.naam == "Anna"
    assert world.teamscoring.leden.count() == 3


def test_uitnodigen_zonder_adres_of_met_adres_en_gebruiker_wordt_geweigerd(teamronde):
    world = teamronde
    with pytest.raises(ValidationError, match="e-mailadres"):
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, naam="Niemand")
    with pytest.raises(ValidationError, match="niet allebei"):
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, email="x@example.nl", user=world.leider_a)
    assert world.teamscoring.leden.count() == 3


def test_als_gebruiker_alleen_een_leider_van_dezelfde_organisatie(teamronde, django_capture_on_commit_callbacks):
    world = teamronde
    for buiten in (world.leider_b, world.coordinator, UserFactory()):
        with pytest.raises(ValidationError) as fout:
            team.teamlid_uitnodigen(teamscoring=world.teamscoring, user=buiten)
        assert "kan niet voor deze organisatie" in fout.value.message_dict["user"][0]
    collega = leider_van(world.org_a, first_name="Dirk", last_name="Dekker", email="dirk@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        lid = team.teamlid_uitnodigen(teamscoring=world.teamscoring, user=collega)
    assert lid.weergavenaam == "Dirk Dekker" and lid.token_hash == ""
    bericht = django_mail.outbox[-1]
    assert bericht.to == ["dirk@example.nl"]
    assert f"/quickscan/rondes/{world.concept_a.pk}/team/mijn-scores/" in bericht.body
    assert "/team/link/" not in bericht.body


def test_opnieuw_uitnodigen_vervangt_de_link(world, django_capture_on_commit_callbacks):
    teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    with django_capture_on_commit_callbacks(execute=True):
        lid = team.teamlid_uitnodigen(teamscoring=teamscoring, email="anna@example.nl")
    oud = _link_uit_mail(django_mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        team.teamlid_opnieuw_uitnodigen(teamlid=lid)
    nieuw = _link_uit_mail(django_mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    assert len(django_mail.outbox) == 2 and oud != nieuw
    assert team.teamlid_bij_token(oud) is None
    assert team.teamlid_bij_token(nieuw) == lid
    assert Mailbericht.objects.filter(soort=Mailbericht.Soort.QUICKSCAN_TEAM).count() == 2


def test_intrekken_stopt_de_link(world, django_capture_on_commit_callbacks):
    teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    with django_capture_on_commit_callbacks(execute=True):
        lid = team.teamlid_uitnodigen(teamscoring=teamscoring, email="anna@example.nl")
    token = _link_uit_mail(django_mail.outbox[-1]).rstrip("/").rsplit("/", 1)[1]
    team.teamlid_intrekken(teamlid=lid)
    assert team.teamlid_bij_token(token) is None
    with pytest.raises(ValidationError, match="ingetrokken"):
        team.teamscores_opslaan(teamlid=lid, invoer=invoer(world.concept_a, missie=3))
    assert not Teamscore.objects.exists()


def test_een_uitnodiging_die_intussen_ingetrokken_is_wordt_niet_verstuurd(world, django_capture_on_commit_callbacks):
    teamscoring = team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=True)
    lid = team.teamlid_uitnodigen(teamscoring=teamscoring, email="anna@example.nl")  # queued, not sent yet
    team.teamlid_intrekken(teamlid=lid)
    bericht = Mailbericht.objects.get(soort=Mailbericht.Soort.QUICKSCAN_TEAM)
    from werkplaats import mail

    mail.mail_versturen(bericht_id=bericht.pk)
    bericht.refresh_from_db()
    assert bericht.status == Mailbericht.Status.MISLUKT and "niet meer geldig" in bericht.fout
    assert django_mail.outbox == []
    assert Teamlid.objects.get(pk=lid.pk).token_hash == ""


def test_uitnodigen_na_de_termijn_of_na_afronden_wordt_geweigerd(teamronde):
    world = teamronde
    Teamscoring.objects.filter(pk=world.teamscoring.pk).update(deadline=VANDAAG - datetime.timedelta(days=1))
    world.teamscoring.refresh_from_db()
    with pytest.raises(ValidationError, match="termijn"):
        team.teamlid_uitnodigen(teamscoring=world.teamscoring, email="dirk@example.nl")
    assert world.teamscoring.leden.count() == 3


# A member's scores -----------------------------------------------------------------------------------------------


def test_teamlid_scoort_een_deel_van_de_elementen_en_wijzigt_later(teamronde):
    world = teamronde
    ronde = world.concept_a
    anna = world.leden[0]
    team.teamscores_opslaan(
        teamlid=anna, invoer=invoer(ronde, missie=(4, "Staat in het jaarplan."), beleid=2, netwerk=None)
    )
    assert sorted(Teamscore.objects.filter(teamlid=anna).values_list("element__code", "score", "toelichting")) == [
        ("beleid", 2, ""),
        ("missie", 4, "Staat in het jaarplan."),
    ]  # netwerk: no score and no note, so no row
    team.teamscores_opslaan(teamlid=anna, invoer=invoer(ronde, missie=(None, "Weet ik niet meer."), beleid=3))
    assert sorted(Teamscore.objects.filter(teamlid=anna).values_list("element__code", "score", "toelichting")) == [
        ("beleid", 3, ""),
        ("missie", None, "Weet ik niet meer."),
    ]
    missie = Teamscore.objects.get(teamlid=anna, element__code="missie")
    assert [h.score for h in missie.history.order_by("history_date")] == [4, None]
    # The round's own scores, the consensus, are untouched.
    assert dict(Score.objects.filter(ronde=ronde).values_list("element__code", "score"))["missie"] == 3


@pytest.mark.parametrize("score", [0, 6, -1, 99])
def test_score_buiten_1_tot_en_met_5_schrijft_niets(teamronde, score):
    world = teamronde
    with pytest.raises(ValidationError) as fout:
        team.teamscores_opslaan(teamlid=world.leden[0], invoer=invoer(world.concept_a, missie=4, beleid=score))
    assert fout.value.message_dict == {"beleid": ["Kies een score van 1 tot en met 5."]}
    assert not Teamscore.objects.exists()


def test_element_van_een_ander_instrument_schrijft_niets(teamronde):
    world = teamronde
    with pytest.raises(ValidationError, match="hoort niet bij het instrument"):
        team.teamscores_opslaan(teamlid=world.leden[0], invoer={999999: team.TeamInvoer(3)})
    assert not Teamscore.objects.exists()


def test_na_de_termijn_wordt_niets_geschreven(teamronde):
    world = teamronde
    lid = world.leden[0]
    team.teamscores_opslaan(teamlid=lid, invoer=invoer(world.concept_a, missie=4), vandaag=OVER_EEN_WEEK)
    with pytest.raises(ValidationError, match="termijn om te scoren is verstreken"):
        team.teamscores_opslaan(
            teamlid=lid, invoer=invoer(world.concept_a, missie=2), vandaag=OVER_EEN_WEEK + datetime.timedelta(1)
        )
    assert Teamscore.objects.get(teamlid=lid).score == 4


def test_na_afronden_of_archiveren_wordt_niets_geschreven(teamronde):
    world = teamronde
    ronde = world.concept_a
    team.teamscores_opslaan(teamlid=world.leden[0], invoer=invoer(ronde, missie=4))
    services.ronde_afronden(ronde=ronde)
    with pytest.raises(ValidationError, match="afgerond"):
        team.teamscores_opslaan(teamlid=world.leden[0], invoer=invoer(ronde, missie=1))
    with pytest.raises(ValidationError, match="afgerond"):
        team.teamscores_opslaan(teamlid=world.leden[1], invoer=invoer(ronde, beleid=1))
    services.ronde_heropenen(ronde=Ronde.objects.get(pk=ronde.pk))
    services.ronde_archiveren(ronde=Ronde.objects.get(pk=ronde.pk))
    with pytest.raises(ValidationError, match="gearchiveerd"):
        team.teamscores_opslaan(teamlid=world.leden[1], invoer=invoer(ronde, beleid=1))
    assert list(Teamscore.objects.values_list("score", flat=True)) == [4]


# The consensus ---------------------------------------------------------------------------------------------------


def test_consensus_wordt_de_score_van_de_ronde_en_de_checklist_blijft(teamronde):
    world = teamronde
    ronde = world.concept_a
    per_code = elementen(ronde)
    checkpunt = str(Vraag.objects.filter(element=per_code["missie"], soort=Vraag.Soort.CHECKPUNT).first().pk)
    Score.objects.filter(ronde=ronde, element=per_code["missie"]).update(checklist={checkpunt: "ja"})
    versie = Ronde.objects.get(pk=ronde.pk).versie
    team.consensus_vastleggen(
        ronde=Ronde.objects.get(pk=ronde.pk),
        versie=versie,
        invoer=invoer(ronde, missie=(4, "Afgesproken in het overleg."), beleid=2, netwerk=None),
    )
    scores = {s.element.code: s for s in Score.objects.filter(ronde=ronde).select_related("element")}
    assert (scores["missie"].score, scores["missie"].toelichting, scores["missie"].checklist) == (
        4,
        "Afgesproken in het overleg.",
        {checkpunt: "ja"},
    )
    assert (scores["beleid"].score, scores["netwerk"].score) == (2, None)
    assert Ronde.objects.get(pk=ronde.pk).versie == versie + 1


def test_consensus_op_een_oude_versie_schrijft_niets(teamronde):
    world = teamronde
    ronde = world.concept_a
    versie = ronde.versie
    services.ronde_invullen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie, gegevens={"functie": "Teamleider"})
    with pytest.raises(services.VerouderdeVersie):
        team.consensus_vastleggen(ronde=Ronde.objects.get(pk=ronde.pk), versie=versie, invoer=invoer(ronde, missie=5))
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 3


def test_consensus_buiten_1_tot_en_met_5_of_na_afronden_schrijft_niets(teamronde):
    world = teamronde
    ronde = Ronde.objects.get(pk=world.concept_a.pk)
    with pytest.raises(ValidationError) as fout:
        team.consensus_vastleggen(ronde=ronde, versie=ronde.versie, invoer=invoer(ronde, missie=5, beleid=7))
    assert fout.value.message_dict == {"beleid": ["Kies een score van 1 tot en met 5."]}
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 3
    services.ronde_afronden(ronde=ronde)
    ronde = Ronde.objects.get(pk=ronde.pk)
    with pytest.raises(ValidationError, match="afgerond"):
        team.consensus_vastleggen(ronde=ronde, versie=ronde.versie, invoer=invoer(ronde, missie=1))
    assert Score.objects.get(ronde=ronde, element__code="missie").score == 3


def test_ter_afronding_zonder_enige_consensus_wordt_geweigerd(world):
    ronde = maak_ronde(world.org_a, datum=datetime.date(2014, 11, 1))
    versie = ronde.versie
    with pytest.raises(ValidationError, match="minstens één element"):
        team.consensus_vastleggen(ronde=ronde, versie=versie, invoer=invoer(ronde, missie=None), ter_afronding=True)
    assert Ronde.objects.get(pk=ronde.pk).versie == versie


# The meeting's reads ---------------------------------------------------------------------------------------------


def _drie_scoren(world):
    ronde = world.concept_a
    anna, bram, cas = world.leden
    team.teamscores_opslaan(teamlid=anna, invoer=invoer(ronde, missie=(4, "Staat in het jaarplan."), beleid=2))
    team.teamscores_opslaan(teamlid=bram, invoer=invoer(ronde, missie=(2, "Niemand kent haar."), beleid=3))
    team.teamscores_opslaan(teamlid=cas, invoer=invoer(ronde, missie=(3, ""), beleid=(None, "Geen idee.")))


def test_vergadering_geeft_per_element_de_spreiding_en_de_vorige_ronde(teamronde):
    world = teamronde
    _drie_scoren(world)
    # The previous round's targets (issue 16, part A): 3 for missie, none for beleid.
    Score.objects.filter(ronde=world.afgerond_a, element__code="missie").update(doel=3)
    Score.objects.filter(ronde=world.afgerond_a, element__code="beleid").update(doel=None)
    gegevens = team.vergadering(world.concept_a, world.leider_a)
    assert (gegevens.uitgenodigd, gegevens.ingevuld, gegevens.namen, gegevens.vorige) == (
        3,
        3,
        False,
        world.afgerond_a,
    )
    per_code = {b.element.code: b for b in gegevens.elementen}
    missie = per_code["missie"]
    assert missie.scores == [2, 3, 4]
    assert missie.aantallen == [(1, 0, 0), (2, 1, 100), (3, 1, 100), (4, 1, 100), (5, 0, 0)]
    assert (missie.minimum, missie.mediaan, missie.maximum) == (2, 3, 4)
    assert (missie.vorige_score, missie.vorige_doel, missie.consensus) == (2, 3, 3)
    # Anonymous: no names, and the notes in an order that does not follow the invitations.
    assert [(n.tekst, n.score, n.naam) for n in missie.notities] == [
        ("Niemand kent haar.", 2, ""),
        ("Staat in het jaarplan.", 4, ""),
    ]
    assert missie.per_lid == []
    beleid = per_code["beleid"]
    assert (beleid.scores, beleid.mediaan, beleid.vorige_score, beleid.vorige_doel) == ([2, 3], 2.5, 3, None)
    assert [(n.tekst, n.score) for n in beleid.notities] == [("Geen idee.", None)]
    assert per_code["netwerk"].scores == [] and per_code["netwerk"].minimum is None


def test_namen_alleen_met_namen_en_alleen_voor_de_leiders(teamronde):
    world = teamronde
    team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=False)
    _drie_scoren(world)
    missie = next(b for b in team.vergadering(world.concept_a, world.leider_a).elementen if b.element.code == "missie")
    assert missie.per_lid == [("Anna", 4), ("Bram", 2), ("Cas", 3)]
    assert [n.naam for n in missie.notities] == ["Anna", "Bram"]
    # A superuser looking on sees no names: "visible to the leader only".
    door_beheerder = next(
        b for b in team.vergadering(world.concept_a, world.beheerder).elementen if b.element.code == "missie"
    )
    assert door_beheerder.per_lid == [] and [n.naam for n in door_beheerder.notities] == ["", ""]


def test_ingetrokken_teamlid_telt_niet_mee_in_de_vergadering(teamronde):
    world = teamronde
    _drie_scoren(world)
    team.teamlid_intrekken(teamlid=world.leden[1])
    gegevens = team.vergadering(world.concept_a, world.leider_a)
    assert (gegevens.uitgenodigd, gegevens.elementen[0].scores) == (2, [3, 4])


def test_vergadering_kost_evenveel_queries_bij_meer_teamleden(teamronde, django_assert_num_queries):
    world = teamronde
    _drie_scoren(world)
    ronde = Ronde.objects.select_related("instrument").get(pk=world.concept_a.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as drie:
        team.vergadering(ronde, world.leider_a)
    for nummer in range(10):
        lid = team.teamlid_uitnodigen(teamscoring=world.teamscoring, email=f"extra{nummer}@example.nl")
        team.teamscores_opslaan(teamlid=lid, invoer=invoer(ronde, missie=nummer % 5 + 1, beleid=(2, "x")))
    with django_assert_num_queries(len(drie.captured_queries)):
        team.vergadering(ronde, world.leider_a)


def test_ronde_zonder_teamscores_werkt_als_voorheen(world):
    gegevens = team.vergadering(world.concept_a, world.leider_a)
    assert gegevens.teamscoring is None and gegevens.uitgenodigd == 0
    assert all(b.scores == [] for b in gegevens.elementen)
    ronde = services.ronde_afronden(ronde=world.concept_a)
    assert ronde.is_afgerond and not Teamscoring.objects.exists()


# The research export ---------------------------------------------------------------------------------------------


def test_export_heeft_pseudoniemen_en_geen_namen_of_adressen(teamronde):
    world = teamronde
    team.teamscoring_opslaan(ronde=world.concept_a, deadline=OVER_EEN_WEEK, anoniem=False)  # even with names
    _drie_scoren(world)
    kop, *rijen = team.export_rijen(Ronde.objects.select_related("organisatie", "afdeling").get(pk=world.concept_a.pk))
    assert kop[:5] == ["ronde", "organisatie", "team", "datum ronde", "teamlid (pseudoniem)"]
    assert len(rijen) == 6  # missie x 3, beleid x 3 (Cas: a note only)
    tekst = repr(rijen)
    for naam in ("Anna", "Bram", "Cas", "example.nl"):
        assert naam not in tekst
    pseudoniemen = {team.pseudoniem(lid.pk) for lid in world.leden}
    assert {rij[4] for rij in rijen} == pseudoniemen and all(re.fullmatch(r"LID-[0-9A-F]{8}", p) for p in pseudoniemen)
    missie = [rij for rij in rijen if rij[5] == "missie"]
    assert sorted(rij[7] for rij in missie) == [2, 3, 4] and {rij[9] for rij in missie} == {3}  # consensus 3
    assert [rij[5] for rij in rijen] == ["missie"] * 3 + ["beleid"] * 3  # in the instrument's order
    assert [rij[4] for rij in missie] == sorted(rij[4] for rij in missie)  # by pseudonym, not by invitation
