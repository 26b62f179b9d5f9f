"""Methods, implementation trajectories, their phases, the participating organisations and the targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkplaats.lib.versies import Versiebeheerd
from werkplaats.models import Organisatie, OrganisatieGebondenQuerySet, Rol, Werkplaats


class Methode(Versiebeheerd):
    """A method or intervention a werkplaats trains professionals in (Het Gesprek, IRB, T-shaped, ...)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    korte_naam = models.CharField(_("korte naam"), max_length=60)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    kenmerken = models.TextField(_("kenmerken"), blank=True, help_text=_("Eén kenmerk per regel, in volgorde."))
    databank_url = models.URLField(_("link naar databank"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["korte_naam"]
        verbose_name = _("methode")
        verbose_name_plural = _("methoden")

    def __str__(self) -> str:
        return self.korte_naam

    def get_absolute_url(self) -> str:
        return reverse("trajecten:methode_detail", kwargs={"pk": self.pk})

    @property
    def kenmerken_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.kenmerken.splitlines() if regel.strip()]

    def alias(self, context: str, werkplaats: Werkplaats | int | None = None) -> str:
        """The name used in a context (e.g. a chapter of the end report): the werkplaats's own name for it,
        else the catalogue's, else the full name."""
        werkplaats_id = werkplaats.pk if isinstance(werkplaats, Werkplaats) else werkplaats
        catalogus = None
        for alias in self.aliassen.all():
            if alias.context == context:
                if werkplaats_id is not None and alias.werkplaats_id == werkplaats_id:
                    return alias.naam
                if alias.werkplaats_id is None:
                    catalogus = alias.naam
        return catalogus or self.naam

    def mag_bewerken(self, user) -> bool:
        """The catalogue is shared by every werkplaats: only superusers change a method itself."""
        return user.is_superuser


class MethodeAlias(models.Model):
    """A name of a method in a context; of one werkplaats (its coordinators choose it), or of the catalogue."""

    methode = models.ForeignKey(Methode, on_delete=models.CASCADE, related_name="aliassen", verbose_name=_("methode"))
    werkplaats = models.ForeignKey(
        Werkplaats,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="methode_aliassen",
        verbose_name=_("werkplaats"),
        help_text=_("Leeg: de naam van de gedeelde catalogus, voor elke werkplaats."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    context = models.CharField(_("context"), max_length=100, help_text=_("Waar deze naam wordt gebruikt."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["methode", "werkplaats", "context"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliassen")
        constraints = [
            models.UniqueConstraint(
                fields=["methode", "context"],
                condition=Q(werkplaats__isnull=True),
                name="alias_uniek_per_context",
                violation_error_message=_("De catalogus heeft al een naam voor deze context."),
            ),
            models.UniqueConstraint(
                fields=["methode", "werkplaats", "context"],
                name="alias_uniek_per_werkplaats_en_context",
                violation_error_message=_("Deze werkplaats heeft al een naam voor deze context."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class TrajectQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> TrajectQuerySet:
        """Coordinators and lectoraat see their werkplaats' trajectories; leaders those their organisation joined."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(werkplaats_id__in=user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT))
            | Q(deelnames__organisatie_id__in=user.geleide_organisatie_ids())
        ).distinct()


class TrajectGebondenQuerySet(models.QuerySet):
    """Rows of a trajectory, visible to whoever may see the trajectory."""

    traject_pad = "traject"

    def zichtbaar_voor(self, user):
        return self.filter(**{f"{self.traject_pad}__in": Traject.objects.zichtbaar_voor(user)})


class Traject(Versiebeheerd):
    werkplaats = models.ForeignKey(
        Werkplaats, on_delete=models.PROTECT, related_name="trajecten", verbose_name=_("werkplaats")
    )
    naam = models.CharField(_("naam"), max_length=200)
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"))
    doel = models.TextField(_("doel"), blank=True, help_text=_("Eén doel per regel."))
    activiteiten = models.TextField(_("activiteiten"), blank=True, help_text=_("Eén activiteit per regel."))
    methoden_aangeboden = models.ManyToManyField(
        Methode, related_name="+", verbose_name=_("aangeboden methoden"), blank=True
    )
    methoden = models.ManyToManyField(Methode, related_name="trajecten", verbose_name=_("gekozen methoden"), blank=True)
    history = HistoricalRecords(m2m_fields=[methoden])

    objects = TrajectQuerySet.as_manager()

    class Meta:
        ordering = ["-startdatum", "naam"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.UniqueConstraint(fields=["werkplaats", "naam"], name="traject_naam_uniek_per_werkplaats"),
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")),
                name="traject_eind_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("trajecten:traject_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.startdatum and self.einddatum and self.einddatum < self.startdatum:
            raise ValidationError({"einddatum": _("De einddatum ligt vóór de startdatum.")})

    def mag_bewerken(self, user) -> bool:
        return user.is_superuser or self.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR)

    def mag_rapporteren(self, user) -> bool:
        """Coordinators and lectoraat write the end report and keep the dissemination register."""
        return user.is_superuser or self.werkplaats_id in user.werkplaats_ids(
            Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT
        )

    @property
    def doelen(self) -> list[str]:
        return [regel.strip() for regel in self.doel.splitlines() if regel.strip()]

    @property
    def activiteitenlijst(self) -> list[str]:
        return [regel.strip() for regel in self.activiteiten.splitlines() if regel.strip()]


class Fase(Versiebeheerd):
    class Theorie(models.TextChoices):
        VERSPREIDING = "verspreiding", _("verspreiding")
        ADOPTIE = "adoptie", _("adoptie")
        INVOERING = "invoering", _("invoering")
        BORGING = "borging", _("borging")

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="fasen", verbose_name=_("traject"))
    nummer = models.PositiveSmallIntegerField(_("nummer"), validators=[MinValueValidator(1)])
    naam = models.CharField(_("naam"), max_length=200)
    theorie = models.CharField(_("fase in de theorie"), max_length=20, choices=Theorie.choices, blank=True)
    label = models.CharField(
        _("label in de kop"), max_length=100, blank=True, help_text=_("Bijvoorbeeld ‘kennis delen, adoptie’.")
    )
    startmaand = models.DateField(_("startmaand"), help_text=_("De eerste dag van de maand."))
    eindmaand = models.DateField(_("eindmaand"), help_text=_("De eerste dag van de maand."))
    maanden_tekst = models.CharField(
        _("maanden (tekst)"),
        max_length=100,
        blank=True,
        help_text=_("Alleen als de periode niet aaneengesloten is, bijvoorbeeld ‘februari en juni 2015’."),
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    history = HistoricalRecords()

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "nummer"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        constraints = [
            models.UniqueConstraint(fields=["traject", "nummer"], name="fase_nummer_uniek"),
            models.CheckConstraint(
                condition=Q(eindmaand__gte=F("startmaand")),
                name="fase_eind_na_start",
                violation_error_message=_("De eindmaand ligt vóór de startmaand."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"

    def get_absolute_url(self) -> str:
        return self.traject.get_absolute_url() + "#fasen"

    def mag_bewerken(self, user) -> bool:
        return self.traject.mag_bewerken(user)

    def clean(self) -> None:
        errors = {}
        for name in ("startmaand", "eindmaand"):
            value = getattr(self, name)
            if value and value.day != 1:
                setattr(self, name, value.replace(day=1))
        if self.startmaand and self.eindmaand and self.eindmaand < self.startmaand:
            errors["eindmaand"] = _("De eindmaand ligt vóór de startmaand.")
        if errors:
            raise ValidationError(errors)


class DeelnameQuerySet(OrganisatieGebondenQuerySet):
    pass


class Deelname(Versiebeheerd):
    """An organisation takes part in a trajectory, for one or more methods."""

    class Borging(models.TextChoices):
        VOORTVAREND = "voortvarend", _("voortvarend aan de slag")
        INTENTIE = "intentie", _("heeft de intentie")
        BELEMMERD = "belemmerd", _("belemmerd door turbulentie")
        GESTOPT = "gestopt", _("gestopt")

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("traject"))
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="deelnames", verbose_name=_("organisatie")
    )
    methoden = models.ManyToManyField(Methode, related_name="deelnames", verbose_name=_("methoden"), blank=True)
    vanaf = models.DateField(_("deelname vanaf"))
    later_ingestapt = models.BooleanField(_("later ingestapt"), default=False)
    gestopt_op = models.DateField(_("gestopt op"), null=True, blank=True)
    reden_stoppen = models.TextField(_("reden van stoppen"), blank=True)
    borging = models.CharField(_("borging"), max_length=20, choices=Borging.choices, blank=True)
    borging_toelichting = models.TextField(_("toelichting borging"), blank=True)
    bewijs_url = models.URLField(
        _("link naar bewijs"), blank=True, help_text=_("Bijvoorbeeld een magazine of verslag.")
    )
    history = HistoricalRecords(m2m_fields=[methoden])

    objects = DeelnameQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "organisatie__naam"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["traject", "organisatie"], name="deelname_uniek"),
            models.CheckConstraint(
                condition=Q(gestopt_op__isnull=True) | Q(gestopt_op__gte=F("vanaf")),
                name="deelname_stop_na_start",
                violation_error_message=_("De stopdatum ligt vóór de startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} – {self.traject}"

    def get_absolute_url(self) -> str:
        return self.traject.get_absolute_url() + "#deelnemers"

    def clean(self) -> None:
        errors = {}
        if self.gestopt_op and self.vanaf and self.gestopt_op < self.vanaf:
            errors["gestopt_op"] = _("De stopdatum ligt vóór de startdatum.")
        if self.gestopt_op and not self.reden_stoppen:
            errors["reden_stoppen"] = _("Geef de reden van stoppen.")
        if self.organisatie_id and self.traject_id and self.organisatie.werkplaats_id != self.traject.werkplaats_id:
            errors["organisatie"] = _("Deze organisatie hoort niet bij de werkplaats van het traject.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return self.traject.mag_bewerken(user)


class Streefwaarde(Versiebeheerd):
    """A target (beoogd resultaat). Derived targets are computed, never stored twice."""

    class Indicator(models.TextChoices):
        PROFESSIONALS = "professionals", _("professionals geschoold")
        BUDDIES_PER_DEELNEMER = "buddies_per_deelnemer", _("buddy's per deelnemer")
        IMPLEMENTATIELEIDERS = "implementatieleiders", _("implementatieleiders geschoold")
        VRIJWILLIGERS = "vrijwilligers", _("vrijwilligers")
        AMBTENAREN = "ambtenaren", _("ambtenaren/managers geschoold")

    class Formulering(models.TextChoices):
        PRECIES = "", _("precies")
        MINIMAAL = "minimaal", _("minimaal")
        ONGEVEER = "ongeveer", _("ongeveer")

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="streefwaarden", verbose_name=_("traject")
    )
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    methode = models.ForeignKey(
        Methode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="streefwaarden",
        verbose_name=_("methode"),
        help_text=_("Leeg: voor het hele traject."),
    )
    waarde = models.PositiveIntegerField(_("waarde"))
    formulering = models.CharField(_("formulering"), max_length=20, choices=Formulering.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    history = HistoricalRecords()

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "indicator", "methode__korte_naam"]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        constraints = [
            models.UniqueConstraint(fields=["traject", "indicator", "methode"], name="streefwaarde_uniek_per_methode"),
            models.UniqueConstraint(
                fields=["traject", "indicator"],
                condition=Q(methode__isnull=True),
                name="streefwaarde_uniek_totaal",
            ),
        ]

    def __str__(self) -> str:
        tekst = f"{self.get_formulering_display()} {self.waarde}" if self.formulering else str(self.waarde)
        return f"{self.get_indicator_display()}{f' ({self.methode})' if self.methode_id else ''}: {tekst}"

    def get_absolute_url(self) -> str:
        return self.traject.get_absolute_url() + "#streefwaarden"

    def mag_bewerken(self, user) -> bool:
        return self.traject.mag_bewerken(user)
