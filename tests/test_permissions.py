"""The permission matrix: every URL the project defines, for every role.

The URL names are read from the resolver, not listed by hand: a new URL without a rule in RULES
makes `test_elke_url_heeft_een_regel` fail. Later apps add their rules here.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rapportage import services as rapportage_services
from rapportage.models import Disseminatie, Eindrapport, Onderwijsmodule, Plaatsing, Programmaonderdeel
from scholing import services as scholing_services
from scholing.models import Bijeenkomst, Implementatieleider, Persoon, Scholingsgroep
from tests.factories import MethodeFactory, UserFactory, maak_ronde
from trajecten import services as traject_services
from trajecten.models import Deelname, Fase, Streefwaarde, Traject
from werkplaats import services as werkplaats_services
from werkplaats.models import Rol

ANONIEM = "anoniem"
LEIDER_A = "leider_a"
LEIDER_B = "leider_b"
COORDINATOR = "coordinator"
LECTORAAT = "lectoraat"
BEHEERDER = "beheerder"
LANDELIJK = "landelijk"  # the national role: aggregated figures only (werkplaats/landelijk.py)
ROLLEN = [ANONIEM, LEIDER_A, LEIDER_B, COORDINATOR, LECTORAAT, BEHEERDER, LANDELIJK]

LOGIN = "login"  # expected: redirect to the login page
HOME = "home"  # expected: redirect to the home page
DONE = "done"  # expected: the action was carried out, redirect to a page that is not the login page


@dataclass(frozen=True)
class Regel:
    """What each role gets from one URL. Unlisted logged-in roles get 200, anonymous users the login page, and the
    national role 403: a page shows it nothing unless listed here as free of personal data."""

    kwargs: Callable = lambda world: {}
    expect: dict = field(default_factory=dict)
    method: str = "get"

    def verwacht(self, rol: str):
        if rol in self.expect:
            return self.expect[rol]
        if rol == LANDELIJK:
            return 403
        return LOGIN if rol == ANONIEM else 200


def landelijk_gebruiker(**kwargs):
    """A user with only the national role, granted as a superuser grants it (`rol_toekennen`)."""
    user = UserFactory(**kwargs)
    werkplaats_services.rol_toekennen(user=user, soort=Rol.Soort.LANDELIJK)
    return user


def org_a(world):
    return {"pk": world.org_a.pk}


def afdeling_a(world):
    return {"pk": world.afdeling_a.pk}


def concept_a(world):
    return {"pk": world.concept_a.pk}


def afgerond_a(world):
    return {"pk": world.afgerond_a.pk}


def werkplaats(world):
    return {"pk": world.werkplaats.pk}


def instrument(world):
    return {"pk": world.afgerond_a.instrument_id}


def suggestie(world):
    from quickscan.models import Suggestie

    return {"pk": Suggestie.objects.filter(element__instrument_id=world.afgerond_a.instrument_id).first().pk}


def traject(world):
    return {"pk": world.traject.pk}


def persoon_a(world):
    return {"pk": world.persoon_a.pk}


def inschrijving_a(world):
    return {"pk": world.inschrijving_a.pk}


def eindrapport(world):
    return {"pk": world.eindrapport.pk}


def eindrapportversie(world) -> int:
    """A frozen version of a second report of the trajectory (freezing renders no PDF; the download makes it)."""
    rapport = rapportage_services.rapport_opslaan(
        rapport=Eindrapport(traject=world.traject, peildatum=datetime.date(2015, 6, 30))
    )
    return rapportage_services.rapport_bevriezen(rapport=rapport).versies.get().pk


def _png() -> bytes:
    from PIL import Image

    uit = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(uit, format="PNG")
    return uit.getvalue()


def achterpagina(world):
    from django.core.files.base import ContentFile

    from rapportage.models import Achterpagina

    bestaand = Achterpagina.objects.filter(werkplaats=world.werkplaats).first()
    pagina = bestaand or rapportage_services.achterpagina_opslaan(
        achterpagina=Achterpagina(
            werkplaats=world.werkplaats, logo_1=ContentFile(_png(), name="logo.png"), logo_1_naam="Partner"
        )
    )
    return {"pk": pagina.pk}


def disseminatie_met_bestand(world):
    from django.core.files.base import ContentFile

    poster = rapportage_services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=world.traject,
            soort="poster",
            titel="Poster",
            bijlage="3",
            bijlage_bestand=ContentFile(_png(), name="poster.png"),
        )
    )
    return {"pk": poster.pk}


def account_a(world):
    return {"werkplaats": world.werkplaats.pk, "pk": world.leider_a.pk}


def mislukte_mail(world):
    from werkplaats.models import Mailbericht

    bericht = Mailbericht.objects.create(
        sleutel="test:mislukt",
        soort=Mailbericht.Soort.UITNODIGING,
        ontvanger=world.leider_a,
        adres="leider.a@example.nl",
        werkplaats=world.werkplaats,
        status=Mailbericht.Status.MISLUKT,
    )
    return {"werkplaats": world.werkplaats.pk, "pk": bericht.pk}


ALLE_400 = dict.fromkeys(ROLLEN, 400)  # an expired or forged link: a message, for anyone
LEZERS_NIET = {LEIDER_B: 404, COORDINATOR: 403, LECTORAAT: 403}  # leader A and superusers write, others read
# Coordinators and superusers write; lectoraat and leader A read; leader B does not see it (another organisation's
# record, or a trajectory organisation B does not take part in).
COORDINATOR_SCHRIJFT = {LEIDER_A: 403, LEIDER_B: 404, LECTORAAT: 403}
ALLEEN_COORDINATOR = {LEIDER_A: 403, LEIDER_B: 403, LECTORAAT: 403}  # pages under no visible parent
ALLEEN_BEHEERDER = {LEIDER_A: 403, LEIDER_B: 403, COORDINATOR: 403, LECTORAAT: 403}
NIET_ZICHTBAAR_VOOR_B = {LEIDER_B: 404}
SUGGESTIES_BEHEREN = {LEIDER_A: 403, LEIDER_B: 403, COORDINATOR: 403}  # the lectoraat and superusers
# The dissemination register: coordinators, lectoraat and superusers write; leader A reads; leader B does not see it.
REGISTER_SCHRIJFT = {LEIDER_A: 403, LEIDER_B: 404}
# The API: anonymous 401, the national role 403, another organisation's (or trajectory's) row 404.
API_NIET_B = {ANONIEM: 401, LEIDER_B: 404, LANDELIJK: 403}


def teamlid_link(world) -> dict:
    """The personal link of team member A of concept_a (a fresh token: only its hash is stored)."""
    from quickscan import team

    return {"pk": world.concept_a.pk, "token": team.token_vernieuwen(world.teamlid_a)}


def api_token_a(world) -> int:
    from werkplaats.api_tokens import api_token_aanmaken

    return api_token_aanmaken(user=world.leider_a, naam="R")[0].pk


RULES: dict[str, Regel] = {
    # Core
    "werkplaats:home": Regel(expect={LANDELIJK: 200}),
    "werkplaats:zoeken": Regel(),  # every logged-in role; what it finds is scoped (tests/werkplaats/test_zoeken.py)
    "werkplaats:organisatie_list": Regel(),
    "werkplaats:organisatie_create": Regel(expect={LEIDER_A: 403, LEIDER_B: 403, LECTORAAT: 403}),
    "werkplaats:organisatie_detail": Regel(kwargs=org_a, expect={LEIDER_B: 404}),
    "werkplaats:organisatie_update": Regel(kwargs=org_a, expect={LEIDER_A: 403, LEIDER_B: 404, LECTORAAT: 403}),
    "werkplaats:afdeling_create": Regel(kwargs=org_a, expect={LEIDER_B: 404, LECTORAAT: 403}),
    "werkplaats:afdeling_update": Regel(kwargs=afdeling_a, expect={LEIDER_B: 404, LECTORAAT: 403}),
    # Quickscan
    "quickscan:overzicht": Regel(),
    "quickscan:organisatie": Regel(kwargs=org_a, expect={LEIDER_B: 404}),
    "quickscan:ronde_create": Regel(kwargs=org_a, expect=LEZERS_NIET),
    "quickscan:ronde_detail": Regel(kwargs=concept_a, expect={LEIDER_B: 404}),
    "quickscan:ronde_update": Regel(kwargs=lambda w: {"ronde": w.concept_a.pk}, expect=LEZERS_NIET),
    "quickscan:ronde_afronden": Regel(
        kwargs=concept_a,
        method="post",
        expect={LEIDER_A: DONE, LEIDER_B: 404, COORDINATOR: 403, LECTORAAT: 403, BEHEERDER: DONE},
    ),
    # Leader A may not undo afgerond_a: a later round of the series (concept_a) exists.
    "quickscan:ronde_heropenen": Regel(
        kwargs=afgerond_a,
        method="post",
        expect={LEIDER_A: 403, LEIDER_B: 404, COORDINATOR: DONE, LECTORAAT: 403, BEHEERDER: DONE},
    ),
    "quickscan:ronde_archiveren": Regel(
        kwargs=concept_a,
        method="post",
        expect={LEIDER_A: DONE, LEIDER_B: 404, COORDINATOR: DONE, LECTORAAT: 403, BEHEERDER: DONE},
    ),
    "quickscan:actie_create": Regel(kwargs=afgerond_a, expect=LEZERS_NIET),
    "quickscan:actie_update": Regel(kwargs=lambda w: {"pk": w.actie_a.pk}, expect=LEZERS_NIET),
    "quickscan:instelling": Regel(kwargs=werkplaats, expect={LEIDER_A: 403, LEIDER_B: 403, LECTORAAT: 403}),
    # Suggestions for the action plan of the shared instrument: the lectoraat and superusers keep them, coordinators
    # read them, leaders meet them on the action form (quickscan/suggestie_views.py).
    "quickscan:suggestie_list": Regel(kwargs=instrument, expect={LEIDER_A: 403, LEIDER_B: 403}),
    "quickscan:suggestie_create": Regel(kwargs=instrument, expect=SUGGESTIES_BEHEREN),
    "quickscan:suggestie_update": Regel(kwargs=suggestie, expect=SUGGESTIES_BEHEREN),
    # Team scoring and the meeting (quickscan/team.py): the organisation's leaders and superusers run them (an empty
    # invitation: 400); the research export also for the lectoraat; a member's form for whoever holds the link (no
    # login) or is invited as a user (leader A in the matrix; anyone else: 404).
    "quickscan:team": Regel(kwargs=concept_a, expect=LEZERS_NIET),
    "quickscan:team_uitnodigen": Regel(
        kwargs=concept_a,
        method="post",
        expect={LEIDER_A: 400, LEIDER_B: 404, COORDINATOR: 403, LECTORAAT: 403, BEHEERDER: 400},
    ),
    "quickscan:vergadering": Regel(kwargs=concept_a, expect=LEZERS_NIET),
    "quickscan:teamscores_export": Regel(kwargs=concept_a, expect={LEIDER_B: 404, COORDINATOR: 403}),
    "quickscan:mijn_teamscores": Regel(
        kwargs=concept_a, expect={LEIDER_B: 404, COORDINATOR: 404, LECTORAAT: 404, BEHEERDER: 404}
    ),
    "quickscan:team_link": Regel(kwargs=lambda w: teamlid_link(w), expect={ANONIEM: 200}),
    "quickscan:teamlid_intrekken": Regel(
        kwargs=lambda w: {"pk": w.teamlid_a.pk},
        method="post",
        expect={LEIDER_A: DONE, LEIDER_B: 404, COORDINATOR: 403, LECTORAAT: 403, BEHEERDER: DONE},
    ),
    "quickscan:teamlid_opnieuw": Regel(
        kwargs=lambda w: {"pk": w.teamlid_a.pk},
        method="post",
        expect={LEIDER_A: DONE, LEIDER_B: 404, COORDINATOR: 403, LECTORAAT: 403, BEHEERDER: DONE},
    ),
    # Trajecten
    "trajecten:traject_list": Regel(),
    "trajecten:traject_create": Regel(expect=ALLEEN_COORDINATOR),
    "trajecten:traject_detail": Regel(kwargs=traject, expect=NIET_ZICHTBAAR_VOOR_B),
    "trajecten:traject_update": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "trajecten:fase_create": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "trajecten:fase_update": Regel(kwargs=lambda w: {"pk": w.fase.pk}, expect=COORDINATOR_SCHRIJFT),
    "trajecten:deelname_create": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "trajecten:deelname_update": Regel(kwargs=lambda w: {"pk": w.deelname_a.pk}, expect=COORDINATOR_SCHRIJFT),
    "trajecten:streefwaarde_create": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "trajecten:streefwaarde_update": Regel(kwargs=lambda w: {"pk": w.streefwaarde.pk}, expect=COORDINATOR_SCHRIJFT),
    "trajecten:methode_list": Regel(),
    # The method catalogue is shared: only superusers change it; a werkplaats's coordinators name its methods.
    "trajecten:methode_create": Regel(expect=ALLEEN_BEHEERDER),
    "trajecten:methode_detail": Regel(kwargs=lambda w: {"pk": w.methode.pk}),
    "trajecten:methode_update": Regel(kwargs=lambda w: {"pk": w.methode.pk}, expect=ALLEEN_BEHEERDER),
    "trajecten:methode_namen": Regel(
        kwargs=lambda w: {"pk": w.methode.pk, "werkplaats": w.werkplaats.pk}, expect=ALLEEN_COORDINATOR
    ),
    # Scholing: the tables show each role what it may see
    "scholing:persoon_list": Regel(),
    "scholing:inschrijving_list": Regel(),
    "scholing:groep_list": Regel(),
    "scholing:bijeenkomst_list": Regel(),
    "scholing:buddy_list": Regel(),
    "scholing:implementatieleider_list": Regel(),
    # Scholing: people of organisation A, their enrolments and leader roles
    "scholing:persoon_create": Regel(expect=ALLEEN_COORDINATOR),
    "scholing:persoon_detail": Regel(kwargs=persoon_a, expect=NIET_ZICHTBAAR_VOOR_B),
    "scholing:persoon_update": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:inschrijving_create": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:inschrijving_update": Regel(kwargs=inschrijving_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:inschrijving_afmelden": Regel(kwargs=inschrijving_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:inschrijving_hervatten": Regel(kwargs=inschrijving_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:inschrijving_afronden": Regel(kwargs=inschrijving_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:implementatieleider_create": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:implementatieleider_update": Regel(
        kwargs=lambda w: {"pk": w.implementatieleider_a.pk}, expect=COORDINATOR_SCHRIJFT
    ),
    "scholing:implementatieleider_stoppen": Regel(
        kwargs=lambda w: {"pk": w.implementatieleider_a.pk}, expect=COORDINATOR_SCHRIJFT
    ),
    # Scholing: groups and sessions of the trajectory
    "scholing:groep_create": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "scholing:groep_detail": Regel(kwargs=lambda w: {"pk": w.groep.pk}, expect=NIET_ZICHTBAAR_VOOR_B),
    "scholing:groep_update": Regel(kwargs=lambda w: {"pk": w.groep.pk}, expect=COORDINATOR_SCHRIJFT),
    "scholing:bijeenkomst_create": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "scholing:bijeenkomst_update": Regel(kwargs=lambda w: {"pk": w.bijeenkomst.pk}, expect=COORDINATOR_SCHRIJFT),
    "scholing:aanwezigheid": Regel(kwargs=lambda w: {"pk": w.bijeenkomst.pk}, expect=NIET_ZICHTBAAR_VOOR_B),
    # Scholing: the participant import (coordinators only)
    "scholing:import": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "scholing:import_sjabloon": Regel(kwargs=traject, expect=COORDINATOR_SCHRIJFT),
    "scholing:import_bevestigen": Regel(
        kwargs=traject, method="post", expect={**COORDINATOR_SCHRIJFT, COORDINATOR: 400, BEHEERDER: 400}
    ),  # nothing was previewed, so there is nothing to confirm
    "scholing:import_annuleren": Regel(
        kwargs=traject, method="post", expect={**COORDINATOR_SCHRIJFT, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    # Scholing: privacy (inzage and erasure by coordinators; the privacy page is public)
    "scholing:persoon_inzage": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:persoon_inzage_json": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:persoon_inzage_pdf": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:persoon_vergeten": Regel(kwargs=persoon_a, expect=COORDINATOR_SCHRIJFT),
    "scholing:bewaartermijn": Regel(expect=ALLEEN_COORDINATOR),
    "scholing:privacy": Regel(expect=dict.fromkeys(ROLLEN, 200)),
    # Rapportage
    "rapportage:dashboard": Regel(kwargs=traject, expect=NIET_ZICHTBAAR_VOOR_B),
    "rapportage:register_index": Regel(),
    "rapportage:disseminatie_list": Regel(kwargs=traject, expect=NIET_ZICHTBAAR_VOOR_B),
    "rapportage:disseminatie_create": Regel(kwargs=traject, expect=REGISTER_SCHRIJFT),
    "rapportage:disseminatie_update": Regel(kwargs=lambda w: {"pk": w.conferentie.pk}, expect=REGISTER_SCHRIJFT),
    "rapportage:conferentie_detail": Regel(kwargs=lambda w: {"pk": w.conferentie.pk}, expect=NIET_ZICHTBAAR_VOOR_B),
    "rapportage:programmaonderdeel_create": Regel(kwargs=lambda w: {"pk": w.conferentie.pk}, expect=REGISTER_SCHRIJFT),
    "rapportage:programmaonderdeel_update": Regel(
        kwargs=lambda w: {"pk": w.programmaonderdeel.pk}, expect=REGISTER_SCHRIJFT
    ),
    "rapportage:onderwijsmodule_list": Regel(kwargs=traject, expect=NIET_ZICHTBAAR_VOOR_B),
    "rapportage:onderwijsmodule_create": Regel(kwargs=traject, expect=REGISTER_SCHRIJFT),
    "rapportage:onderwijsmodule_update": Regel(kwargs=lambda w: {"pk": w.onderwijsmodule.pk}, expect=REGISTER_SCHRIJFT),
    "rapportage:plaatsing_create": Regel(kwargs=lambda w: {"pk": w.onderwijsmodule.pk}, expect=REGISTER_SCHRIJFT),
    "rapportage:plaatsing_update": Regel(kwargs=lambda w: {"pk": w.plaatsing.pk}, expect=REGISTER_SCHRIJFT),
    # The end report: coordinators, lectoraat and superusers write and export; leaders neither read nor export.
    "rapportage:eindrapport_list": Regel(kwargs=traject, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_detail": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_update": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_tekst": Regel(
        kwargs=lambda w: {"pk": w.eindrapport.pk, "sectie": "voorwoord"}, expect=REGISTER_SCHRIJFT
    ),
    "rapportage:eindrapport_correctie": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_bevriezen": Regel(
        kwargs=eindrapport,
        method="post",
        expect={ANONIEM: LOGIN, LEIDER_A: 403, LEIDER_B: 404, COORDINATOR: DONE, LECTORAAT: DONE, BEHEERDER: DONE},
    ),
    "rapportage:eindrapport_bevriezen_bevestigen": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_pdf": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_versie_pdf": Regel(kwargs=lambda w: {"pk": eindrapportversie(w)}, expect=REGISTER_SCHRIJFT),
    "rapportage:eindrapport_cijfers": Regel(kwargs=eindrapport, expect=REGISTER_SCHRIJFT),
    # The research page and export (quickscan.onderzoek): coordinators, lectoraat and superusers, as the end report.
    "rapportage:onderzoek": Regel(kwargs=traject, expect=REGISTER_SCHRIJFT),
    # The national overview: aggregated figures of every werkplaats, for the national role, coordinators, lectoraat
    # and superusers; leaders are refused (it compares werkplaatsen, not organisations).
    "rapportage:landelijk": Regel(expect={LEIDER_A: 403, LEIDER_B: 403, LANDELIJK: 200}),
    # The research export across werkplaatsen (pseudonyms, no free text, the threshold): the national role and
    # superusers only; a werkplaats's coordinators and lectoraat get no rows of other werkplaatsen' organisations.
    "rapportage:landelijk_onderzoek": Regel(expect={**ALLEEN_BEHEERDER, LANDELIJK: 200}),
    # An organisation's implementation phase: its werkplaats's coordinators override it (rapportage/fase_views.py);
    # undoing when none is set leads back to the organisation's page.
    "rapportage:fase": Regel(kwargs=org_a, expect=COORDINATOR_SCHRIJFT),
    "rapportage:fase_ongedaan": Regel(
        kwargs=org_a, method="post", expect={**COORDINATOR_SCHRIJFT, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    # The werkplaats's back page of its end reports: its coordinators, lectoraat and superusers keep it.
    "rapportage:achterpagina": Regel(kwargs=werkplaats, expect={LEIDER_A: 403, LEIDER_B: 403}),
    "rapportage:achterpagina_update": Regel(kwargs=achterpagina, expect={LEIDER_A: 403, LEIDER_B: 403}),
    "rapportage:achterpagina_logo": Regel(
        kwargs=lambda w: {**achterpagina(w), "nummer": 1}, expect={LEIDER_A: 403, LEIDER_B: 403}
    ),
    "rapportage:disseminatie_bestand": Regel(kwargs=disseminatie_met_bestand, expect=NIET_ZICHTBAAR_VOOR_B),
    # Accounts and infrastructure
    "login": Regel(
        expect={rol: HOME for rol in ROLLEN if rol != ANONIEM} | {ANONIEM: 200},
    ),
    "logout": Regel(method="post", expect=dict.fromkeys(ROLLEN, LOGIN)),
    "password_change": Regel(expect={LANDELIJK: 200}),
    "password_change_done": Regel(expect={LANDELIJK: 200}),
    "account_instellingen": Regel(expect={LANDELIJK: 200}),
    # Two-factor authentication: reachable before the second step; nobody in the matrix has an app yet (so there is
    # no code to ask: home; nothing to renew or turn off: back to "Mijn account"), and setting it up is for everyone.
    "tweestaps_controleren": Regel(expect={rol: HOME for rol in ROLLEN if rol != ANONIEM}),
    "tweestaps_instellen": Regel(expect={LANDELIJK: 200}),
    "tweestaps_noodcodes": Regel(method="post", expect={rol: DONE for rol in ROLLEN if rol != ANONIEM}),
    "tweestaps_uitzetten": Regel(method="post", expect={rol: DONE for rol in ROLLEN if rol != ANONIEM}),
    "password_reset": Regel(expect=dict.fromkeys(ROLLEN, 200)),
    "password_reset_done": Regel(expect=dict.fromkeys(ROLLEN, 200)),
    "password_reset_confirm": Regel(kwargs=lambda w: {"uidb64": "MQ", "token": "ongeldig"}, expect=ALLE_400),
    "password_reset_complete": Regel(expect=dict.fromkeys(ROLLEN, 200)),
    "uitnodiging_accepteren": Regel(kwargs=lambda w: {"uidb64": "MQ", "token": "ongeldig"}, expect=ALLE_400),
    # Accounts of a werkplaats: its coordinators and superusers (leader A's account; its only role stays, 400)
    "werkplaats:account_start": Regel(expect={**ALLEEN_COORDINATOR, COORDINATOR: DONE}),
    "werkplaats:account_list": Regel(kwargs=werkplaats, expect=ALLEEN_COORDINATOR),
    "werkplaats:account_uitnodigen": Regel(kwargs=werkplaats, expect=ALLEEN_COORDINATOR),
    "werkplaats:account_detail": Regel(kwargs=account_a, expect=ALLEEN_COORDINATOR),
    "werkplaats:account_rol_toevoegen": Regel(
        kwargs=account_a, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: 400, BEHEERDER: 400}
    ),
    "werkplaats:account_rol_intrekken": Regel(
        kwargs=lambda w: {**account_a(w), "rol": w.leider_a.rollen.get().pk},
        method="post",
        expect={**ALLEEN_COORDINATOR, COORDINATOR: 400, BEHEERDER: 400},
    ),
    "werkplaats:account_opnieuw_uitnodigen": Regel(
        kwargs=account_a, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: 400, BEHEERDER: 400}
    ),
    "werkplaats:account_deactiveren": Regel(
        kwargs=account_a, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    "werkplaats:account_activeren": Regel(
        kwargs=account_a, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    "werkplaats:account_ontgrendelen": Regel(
        kwargs=account_a, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    "werkplaats:mail_list": Regel(kwargs=werkplaats, expect=ALLEEN_COORDINATOR),
    "werkplaats:mail_opnieuw": Regel(
        kwargs=mislukte_mail, method="post", expect={**ALLEEN_COORDINATOR, COORDINATOR: DONE, BEHEERDER: DONE}
    ),
    "healthz": Regel(expect=dict.fromkeys(ROLLEN, 200)),
    "toegankelijkheid": Regel(expect=dict.fromkeys(ROLLEN, 200)),  # the accessibility statement is public
    "set_language": Regel(method="post", expect=dict.fromkeys(ROLLEN, DONE)),  # the language switch, for everyone
    # Personal API tokens on "Mijn account" (werkplaats/api_tokens.py): a post without a name is refused (400); a
    # token is revoked by its owner only (another's: 404).
    # The national role has tokens too (for the national research export).
    "api_token_aanmaken": Regel(method="post", expect={rol: 400 for rol in ROLLEN if rol != ANONIEM}),
    "api_token_intrekken": Regel(
        kwargs=lambda w: {"pk": api_token_a(w)},
        method="post",
        expect={LEIDER_A: DONE, LEIDER_B: 404, COORDINATOR: 404, LECTORAAT: 404, BEHEERDER: 404, LANDELIJK: 404},
    ),
    # The read API (rapportage/api/): anonymous 401, not the login page; the national role only where no personal
    # data is (the method catalogue, the schema and its documentation page). The router is walked below.
    **{
        f"api:{basis}-list": Regel(expect={ANONIEM: 401, LANDELIJK: 200 if basis == "methode" else 403})
        for basis in ("traject", "organisatie", "methode", "streefwaarde", "ronde", "actie")
    },
    "api:traject-detail": Regel(kwargs=traject, expect=API_NIET_B),
    "api:traject-cijfers": Regel(kwargs=traject, expect=API_NIET_B),
    "api:traject-onderzoek": Regel(kwargs=traject, expect={**API_NIET_B, LEIDER_A: 403}),
    "api:organisatie-detail": Regel(kwargs=org_a, expect=API_NIET_B),
    "api:methode-detail": Regel(kwargs=lambda w: {"pk": w.methode.pk}, expect={ANONIEM: 401, LANDELIJK: 200}),
    "api:streefwaarde-detail": Regel(kwargs=lambda w: {"pk": w.streefwaarde.pk}, expect=API_NIET_B),
    "api:ronde-detail": Regel(kwargs=afgerond_a, expect=API_NIET_B),
    "api:actie-detail": Regel(kwargs=lambda w: {"pk": w.actie_a.pk}, expect=API_NIET_B),
    "api:landelijk-onderzoek-list": Regel(expect={**ALLEEN_BEHEERDER, ANONIEM: 401, LANDELIJK: 200}),
    "api:schema": Regel(expect={ANONIEM: 401, LANDELIJK: 200}),
    "api:docs": Regel(expect={LANDELIJK: 200}),
    "api:swagger": Regel(expect={LANDELIJK: 200}),
}

# Django's admin lives under /beheer/ and guards itself (staff only); it is checked in test_beheer_*.
DJANGO_NAMESPACES = {"admin"}


def _url_names(patterns=None, prefix="") -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _url_names(pattern.url_patterns, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names


def _project_url_names() -> set[str]:
    return {name for name in _url_names() if name.split(":")[0] not in DJANGO_NAMESPACES}


def test_elke_url_heeft_een_regel():
    assert _project_url_names() - set(RULES) == set(), "URLs zonder regel in de permissiematrix"
    assert set(RULES) - _project_url_names() == set(), "regels voor URLs die niet meer bestaan"


def test_elk_api_eindpunt_heeft_een_regel():
    """Walk the API's own router: every route of every registered viewset has a rule (and so is in the matrix)."""
    from rapportage.api.urls import router

    namen = {
        f"api:{route.name.format(basename=basis)}"
        for _prefix, viewset, basis in router.registry
        for route in router.get_routes(viewset)
        if router.get_method_map(
            viewset, route.mapping
        )  # a route the viewset has a method for (a list-only: no detail)
    }
    assert len(namen) >= 14
    assert namen - set(RULES) == set(), "API-eindpunten zonder regel in de permissiematrix"


def test_elke_url_heeft_een_naam():
    def unnamed(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace not in DJANGO_NAMESPACES:
                    yield from unnamed(pattern.url_patterns, prefix + str(pattern.pattern))
            elif not pattern.name:
                yield prefix + str(pattern.pattern)

    assert list(unnamed(get_resolver().url_patterns)) == []


def matrix_bouwen(world):
    """The world plus a trajectory organisation A takes part in (B does not), training records of A, and a national
    user."""
    world.landelijk = landelijk_gebruiker(username="landelijk")
    methode = MethodeFactory(naam="Het Gesprek", korte_naam="HG")
    world.methode = methode
    world.traject = traject_services.traject_opslaan(
        traject=Traject(
            werkplaats=world.werkplaats,
            naam="Traject Test",
            startdatum=datetime.date(2014, 1, 1),
            einddatum=datetime.date(2015, 12, 31),
        ),
        methoden_aangeboden=[methode],
        methoden=[methode],
    )
    world.deelname_a = traject_services.deelname_opslaan(
        deelname=Deelname(traject=world.traject, organisatie=world.org_a, vanaf=datetime.date(2014, 1, 1)),
        methoden=[methode],
    )
    world.fase = traject_services.fase_opslaan(
        fase=Fase(
            traject=world.traject,
            nummer=1,
            naam="Start",
            startmaand=datetime.date(2014, 1, 1),
            eindmaand=datetime.date(2014, 3, 1),
        )
    )
    world.streefwaarde = traject_services.streefwaarde_opslaan(
        streefwaarde=Streefwaarde(traject=world.traject, indicator="professionals", waarde=90)
    )
    world.groep = scholing_services.groep_opslaan(
        groep=Scholingsgroep(traject=world.traject, methode=methode, nummer=1)
    )
    world.bijeenkomst = scholing_services.bijeenkomst_opslaan(
        bijeenkomst=Bijeenkomst(
            traject=world.traject, groep=world.groep, soort="basistraining", datum=datetime.date(2014, 3, 1)
        )
    )
    world.persoon_a = scholing_services.persoon_opslaan(persoon=Persoon(organisatie=world.org_a, naam="Anna de Vries"))
    world.inschrijving_a = scholing_services.deelnemer_inschrijven(
        persoon=world.persoon_a, groep=world.groep, startdatum=datetime.date(2014, 2, 1)
    )
    world.buddy_a = scholing_services.buddy_toevoegen(
        inschrijving=world.inschrijving_a, naam="Collega", vanaf=datetime.date(2014, 4, 1)
    )
    world.implementatieleider_a = scholing_services.implementatieleider_opslaan(
        leider=Implementatieleider(
            persoon=world.persoon_a, traject=world.traject, functie="manager", actief_vanaf=datetime.date(2014, 1, 15)
        )
    )
    world.conferentie = rapportage_services.disseminatie_opslaan(
        disseminatie=Disseminatie(
            traject=world.traject, soort="conferentie", titel="Slotconferentie", datum=datetime.date(2015, 12, 3)
        ),
        methoden=[methode],
    )
    world.programmaonderdeel = rapportage_services.programmaonderdeel_opslaan(
        programmaonderdeel=Programmaonderdeel(
            disseminatie=world.conferentie, soort="workshop", nummer=1, titel="Het Gesprek"
        )
    )
    world.onderwijsmodule = rapportage_services.onderwijsmodule_opslaan(
        onderwijsmodule=Onderwijsmodule(traject=world.traject, naam="Het Gesprek", methode=methode)
    )
    world.plaatsing = rapportage_services.plaatsing_opslaan(
        plaatsing=Plaatsing(module=world.onderwijsmodule, opleiding="SPH", jaar=1, vorm="hoorcollege")
    )
    world.eindrapport = rapportage_services.rapport_opslaan(
        rapport=Eindrapport(traject=world.traject, peildatum=datetime.date(2015, 12, 31))
    )
    # A second submitted round of A, so that the research export (rapportage:onderzoek) has a pair of rounds.
    world.afgerond_a2 = maak_ronde(world.org_a, {"missie": 3}, afronden=True, datum=datetime.date(2014, 9, 9))
    # Team scoring of concept_a: a member by address (with a score and a note, for the research export) and leader A
    # as a user.
    from quickscan import team

    teamscoring = team.teamscoring_opslaan(
        ronde=world.concept_a, deadline=datetime.date.today() + datetime.timedelta(days=7), anoniem=True
    )
    world.teamlid_a = team.teamlid_uitnodigen(teamscoring=teamscoring, naam="Teamlid A", email="teamlid.a@example.nl")
    team.teamlid_uitnodigen(teamscoring=teamscoring, user=world.leider_a)
    missie = world.concept_a.instrument.elementen.get(code="missie")
    team.teamscores_opslaan(teamlid=world.teamlid_a, invoer={missie.pk: team.TeamInvoer(4, "Staat in het jaarplan.")})
    return world


@pytest.fixture
def matrix_world(world):
    """The matrix world in the test's own transaction (for tests elsewhere that change it past the services)."""
    return matrix_bouwen(world)


def _client_for(client, world, rol):
    if rol != ANONIEM:
        client.force_login(getattr(world, rol))
    return client


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(RULES))
@pytest.mark.usefixtures("pdf_zonder_opmaak")
def test_permissiematrix(client, gedeelde_matrix, naam, rol):
    world = gedeelde_matrix
    regel = RULES[naam]
    url = reverse(naam, kwargs=regel.kwargs(world))
    response = getattr(_client_for(client, world, rol), regel.method)(url)
    verwacht = regel.verwacht(rol)
    if verwacht == LOGIN:
        assert response.status_code == 302, f"{naam} als {rol}: {response.status_code}"
        assert response.url.startswith(reverse("login")), response.url
    elif verwacht == HOME:
        assert response.status_code == 302
        assert response.url == reverse("werkplaats:home")
    elif verwacht == DONE:
        assert response.status_code == 302, f"{naam} als {rol}: {response.status_code}"
        assert not response.url.startswith(reverse("login")), response.url
    else:
        assert response.status_code == verwacht, f"{naam} als {rol}: {response.status_code} i.p.v. {verwacht}"


def test_leider_krijgt_404_op_elke_pagina_van_een_andere_organisatie(client, gedeelde_matrix):
    """Each URL with an organisation-scoped argument, asked by the other organisation's leader."""
    world = gedeelde_matrix
    client.force_login(world.leider_b)
    scoped = [naam for naam, regel in RULES.items() if regel.expect.get(LEIDER_B) == 404]
    assert scoped, "no organisation-scoped URLs found"
    for naam in scoped:
        regel = RULES[naam]
        assert getattr(client, regel.method)(reverse(naam, kwargs=regel.kwargs(world))).status_code == 404, naam


@pytest.mark.parametrize("rol", [LEIDER_A, COORDINATOR, LECTORAAT])
def test_organisatie_van_andere_werkplaats_is_onzichtbaar(client, world, rol):
    client.force_login(getattr(world, rol))
    assert client.get(reverse("werkplaats:organisatie_detail", kwargs={"pk": world.org_elders.pk})).status_code == 404


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [(ANONIEM, "admin_login"), (LEIDER_A, "admin_login"), (COORDINATOR, "admin_login"), (BEHEERDER, 200)],
)
@pytest.mark.parametrize(
    "naam",
    ["admin:index", "admin:werkplaats_organisatie_changelist", "admin:werkplaats_user_changelist"],
)
def test_beheer_alleen_voor_beheerders(client, world, naam, rol, verwacht):
    response = _client_for(client, world, rol).get(reverse(naam))
    if verwacht == "admin_login":
        assert response.status_code == 302
        assert response.url.startswith((reverse("admin:login"), reverse("login")))
    else:
        assert response.status_code == 200
