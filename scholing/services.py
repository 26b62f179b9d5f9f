"""Writes of the training records. Every rule about enrolments, dropouts, buddies and attendance lives here.

Every write of a training record goes through one of these functions: the pages, the admin, the import and the
demo data all call them. Each validates the record with `full_clean()` inside `transaction.atomic`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Aanwezigheid, Bijeenkomst, Buddy, Implementatieleider, Inschrijving, Persoon, Scholingsgroep


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
