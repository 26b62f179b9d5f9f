"""Writes of methods, trajectories, phases, participation and targets.

The app's pages, the admin, the demo data and the tests all write through these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Deelname, Fase, Methode, MethodeAlias, Streefwaarde, Traject


@transaction.atomic
def methode_opslaan(*, methode: Methode, aliassen: Iterable[MethodeAlias] = ()) -> Methode:
    """Save a method with its new or changed aliases (names used in a context): all of them or none.

    An alias that is refused is reported under `aliassen`, not on the method's own fields.
    """
    methode.full_clean()
    methode.save()
    for alias in aliassen:
        alias.methode = methode
        try:
            alias.full_clean()
        except ValidationError as error:
            raise ValidationError({"aliassen": error.messages}) from error
        alias.save()
    return methode


@transaction.atomic
def traject_opslaan(
    *, traject: Traject, methoden_aangeboden: Iterable[Methode], methoden: Iterable[Methode]
) -> Traject:
    aangeboden, gekozen = set(methoden_aangeboden), set(methoden)
    if not gekozen <= aangeboden:
        raise ValidationError({"methoden": _("Een gekozen methode moet ook zijn aangeboden.")})
    traject.full_clean()
    traject.save()
    traject.methoden_aangeboden.set(aangeboden)
    traject.methoden.set(gekozen)
    return traject


@transaction.atomic
def fase_opslaan(*, fase: Fase) -> Fase:
    """Save a phase; its months are stored as their first day, and its number is unique in the trajectory."""
    fase.full_clean()
    fase.save()
    return fase


@transaction.atomic
def deelname_opslaan(*, deelname: Deelname, methoden: Iterable[Methode]) -> Deelname:
    methoden = set(methoden)
    deelname.full_clean()
    niet_gekozen = {m for m in methoden if not deelname.traject.methoden.filter(pk=m.pk).exists()}
    if niet_gekozen:
        raise ValidationError({"methoden": _("Kies alleen methoden die in het traject gekozen zijn.")})
    deelname.save()
    deelname.methoden.set(methoden)
    return deelname


@transaction.atomic
def streefwaarde_opslaan(*, streefwaarde: Streefwaarde) -> Streefwaarde:
    """Save a target for the whole trajectory or for one of its chosen methods.

    Only targets are stored; totals derived from them are computed (`selectors.streefwaarden`).
    """
    streefwaarde.full_clean()
    if (
        streefwaarde.methode_id is not None
        and not streefwaarde.traject.methoden.filter(pk=streefwaarde.methode_id).exists()
    ):
        raise ValidationError({"methode": _("Kies een methode die in het traject gekozen is.")})
    streefwaarde.save()
    return streefwaarde
