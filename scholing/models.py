"""Training: groups, sessions, people, enrolments, attendance, buddies and implementation leaders.

Every figure of the trajectory is derived from these records (see selectors.py), as of a date.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from trajecten.models import Methode, Traject, TrajectGebondenQuerySet
from werkplaats.lib.versies import Versiebeheerd
from werkplaats.models import Organisatie, OrganisatieGebondenQuerySet, Rol


class Uitvalreden(models.TextChoices):
    """Why a participant or a leader stopped; the same reasons apply to both (domain.md 1.13)."""

    ONTSLAG = "ontslag", _("ontslag als gevolg van bezuiniging")
    REORGANISATIE = "reorganisatie", _("reorganisatie")
    ANDERE_FUNCTIE = "andere_functie", _("andere functie")
    TURBULENTIE = "turbulentie", _("interesse verdrongen door bezuiniging en reorganisatie")
    # Not "burn-out" or "ziek": a reason is a category for the report, never health data (AVG art. 9).
    PERSOONLIJK = "persoonlijk", _("persoonlijke omstandigheden")
    TE_DRUK = "te_druk", _("te druk")
    GEEN_FACILITEITEN = "geen_faciliteiten", _("geen faciliteiten")
    NIET_AAN_DE_ORDE = "niet_aan_de_orde", _("implementatie nog niet aan de orde")
    GEEN_MEDEWERKING = "geen_medewerking", _("geen medewerking van het management")
    ANDERS = "anders", _("anders")


TOELICHTING_HINT = _(
    "Kort en zakelijk. Schrijf hier geen gegevens over gezondheid (ziekte, burn-out, zwangerschap) of andere "
    "bijzondere persoonsgegevens: kies dan ‘persoonlijke omstandigheden’."
)


class Scholingsgroep(Versiebeheerd):
    class Soort(models.TextChoices):
        REGULIER = "regulier", _("regulier")
        AANVULLEND = "aanvullend", _("aanvullend")

    traject = models.ForeignKey(Traject, on_delete=models.PROTECT, related_name="groepen", verbose_name=_("traject"))
    methode = models.ForeignKey(Methode, on_delete=models.PROTECT, related_name="groepen", verbose_name=_("methode"))
    nummer = models.PositiveSmallIntegerField(_("nummer"), validators=[MinValueValidator(1)])
    soort = models.CharField(
        _("soort"),
        max_length=20,
        choices=Soort.choices,
        default=Soort.REGULIER,
        help_text=_("Aanvullend: buiten de streefwaarde, zoals de CJG-teams die later instapten."),
    )
    trainers = models.CharField(_("trainers"), max_length=300, blank=True)
    geplande_omvang = models.PositiveSmallIntegerField(_("geplande omvang"), default=15)
    history = HistoricalRecords()

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "methode__korte_naam", "nummer"]
        verbose_name = _("scholingsgroep")
        verbose_name_plural = _("scholingsgroepen")
        constraints = [models.UniqueConstraint(fields=["traject", "methode", "nummer"], name="groep_nummer_uniek")]

    def __str__(self) -> str:
        return _("%(methode)s groep %(nummer)s") % {"methode": self.methode, "nummer": self.nummer}

    def get_absolute_url(self) -> str:
        return reverse("scholing:groep_detail", kwargs={"pk": self.pk})

    def mag_bewerken(self, user) -> bool:
        return self.traject.mag_bewerken(user)


class Bijeenkomst(Versiebeheerd):
    class Soort(models.TextChoices):
        INFORMATIE = "informatie", _("informatiebijeenkomst")
        START = "start", _("startbijeenkomst")
        BASISTRAINING = "basistraining", _("basistraining")
        VERDIEPING = "verdieping", _("verdieping")
        UITWISSELING = "uitwisseling", _("uitwisseling")
        IMPLEMENTATIELEIDERS = "implementatieleiders", _("implementatieleiders")
        CONFERENTIE = "conferentie", _("conferentie")

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="bijeenkomsten", verbose_name=_("traject")
    )
    groep = models.ForeignKey(
        Scholingsgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        verbose_name=_("groep"),
        help_text=_("Leeg: een bijeenkomst voor het hele traject."),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=200, blank=True)
    datum = models.DateField(_("datum"))
    dagdelen = models.PositiveSmallIntegerField(_("dagdelen"), default=1, validators=[MinValueValidator(1)])
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    aantal_aanwezig = models.PositiveIntegerField(
        _("aantal aanwezigen"),
        null=True,
        blank=True,
        help_text=_("Voor grote bijeenkomsten zonder presentielijst; anders telt de presentielijst."),
    )
    history = HistoricalRecords()

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["datum", "pk"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        wat = self.titel or self.get_soort_display()
        return f"{wat} ({self.groep or self.traject}), {self.datum:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("scholing:aanwezigheid", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.groep_id and self.traject_id and self.groep.traject_id != self.traject_id:
            raise ValidationError({"groep": _("Deze groep hoort niet bij het traject.")})

    def mag_bewerken(self, user) -> bool:
        return self.traject.mag_bewerken(user)


def naam_sleutel(naam: str) -> str:
    """How names are compared (the person form, the import, erasure): case-insensitive, spaces collapsed."""
    return " ".join(naam.split()).casefold()


class PersoonQuerySet(OrganisatieGebondenQuerySet):
    def actief(self) -> PersoonQuerySet:
        return self.filter(gearchiveerd=False)


class Persoon(Versiebeheerd):
    """Someone taking part: minimal personal data, no more than the work needs."""

    class Soort(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        AMBTENAAR = "ambtenaar", _("ambtenaar")
        MANAGER = "manager", _("manager")
        STAFMEDEWERKER = "stafmedewerker", _("stafmedewerker")
        VRIJWILLIGER = "vrijwilliger", _("vrijwilliger")

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="personen", verbose_name=_("organisatie")
    )
    naam = models.CharField(_("naam"), max_length=200)
    functie = models.CharField(_("functie"), max_length=200, blank=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.PROFESSIONAL)
    gearchiveerd = models.BooleanField(_("gearchiveerd"), default=False)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persoon",
        verbose_name=_("account"),
        help_text=_("Het account waarmee deze persoon inlogt, als er een is: inzage en vergeten nemen het mee."),
    )
    # Erasure (`services.persoon_vergeten`): the name becomes "Verwijderde deelnemer <pseudoniemnummer>".
    pseudoniemnummer = models.PositiveIntegerField(
        _("pseudoniemnummer"), null=True, blank=True, unique=True, editable=False
    )
    verwijderd_op = models.DateTimeField(_("verwijderd op"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = PersoonQuerySet.as_manager()

    class Meta:
        ordering = ["naam", "pk"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("scholing:persoon_detail", kwargs={"pk": self.pk})

    def mag_bewerken(self, user) -> bool:
        return user.is_superuser or self.organisatie.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR)

    @property
    def is_verwijderd(self) -> bool:
        return self.verwijderd_op is not None


class InschrijvingQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "persoon__organisatie"

    def geldig_op(self, peildatum: datetime.date) -> InschrijvingQuerySet:
        """Enrolments that count on a date: started, and not dropped out on or before it."""
        return self.filter(startdatum__lte=peildatum).exclude(
            status=Inschrijving.Status.UITGEVALLEN, einddatum__lte=peildatum
        )

    def van_professionals(self) -> InschrijvingQuerySet:
        """Enrolments that make a trained professional in the figures: a professional in a regular group (the
        Python twin is `Inschrijving.van_professional`)."""
        return self.filter(groep__soort=Scholingsgroep.Soort.REGULIER, persoon__soort=Persoon.Soort.PROFESSIONAL)

    def uitval_op(self, peildatum: datetime.date) -> InschrijvingQuerySet:
        """The dropouts that count on a date: dropped out on or before it, and not when the person has returned to
        that group (an enrolment of theirs in it counts on the date). A dropout counts once per person and group."""
        teruggekeerd = Inschrijving.objects.geldig_op(peildatum).filter(
            persoon_id=OuterRef("persoon_id"), groep_id=OuterRef("groep_id")
        )
        return self.filter(status=Inschrijving.Status.UITGEVALLEN, einddatum__lte=peildatum).exclude(
            Exists(teruggekeerd)
        )


class Inschrijving(Versiebeheerd):
    """A person in a training group, for one period. Who stops and returns gets a new enrolment."""

    class Status(models.TextChoices):
        ACTIEF = "actief", _("actief")
        AFGEROND = "afgerond", _("afgerond")
        UITGEVALLEN = "uitgevallen", _("uitgevallen")

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="inschrijvingen", verbose_name=_("persoon")
    )
    groep = models.ForeignKey(
        Scholingsgroep, on_delete=models.PROTECT, related_name="inschrijvingen", verbose_name=_("groep")
    )
    startdatum = models.DateField(_("startdatum"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIEF)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    uitvalreden = models.CharField(_("reden van uitval"), max_length=30, choices=Uitvalreden.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True, help_text=TOELICHTING_HINT)
    history = HistoricalRecords()

    objects = InschrijvingQuerySet.as_manager()

    class Meta:
        ordering = ["groep", "persoon__naam", "startdatum"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")),
                name="inschrijving_eind_na_start",
                violation_error_message=_("De einddatum ligt vóór de startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} – {self.groep}"

    def get_absolute_url(self) -> str:
        return self.persoon.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        if self.einddatum and self.startdatum and self.einddatum < self.startdatum:
            errors["einddatum"] = _("De einddatum ligt vóór de startdatum.")
        if self.status == self.Status.UITGEVALLEN:
            if not self.einddatum:
                errors["einddatum"] = _("Vul in wanneer de deelnemer is uitgevallen.")
            if not self.uitvalreden:
                errors["uitvalreden"] = _("Kies de reden van uitval.")
            elif self.uitvalreden == Uitvalreden.ANDERS and not self.toelichting and not self._persoon_verwijderd():
                errors["toelichting"] = _("Licht de reden ‘anders’ toe.")
        elif self.uitvalreden:
            errors["uitvalreden"] = _("Alleen bij uitval is er een reden van uitval.")
        if self.status == self.Status.AFGEROND and not self.einddatum:
            errors["einddatum"] = _("Vul in wanneer de deelnemer de scholing heeft afgerond.")
        if (
            self.persoon_id
            and self.groep_id
            and self.persoon.organisatie.werkplaats_id != self.groep.traject.werkplaats_id
        ):
            errors["groep"] = _("Deze groep hoort bij een traject van een andere werkplaats.")
        if self.persoon_id and self.groep_id and self.startdatum:
            overlap = Inschrijving.objects.filter(persoon_id=self.persoon_id, groep_id=self.groep_id).exclude(
                pk=self.pk
            )
            for andere in overlap:
                eind = andere.einddatum or datetime.date.max
                if andere.startdatum <= (self.einddatum or datetime.date.max) and self.startdatum <= eind:
                    errors["startdatum"] = _("Deze persoon is in die periode al ingeschreven in deze groep.")
                    break
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return self.persoon.mag_bewerken(user)

    def _persoon_verwijderd(self) -> bool:
        # An erased person's notes are emptied, also the one that explained "anders".
        return bool(self.persoon_id and self.persoon.is_verwijderd)

    @property
    def van_professional(self) -> bool:
        """Whether the enrolment makes a trained professional: the Python twin of `van_professionals`."""
        return self.groep.soort == Scholingsgroep.Soort.REGULIER and self.persoon.soort == Persoon.Soort.PROFESSIONAL

    def telt_op(self, peildatum: datetime.date) -> bool:
        """Whether the enrolment counts on a date: the Python twin of `InschrijvingQuerySet.geldig_op`."""
        return self.startdatum <= peildatum and not (
            self.status == self.Status.UITGEVALLEN and self.einddatum is not None and self.einddatum <= peildatum
        )

    def status_op(self, peildatum: datetime.date) -> str | None:
        """The status on a date, or None before the enrolment started."""
        if self.startdatum > peildatum:
            return None
        if self.einddatum and self.einddatum <= peildatum:
            return self.status
        return self.Status.ACTIEF


class Aanwezigheid(models.Model):
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="aanwezigheden", verbose_name=_("bijeenkomst")
    )
    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="aanwezigheden", verbose_name=_("inschrijving")
    )
    aanwezig = models.BooleanField(_("aanwezig"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bijeenkomst", "inschrijving__persoon__naam"]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "inschrijving"], name="aanwezigheid_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.inschrijving.persoon}: {'aanwezig' if self.aanwezig else 'afwezig'}"


class BuddyQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "inschrijving__persoon__organisatie"


class Buddy(models.Model):
    """A colleague a participant passes the method on to, or a whole team counted by its headcount."""

    inschrijving = models.ForeignKey(
        Inschrijving, on_delete=models.PROTECT, related_name="buddies", verbose_name=_("inschrijving")
    )
    naam = models.CharField(_("naam"), max_length=200, help_text=_("De collega, of de naam van het team."))
    is_team = models.BooleanField(_("hele team"), default=False)
    aantal = models.PositiveSmallIntegerField(
        _("aantal collega's"), default=1, validators=[MinValueValidator(1)], help_text=_("Bij een team: hoeveel.")
    )
    is_schatting = models.BooleanField(_("aantal is een schatting"), default=False)
    vanaf = models.DateField(_("vanaf"))
    history = HistoricalRecords()

    objects = BuddyQuerySet.as_manager()

    class Meta:
        ordering = ["inschrijving", "vanaf", "pk"]
        verbose_name = _("buddy")
        verbose_name_plural = _("buddy's")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_team=True) | Q(aantal=1),
                name="buddy_persoon_telt_een",
                violation_error_message=_("Een individuele buddy telt als één collega; kies ‘hele team’."),
            ),
            models.CheckConstraint(condition=Q(aantal__gte=1), name="buddy_aantal_positief"),
        ]

    def __str__(self) -> str:
        return (
            _("%(naam)s (team, %(aantal)s collega's)") % {"naam": self.naam, "aantal": self.aantal}
            if self.is_team
            else self.naam
        )

    def get_absolute_url(self) -> str:
        return self.inschrijving.persoon.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        if not self.is_team and self.aantal != 1:
            errors["aantal"] = _("Een individuele buddy telt als één collega; kies ‘hele team’.")
        if self.vanaf and self.inschrijving_id and self.vanaf < self.inschrijving.startdatum:
            errors["vanaf"] = _("Een buddy kan niet vóór de start van de inschrijving beginnen.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return self.inschrijving.mag_bewerken(user)


class ImplementatieleiderQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "persoon__organisatie"

    def actief_op(self, peildatum: datetime.date):
        return self.filter(actief_vanaf__lte=peildatum).filter(Q(actief_tot__isnull=True) | Q(actief_tot__gt=peildatum))


class Implementatieleider(Versiebeheerd):
    """A member of the implementation leaders' group of a trajectory, with the period they were active."""

    class Functie(models.TextChoices):
        MANAGER = "manager", _("manager")
        STAFMEDEWERKER = "stafmedewerker", _("stafmedewerker")
        BELEIDSMEDEWERKER = "beleidsmedewerker", _("beleidsmedewerker")

    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="leiderschappen", verbose_name=_("persoon")
    )
    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="implementatieleiders", verbose_name=_("traject")
    )
    functie = models.CharField(_("functie"), max_length=20, choices=Functie.choices)
    actief_vanaf = models.DateField(_("actief vanaf"))
    actief_tot = models.DateField(_("actief tot"), null=True, blank=True)
    reden_vertrek = models.CharField(_("reden van vertrek"), max_length=30, choices=Uitvalreden.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True, help_text=TOELICHTING_HINT)
    history = HistoricalRecords()

    objects = ImplementatieleiderQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "persoon__organisatie__naam", "persoon__naam"]
        verbose_name = _("implementatieleider")
        verbose_name_plural = _("implementatieleiders")
        constraints = [
            models.CheckConstraint(
                condition=Q(actief_tot__isnull=True) | Q(actief_tot__gte=F("actief_vanaf")),
                name="leider_tot_na_vanaf",
                violation_error_message=_("‘Actief tot’ ligt vóór ‘actief vanaf’."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.persoon.organisatie})"

    def get_absolute_url(self) -> str:
        return self.persoon.get_absolute_url()

    def clean(self) -> None:
        errors = {}
        if self.actief_tot and self.actief_vanaf and self.actief_tot < self.actief_vanaf:
            errors["actief_tot"] = _("‘Actief tot’ ligt vóór ‘actief vanaf’.")
        if self.actief_tot and not self.reden_vertrek:
            errors["reden_vertrek"] = _("Kies de reden van vertrek.")
        if not self.actief_tot and self.reden_vertrek:
            errors["actief_tot"] = _("Vul in tot wanneer deze leider actief was.")
        if self.persoon_id and self.traject_id and self.persoon.organisatie.werkplaats_id != self.traject.werkplaats_id:
            errors["persoon"] = _("Deze persoon hoort bij een organisatie van een andere werkplaats.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return self.persoon.mag_bewerken(user)


class VerwijderingQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "persoon__organisatie"


class Verwijdering(models.Model):
    """The log of an erasure: who erased which pseudonym, and when. Never what was erased (that would be a copy).

    Written only by `services.persoon_vergeten`, and only ever added to.
    """

    persoon = models.OneToOneField(
        Persoon, on_delete=models.PROTECT, related_name="verwijdering", verbose_name=_("persoon")
    )
    pseudoniem = models.CharField(_("pseudoniem"), max_length=200)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    objects = VerwijderingQuerySet.as_manager()

    class Meta:
        ordering = ["-op", "-pk"]
        verbose_name = _("verwijdering")
        verbose_name_plural = _("verwijderingen")

    def __str__(self) -> str:
        return f"{self.pseudoniem} ({self.op:%d-%m-%Y})"


class ImportvoorbeeldQuerySet(models.QuerySet):
    def geldig(self) -> ImportvoorbeeldQuerySet:
        return self.filter(aangemaakt_op__gt=timezone.now() - IMPORTVOORBEELD_GELDIG)

    def verlopen(self) -> ImportvoorbeeldQuerySet:
        return self.filter(aangemaakt_op__lte=timezone.now() - IMPORTVOORBEELD_GELDIG)


IMPORTVOORBEELD_GELDIG = datetime.timedelta(hours=1)


class Importvoorbeeld(models.Model):
    """The checked rows of an uploaded file, waiting for the coordinator's confirmation (a concept import).

    Kept in its own table, not in the session: it is removed on confirm and on cancel, it is no longer valid after an
    hour and the periodic job (`manage.py opruimen`) removes it then; an erasure can see who is in one.
    """

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="importvoorbeelden", verbose_name=_("traject")
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("geüpload door")
    )
    token = models.CharField(_("kenmerk"), max_length=64, unique=True)
    bestand = models.CharField(_("bestand"), max_length=255)
    rijen = models.JSONField(_("rijen"), default=list)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)

    objects = ImportvoorbeeldQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("importvoorbeeld")
        verbose_name_plural = _("importvoorbeelden")

    def __str__(self) -> str:
        return f"{self.bestand} ({self.traject})"
