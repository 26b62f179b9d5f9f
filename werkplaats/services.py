"""Writes of the core. Views, the admin, the demo data and tests all go through these functions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Afdeling, Organisatie, Rol, User, Werkplaats


@transaction.atomic
def werkplaats_opslaan(*, werkplaats: Werkplaats) -> Werkplaats:
    werkplaats.full_clean()
    werkplaats.save()
    return werkplaats


@transaction.atomic
def organisatie_opslaan(*, organisatie: Organisatie) -> Organisatie:
    """Create or change an organisation; its name is unique within its werkplaats (a database constraint)."""
    organisatie.full_clean()
    organisatie.save()
    return organisatie


@transaction.atomic
def afdeling_opslaan(*, afdeling: Afdeling) -> Afdeling:
    """Create or change a team. A team stays with its organisation: its quickscan rounds belong to both."""
    if afdeling.pk:
        vorige = Afdeling.objects.filter(pk=afdeling.pk).values_list("organisatie_id", flat=True).first()
        if vorige is not None and vorige != afdeling.organisatie_id:
            raise ValidationError({"organisatie": _("Een team blijft bij zijn organisatie.")})
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def rol_toekennen(
    *, user: User, soort: str, werkplaats: Werkplaats | None = None, organisatie: Organisatie | None = None
) -> Rol:
    """Give a user a role; giving the same role twice changes nothing."""
    rol = Rol.objects.filter(user=user, soort=soort, werkplaats=werkplaats, organisatie=organisatie).first()
    if rol is None:
        rol = Rol(user=user, soort=soort, werkplaats=werkplaats, organisatie=organisatie)
        rol.full_clean()
        rol.save()
    return rol


@transaction.atomic
def rol_intrekken(*, rol: Rol) -> None:
    """Take a role away. A role is a grant, not a record someone entered, so it is removed, not archived."""
    Rol.objects.filter(pk=rol.pk).delete()
