"""Writes of the core. Views, commands and tests all go through these functions."""

from __future__ import annotations

from django.db import transaction

from .models import Afdeling, Organisatie, Rol, User, Werkplaats


@transaction.atomic
def organisatie_opslaan(*, organisatie: Organisatie) -> Organisatie:
    organisatie.full_clean()
    organisatie.save()
    return organisatie


@transaction.atomic
def afdeling_opslaan(*, afdeling: Afdeling) -> Afdeling:
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def rol_toekennen(
    *, user: User, soort: str, werkplaats: Werkplaats | None = None, organisatie: Organisatie | None = None
) -> Rol:
    """Give a user a role; giving the same role twice changes nothing."""
    rol, _created = Rol.objects.get_or_create(user=user, soort=soort, werkplaats=werkplaats, organisatie=organisatie)
    return rol


@transaction.atomic
def opslaan(*, obj):
    """Validate and save one record: the write of every plain create and edit form."""
    obj.full_clean()
    obj.save()
    return obj
