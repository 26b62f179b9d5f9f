"""Writes of the training records. Every rule about enrolments, dropouts, buddies and attendance lives here.

Every write of a training record goes through one of these functions: the pages, the admin, the import and the
demo data all call them. Each validates the record with `full_clean()` inside `transaction.atomic`.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from trajecten.models import Traject
from werkplaats.models import ApiToken, Mailbericht, User
from werkplaats.services import account_deactiveren

from . import privacy
from .models import (
    Aanwezigheid,
    Bijeenkomst,
    Buddy,
    Implementatieleider,
    Importvoorbeeld,
    Inschrijving,
    Persoon,
    Scholingsgroep,
    Verwijdering,
)


@transaction.atomic
def persoon_opslaan(*, persoon: Persoon) -> Persoon:
    """Add or change a participant. Archiving (`gearchiveerd`) keeps the person and all their records."""
    persoon.full_clean()
    persoon.save()
    return persoon


@transaction.atomic
def groep_opslaan(*, groep: Scholingsgroep) -> Scholingsgroep:
    groep.full_clean()
    groep.save()
    return groep


@transaction.atomic
def bijeenkomst_opslaan(*, bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def deelnemer_inschrijven(*, persoon: Persoon, groep: Scholingsgroep, startdatum: datetime.date) -> Inschrijving:
    inschrijving = Inschrijving(persoon=persoon, groep=groep, startdatum=startdatum)
    inschrijving.full_clean()
    inschrijving.save()
    return inschrijving


@transaction.atomic
def inschrijving_opslaan(*, inschrijving: Inschrijving) -> Inschrijving:
    """Correct an enrolment's dates and notes.

    Its status changes only through its own services: `deelnemer_afmelden`, `deelnemer_hervatten` and
    `scholing_afronden`; a new enrolment is `deelnemer_inschrijven`.
    """
    opgeslagen = (
        Inschrijving.objects.filter(pk=inschrijving.pk).values_list("status", flat=True).first()
        if inschrijving.pk is not None
        else None
    )
    if opgeslagen is None:
        raise ValidationError(_("Een nieuwe inschrijving maakt u met ‘Inschrijven in een groep’."))
    if inschrijving.status != opgeslagen:
        raise ValidationError(
            {"status": _("De status verandert alleen door af te melden, terug te keren of de scholing af te ronden.")}
        )
    inschrijving.full_clean()
    inschrijving.save()
    return inschrijving


@transaction.atomic
def deelnemer_afmelden(
    *, inschrijving: Inschrijving, datum: datetime.date, reden: str, toelichting: str = ""
) -> Inschrijving:
    """A participant drops out: the enrolment ends with a reason; nothing is deleted."""
    if inschrijving.status != Inschrijving.Status.ACTIEF:
        raise ValidationError(_("Alleen een actieve inschrijving kan worden afgemeld."))
    inschrijving.status = Inschrijving.Status.UITGEVALLEN
    inschrijving.einddatum = datum
    inschrijving.uitvalreden = reden
    inschrijving.toelichting = toelichting
    inschrijving.full_clean()
    inschrijving.save()
    return inschrijving


@transaction.atomic
def deelnemer_hervatten(*, inschrijving: Inschrijving, datum: datetime.date) -> Inschrijving:
    """Someone who dropped out returns: a new enrolment in the same group, from `datum`."""
    if inschrijving.status != Inschrijving.Status.UITGEVALLEN:
        raise ValidationError(_("Alleen wie is uitgevallen kan terugkeren."))
    if inschrijving.einddatum is not None and datum <= inschrijving.einddatum:
        raise ValidationError({"datum": _("De terugkeer moet na de datum van uitval liggen.")})
    return deelnemer_inschrijven(persoon=inschrijving.persoon, groep=inschrijving.groep, startdatum=datum)


@transaction.atomic
def scholing_afronden(*, inschrijving: Inschrijving, datum: datetime.date) -> Inschrijving:
    if inschrijving.status != Inschrijving.Status.ACTIEF:
        raise ValidationError(_("Alleen een actieve inschrijving kan worden afgerond."))
    inschrijving.status = Inschrijving.Status.AFGEROND
    inschrijving.einddatum = datum
    inschrijving.full_clean()
    inschrijving.save()
    return inschrijving


@transaction.atomic
def buddy_toevoegen(
    *,
    inschrijving: Inschrijving,
    naam: str,
    vanaf: datetime.date,
    is_team: bool = False,
    aantal: int = 1,
    is_schatting: bool = False,
) -> Buddy:
    buddy = Buddy(
        inschrijving=inschrijving, naam=naam, vanaf=vanaf, is_team=is_team, aantal=aantal, is_schatting=is_schatting
    )
    return buddy_opslaan(buddy=buddy)


@transaction.atomic
def buddy_opslaan(*, buddy: Buddy) -> Buddy:
    """Add or correct a buddy (a colleague counts as one, a whole team by its headcount)."""
    buddy.full_clean()
    buddy.save()
    return buddy


def leden_op(bijeenkomst: Bijeenkomst) -> list[Inschrijving]:
    """The group members on the session's date: the rows of its attendance register."""
    if bijeenkomst.groep_id is None:
        return []
    return list(
        Inschrijving.objects.filter(groep_id=bijeenkomst.groep_id)
        .geldig_op(bijeenkomst.datum)
        .select_related("persoon__organisatie")
        .order_by("persoon__naam")
    )


@transaction.atomic
def aanwezigheid_registreren(*, bijeenkomst: Bijeenkomst, aanwezig: Iterable[int]) -> list[Aanwezigheid]:
    """Record the register of one session: every member present or absent. Running it again updates it."""
    leden = {inschrijving.pk: inschrijving for inschrijving in leden_op(bijeenkomst)}
    aanwezig = set(aanwezig)
    onbekend = aanwezig - set(leden)
    if onbekend:
        raise ValidationError(_("Alleen leden van de groep op de datum van de bijeenkomst kunnen aanwezig zijn."))
    bestaand = {a.inschrijving_id: a for a in bijeenkomst.aanwezigheden.all()}
    result = []
    for pk in leden:
        regel = bestaand.get(pk) or Aanwezigheid(bijeenkomst=bijeenkomst, inschrijving_id=pk)
        if regel.pk is None or regel.aanwezig != (pk in aanwezig):
            regel.aanwezig = pk in aanwezig
            regel.full_clean()
            regel.save()
        result.append(regel)
    return result


@transaction.atomic
def aantal_aanwezigen_registreren(*, bijeenkomst: Bijeenkomst, aantal: int | None) -> Bijeenkomst:
    """The headcount of a session without an attendance register (a conference); empty when it is not known."""
    bijeenkomst.aantal_aanwezig = aantal
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def implementatieleider_opslaan(*, leider: Implementatieleider) -> Implementatieleider:
    """Add a leader (active from `actief_vanaf`) or change their data; stopping is `implementatieleider_stoppen`."""
    opgeslagen = (
        Implementatieleider.objects.filter(pk=leider.pk).values_list("actief_tot", "reden_vertrek").first()
        if leider.pk is not None
        else None
    ) or (None, "")
    if (leider.actief_tot, leider.reden_vertrek) != opgeslagen:
        raise ValidationError(
            {"actief_tot": _("Een implementatieleider stopt met ‘Stoppen’, niet door de gegevens te bewerken.")}
        )
    leider.full_clean()
    leider.save()
    return leider


@transaction.atomic
def implementatieleider_stoppen(
    *, leider: Implementatieleider, datum: datetime.date, reden: str, toelichting: str = ""
) -> Implementatieleider:
    if leider.actief_tot is not None:
        raise ValidationError(_("Deze implementatieleider is al gestopt."))
    leider.actief_tot = datum
    leider.reden_vertrek = reden
    leider.toelichting = toelichting
    leider.full_clean()
    leider.save()
    return leider


# Privacy: erasure and retention (see privacy.py) ----------------------------------------------------------------


@dataclass(frozen=True)
class Vergeten:
    """What an erasure did: the pseudonym, and the frozen rows (end reports) that still name the person."""

    pseudoniem: str
    bevroren: list[models.Model]


def pseudoniem_voor(nummer: int) -> str:
    return _("Verwijderde deelnemer %(nummer)s") % {"nummer": nummer}


@transaction.atomic
def persoon_vergeten(*, persoon: Persoon, door: User | None) -> Vergeten:
    """Erase a person (AVG art. 17) and keep every count: the rows stay, what names or describes them goes.

    The name becomes a stable pseudonym ("Verwijderde deelnemer 17") everywhere: the person, every text of every
    model that holds the name (buddies who named them, quickscan rounds, report texts, the admin log) and the
    history rows of all of these. Their job title and the notes on their enrolments and leader roles are emptied,
    the individual colleagues they named as buddies become "collega" (a team keeps its name and headcount), their
    account (if any) is deactivated and stripped of name, e-mail address and password, and its sessions end.
    A frozen end report is not changed: it is returned, so that the coordinator can be told. The erasure is logged
    (`Verwijdering`: who, when, which pseudonym), never what was erased. All of it or nothing.
    """
    persoon = (
        Persoon.objects.select_for_update(of=("self",)).select_related("organisatie", "account").get(pk=persoon.pk)
    )
    if persoon.is_verwijderd:
        raise ValidationError(_("Deze persoon is al verwijderd (%(naam)s).") % {"naam": persoon.naam})
    Importvoorbeeld.objects.verlopen().delete()
    voorbeeld = privacy.in_importvoorbeeld(persoon)
    if voorbeeld is not None:
        raise ValidationError(
            _(
                "Deze persoon staat in een import die nog niet is bevestigd (%(bestand)s, traject %(traject)s). "
                "Bevestig of annuleer die import eerst; na een uur vervalt hij vanzelf."
            )
            % {"bestand": voorbeeld.bestand, "traject": voorbeeld.traject.naam}
        )
    account = persoon.account
    if account is not None and door is not None and account.pk == door.pk:
        raise ValidationError(_("U kunt uzelf niet verwijderen; vraag een andere coördinator."))
    namen = [persoon.naam]
    if account is not None:
        namen += [account.get_full_name(), account.email]
    namen = [n for n in dict.fromkeys(n.strip() for n in namen) if len(n) >= 3]

    nummer = (Persoon.objects.aggregate(hoogste=Max("pseudoniemnummer"))["hoogste"] or 0) + 1
    pseudoniem = pseudoniem_voor(nummer)
    persoon.naam = pseudoniem
    persoon.functie = ""
    persoon.pseudoniemnummer = nummer
    persoon.verwijderd_op = timezone.now()
    persoon_opslaan(persoon=persoon)

    inschrijvingen = list(persoon.inschrijvingen.select_related("persoon__organisatie", "groep__traject"))
    for inschrijving in inschrijvingen:
        if inschrijving.toelichting:
            inschrijving.toelichting = ""
            inschrijving_opslaan(inschrijving=inschrijving)
    for leider in persoon.leiderschappen.select_related("persoon__organisatie", "traject"):
        if leider.toelichting:
            leider.toelichting = ""
            implementatieleider_opslaan(leider=leider)
    collega = _("collega")
    for buddy in Buddy.objects.filter(inschrijving__in=inschrijvingen, is_team=False).exclude(naam=collega):
        buddy.naam = collega
        buddy_opslaan(buddy=buddy)

    if account is not None:
        if account.is_active:
            account_deactiveren(user=account, door=door)
        User.objects.filter(pk=account.pk).update(
            username=_vrije_gebruikersnaam(f"verwijderd-{nummer}"),
            first_name="",
            last_name="",
            email="",
            password=make_password(None),
        )
        Mailbericht.objects.filter(ontvanger=account).update(adres=VERWIJDERD_ADRES)
        # API tokens stop working, and their names (free text of the person) go, in their history too.
        ApiToken.objects.filter(user=account, ingetrokken_op__isnull=True).update(ingetrokken_op=timezone.now())
        ApiToken.objects.filter(user=account).update(naam="")
        ApiToken.history.filter(user_id=account.pk).update(naam="", history_change_reason="")

    # The name in any other text, history included; and the history rows of the person's own records.
    bevroren: dict[tuple[str, object], models.Model] = {}
    for vindplaats in list(privacy.naam_vindplaatsen(namen)):
        if vindplaats.model in (Persoon, Persoon.history.model, Importvoorbeeld):
            # The person's own versions are rewritten below; a namesake's record, or a concept import of another
            # werkplaats, is someone else's.
            continue
        if vindplaats.bevroren is not None:
            bevroren[(vindplaats.bevroren._meta.label, vindplaats.bevroren.pk)] = vindplaats.bevroren
        else:
            privacy.naam_vervangen(vindplaats, namen, pseudoniem)
    ids = [i.pk for i in inschrijvingen]
    Persoon.history.filter(id=persoon.pk).update(naam=pseudoniem, functie="", history_change_reason="")
    Inschrijving.history.filter(persoon_id=persoon.pk).update(toelichting="", history_change_reason="")
    Implementatieleider.history.filter(persoon_id=persoon.pk).update(toelichting="", history_change_reason="")
    Buddy.history.filter(inschrijving_id__in=ids, is_team=False).update(naam=collega, history_change_reason="")
    Session.objects.filter(session_key__in=privacy.sessies_met(namen=namen, account=account)).delete()

    Verwijdering.objects.create(persoon=persoon, pseudoniem=pseudoniem, door=door)
    return Vergeten(pseudoniem=pseudoniem, bevroren=list(bevroren.values()))


VERWIJDERD_ADRES = "verwijderd@example.invalid"


def _vrije_gebruikersnaam(naam: str) -> str:
    kandidaat, volgnummer = naam, 1
    while User.objects.filter(username=kandidaat).exists():
        volgnummer += 1
        kandidaat = f"{naam}-{volgnummer}"
    return kandidaat


@transaction.atomic
def importvoorbeeld_opslaan(*, traject: Traject, door: User, bestand: str, rijen: list[dict]) -> Importvoorbeeld:
    """Keep the checked rows of an upload until it is confirmed or cancelled; an earlier one of the same user for the
    same trajectory is replaced."""
    Importvoorbeeld.objects.filter(traject=traject, door=door).delete()
    voorbeeld = Importvoorbeeld(
        traject=traject, door=door, token=secrets.token_urlsafe(16), bestand=bestand[:255], rijen=rijen
    )
    voorbeeld.full_clean()
    voorbeeld.save()
    return voorbeeld


@transaction.atomic
def importvoorbeeld_verwijderen(*, traject: Traject, door: User) -> int:
    """Cancel (or finish) the user's preview of this trajectory: its rows leave the database."""
    aantal, _per_model = Importvoorbeeld.objects.filter(traject=traject, door=door).delete()
    return aantal


@dataclass(frozen=True)
class Opgeruimd:
    importvoorbeelden: int
    sessies: int


@transaction.atomic
def privacy_opruimen() -> Opgeruimd:
    """The periodic clean-up: import previews older than an hour and expired sessions. Running it twice is harmless."""
    voorbeelden, _per_model = Importvoorbeeld.objects.verlopen().delete()
    sessies, _per_model = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return Opgeruimd(importvoorbeelden=voorbeelden, sessies=sessies)
