"""The core: werkplaatsen, their organisations and teams, users and their roles."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .lib.versies import Versiebeheerd


class Werkplaats(Versiebeheerd):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    hogeschool = models.CharField(_("hogeschool"), max_length=200)
    lectoraat = models.CharField(_("lectoraat"), max_length=200)
    regio = models.CharField(_("regio"), max_length=200, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("werkplaats")
        verbose_name_plural = _("werkplaatsen")

    def __str__(self) -> str:
        return self.naam


class OrganisatieGebondenQuerySet(models.QuerySet):
    """A queryset of rows that belong to an organisation, scoped by what a user may see.

    Subclasses of this queryset name the path to the organisation in `organisatie_pad`.
    This is the one place that decides visibility; every view uses it.
    """

    organisatie_pad = "organisatie"

    def zichtbaar_voor(self, user) -> OrganisatieGebondenQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        prefix = f"{self.organisatie_pad}__" if self.organisatie_pad else ""
        return self.filter(
            Q(**{f"{prefix}werkplaats_id__in": user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)})
            | Q(**{f"{prefix}pk__in": user.geleide_organisatie_ids()})
        )


class OrganisatieQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = ""


class Organisatie(Versiebeheerd):
    class Soort(models.TextChoices):
        INSTELLING = "instelling", _("Instelling")
        GEMEENTE = "gemeente", _("Gemeente")
        CJG = "cjg", _("Centrum voor Jeugd en Gezin")
        ONDERWIJS = "onderwijs", _("Onderwijs")
        OVERIG = "overig", _("Overig")

    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.PROTECT, related_name="organisaties", verbose_name=_("werkplaats")
    )
    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.INSTELLING)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Zet uit om de organisatie te archiveren; er gaat niets verloren.")
    )
    history = HistoricalRecords()

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        ordering = [Lower("naam")]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "naam"], name="organisatie_naam_uniek_per_werkplaats"),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("werkplaats:organisatie_detail", kwargs={"pk": self.pk})

    def mag_bewerken(self, user) -> bool:
        """Coordinators of the werkplaats (and superusers) edit an organisation's details."""
        return user.is_superuser or self.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR)

    def mag_teams_beheren(self, user) -> bool:
        """Teams are kept by the coordinators and by the organisation's own implementation leaders."""
        return self.mag_bewerken(user) or self.pk in user.geleide_organisatie_ids()


class Afdeling(Versiebeheerd):
    """A team or unit of an organisation; a quickscan is often done per team."""

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="afdelingen", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    objects = OrganisatieGebondenQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [Lower("organisatie__naam"), Lower("naam")]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")
        constraints = [
            models.UniqueConstraint(fields=["organisatie", "naam"], name="afdeling_naam_uniek_per_organisatie"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.naam}"

    def get_absolute_url(self) -> str:
        return self.organisatie.get_absolute_url()

    def mag_beheren(self, user) -> bool:
        return self.organisatie.mag_teams_beheren(user)


class User(AbstractUser):
    """A person who logs in. What they may see follows from their roles (`Rol`).

    A coordinator invites a person (`account_uitnodigen`): the account starts without a usable password, which the
    person chooses through the one-time link in the invitation. Accounts are deactivated (`is_active`), never deleted.
    """

    class Status(models.TextChoices):
        UITGENODIGD = "uitgenodigd", _("uitgenodigd")
        ACTIEF = "actief", _("actief")
        GEDEACTIVEERD = "gedeactiveerd", _("gedeactiveerd")

    wekelijks_overzicht = models.BooleanField(
        _("wekelijks overzicht per e-mail"),
        default=True,
        help_text=_("Coördinatoren krijgen elke week een overzicht van de quickscans; zet uit om het niet te krijgen."),
    )
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), null=True, blank=True, editable=False)
    uitgenodigd_door = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("uitgenodigd door"),
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def _rollen(self) -> list[Rol]:
        # Cached for the lifetime of the object, which for request.user is one request.
        return list(self.rollen.all()) if self.pk else []

    def werkplaats_ids(self, *soorten: str) -> frozenset[int]:
        return frozenset(r.werkplaats_id for r in self._rollen if r.soort in soorten and r.werkplaats_id)

    def geleide_organisatie_ids(self) -> frozenset[int]:
        return frozenset(
            r.organisatie_id for r in self._rollen if r.soort == Rol.Soort.IMPLEMENTATIELEIDER and r.organisatie_id
        )

    @property
    def is_coordinator(self) -> bool:
        return self.is_superuser or bool(self.werkplaats_ids(Rol.Soort.COORDINATOR))

    @property
    def is_lectoraat(self) -> bool:
        return bool(self.werkplaats_ids(Rol.Soort.LECTORAAT))

    @property
    def is_implementatieleider(self) -> bool:
        return bool(self.geleide_organisatie_ids())

    @property
    def is_landelijk(self) -> bool:
        return any(r.soort == Rol.Soort.LANDELIJK for r in self._rollen)

    @property
    def is_alleen_landelijk(self) -> bool:
        """The national role and nothing else: such a user opens only the pages without personal data
        (`werkplaats.landelijk`). With another role as well, that role's pages open as they would."""
        return not self.is_superuser and self.is_landelijk and all(r.soort == Rol.Soort.LANDELIJK for r in self._rollen)

    @property
    def status(self) -> str:
        if not self.is_active:
            return self.Status.GEDEACTIVEERD
        if not self.has_usable_password():
            return self.Status.UITGENODIGD
        return self.Status.ACTIEF

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def rolnamen(self) -> list[str]:
        names = [str(Rol.Soort(soort).label) for soort in sorted({r.soort for r in self._rollen})]
        if self.is_superuser:
            names.insert(0, str(_("Beheerder")))
        return names


class Rol(models.Model):
    """A user's role: coordinator or lectoraat of a werkplaats, leader of one organisation, or national (of no
    werkplaats: aggregated figures of all of them, granted by a superuser)."""

    class Soort(models.TextChoices):
        COORDINATOR = "coordinator", _("Projectcoördinator")
        LECTORAAT = "lectoraat", _("Lectoraat")
        IMPLEMENTATIELEIDER = "implementatieleider", _("Implementatieleider")
        # Reads the aggregated figures of every werkplaats and no personal data (werkplaats/landelijk.py).
        LANDELIJK = "landelijk", _("Landelijk")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="rollen", verbose_name=_("gebruiker"))
    soort = models.CharField(_("rol"), max_length=30, choices=Soort.choices)
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rollen",
        verbose_name=_("werkplaats"),
        help_text=_("Voor coördinatoren en het lectoraat."),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rollen",
        verbose_name=_("organisatie"),
        help_text=_("Voor implementatieleiders."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__username", "soort"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(soort="implementatieleider", organisatie__isnull=False, werkplaats__isnull=True)
                    | Q(soort__in=["coordinator", "lectoraat"], werkplaats__isnull=False, organisatie__isnull=True)
                    | Q(soort="landelijk", werkplaats__isnull=True, organisatie__isnull=True)
                ),
                name="rol_past_bij_soort",
                violation_error_message=_(
                    "Een implementatieleider hoort bij een organisatie; coördinator en lectoraat bij een werkplaats; "
                    "de landelijke rol bij geen van beide."
                ),
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(soort="landelijk"), name="rol_landelijk_eenmaal_per_gebruiker"
            ),
            models.UniqueConstraint(
                fields=["user", "soort", "werkplaats"],
                condition=Q(werkplaats__isnull=False),
                name="rol_uniek_per_werkplaats",
            ),
            models.UniqueConstraint(
                fields=["user", "organisatie"],
                condition=Q(organisatie__isnull=False),
                name="rol_uniek_per_organisatie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_soort_display()} {self.werkplaats or self.organisatie or ''}".strip()


class Accountwijziging(models.Model):
    """The history of an account: who invited, gave or took a role, (de)activated whom, and when.

    Roles themselves are grants (`Rol`, removed when revoked); this log keeps what they were. It is only ever added
    to (`werkplaats.services`), never changed.
    """

    class Actie(models.TextChoices):
        UITGENODIGD = "uitgenodigd", _("uitgenodigd")
        ROL_TOEGEKEND = "rol_toegekend", _("rol gekregen")
        ROL_INGETROKKEN = "rol_ingetrokken", _("rol ingetrokken")
        GEDEACTIVEERD = "gedeactiveerd", _("gedeactiveerd")
        GEACTIVEERD = "geactiveerd", _("weer actief gemaakt")

    account = models.ForeignKey(User, on_delete=models.PROTECT, related_name="wijzigingen", verbose_name=_("account"))
    actie = models.CharField(_("wijziging"), max_length=20, choices=Actie.choices)
    soort = models.CharField(_("rol"), max_length=30, choices=Rol.Soort.choices, blank=True)
    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("werkplaats")
    )
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organisatie")
    )
    door = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("door")
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-op", "-pk"]
        verbose_name = _("accountwijziging")
        verbose_name_plural = _("accountwijzigingen")
        indexes = [models.Index(fields=["account", "op"])]

    def __str__(self) -> str:
        return f"{self.account}: {self.get_actie_display()} ({self.op:%d-%m-%Y})"

    @property
    def rol_omschrijving(self) -> str:
        if not self.soort:
            return ""
        return f"{self.get_soort_display()} {self.werkplaats or self.organisatie or ''}".strip()


class Mailbericht(models.Model):
    """Every e-mail the app sends: to whom, what kind, about which organisation or round, when, and how it went.

    Written only by `werkplaats.mail`. `sleutel` is unique: a job that runs twice finds its mails already there
    and sends nothing twice. The text is composed when the mail is sent, so a link in it is fresh on a retry.
    """

    class Soort(models.TextChoices):
        UITNODIGING = "uitnodiging", _("uitnodiging")
        WACHTWOORD = "wachtwoord", _("wachtwoord herstellen")
        QUICKSCAN_NU = "quickscan_nu", _("quickscan: volgende ronde nu")
        QUICKSCAN_TE_LAAT = "quickscan_te_laat", _("quickscan: te laat")
        QUICKSCAN_CONCEPT = "quickscan_concept", _("quickscan: concept blijft liggen")
        OVERZICHT = "overzicht", _("wekelijks overzicht")
        EINDRAPPORT_KLAAR = "eindrapport_klaar", _("eindrapport: PDF klaar")
        QUICKSCAN_TEAM = "quickscan_team", _("quickscan: uitnodiging om mee te scoren")

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("in de wachtrij")
        BEZIG = "bezig", _("wordt verzonden")
        VERZONDEN = "verzonden", _("verzonden")
        MISLUKT = "mislukt", _("niet verzonden")

    sleutel = models.CharField(_("kenmerk"), max_length=200, unique=True)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    # Empty for a team member invited by address only (quickscan team scoring): they need no account.
    ontvanger = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailberichten",
        verbose_name=_("ontvanger"),
    )
    adres = models.EmailField(_("e-mailadres"))
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailberichten",
        verbose_name=_("werkplaats"),
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mailberichten",
        verbose_name=_("organisatie"),
    )
    # The round a reminder is about, by id: the core does not know the quickscan's models.
    ronde_id = models.PositiveBigIntegerField(_("quickscanronde"), null=True, blank=True)
    # The day a periodic job sent it for (reminders, digest): what "at most every 14 days" is counted from.
    peildatum = models.DateField(_("peildatum"), null=True, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WACHTRIJ)
    fout = models.TextField(_("foutmelding"), blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    laatste_poging_op = models.DateTimeField(_("laatste poging"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("e-mailbericht")
        verbose_name_plural = _("e-mailberichten")
        indexes = [
            models.Index(fields=["status", "aangemaakt_op"]),
            models.Index(fields=["soort", "organisatie", "peildatum"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} aan {self.adres} ({self.aangemaakt_op:%d-%m-%Y})"


class ApiToken(models.Model):
    """A personal API token (werkplaats/api_tokens.py): made and revoked by its owner on "Mijn account", shown once.

    Only the SHA-256 of the secret is stored; `prefix` (the secret's first characters) finds the row. A revoked token
    is kept (`ingetrokken_op`), never deleted, so its history says who used the API when.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("gebruiker"))
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Waarvoor u het token gebruikt, bijvoorbeeld R."))
    prefix = models.CharField(_("begin van het token"), max_length=16, unique=True, editable=False)
    sleutel_hash = models.CharField(_("SHA-256 van het token"), max_length=64, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    laatst_gebruikt_op = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True, editable=False)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["laatst_gebruikt_op"])

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.naam} ({self.prefix}…)"

    @property
    def is_actief(self) -> bool:
        return self.ingetrokken_op is None
