"""The Paraplumodel quickscan: the instrument (data), rounds with their scores, and action plans."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from werkplaats.lib.versies import Versiebeheerd
from werkplaats.models import Afdeling, Organisatie, OrganisatieGebondenQuerySet, Rol, Werkplaats

SCORE_MIN = 1
SCORE_MAX = 5
NORM = 3
# A leader may undo the submission of their own round for this long, as long as no next round of its series exists;
# after that only a coordinator reopens it (Ronde.mag_heropenen).
ONGEDAAN_MAKEN_BINNEN = datetime.timedelta(days=14)
SCORE_VALIDATORS = [
    MinValueValidator(SCORE_MIN, _("Kies een score van 1 tot en met 5.")),
    MaxValueValidator(SCORE_MAX, _("Kies een score van 1 tot en met 5.")),
]
DOEL_VALIDATORS = [
    MinValueValidator(SCORE_MIN, _("Kies een doel van 1 tot en met 5.")),
    MaxValueValidator(SCORE_MAX, _("Kies een doel van 1 tot en met 5.")),
]


def in_taal(obj: models.Model, veld: str) -> str:
    """A text of the instrument in the active language: its English (the field `<veld>_en`) when the language is
    English (the interface, or an English end report) and it has one; else the Dutch, which is the instrument."""
    if (translation.get_language() or "").startswith("en"):
        return getattr(obj, f"{veld}_en") or getattr(obj, veld)
    return getattr(obj, veld)


class Instrument(models.Model):
    """A versioned quickscan: its elements and their questions are data, loaded by a data migration.

    The texts are Dutch (the instrument as published); the `*_en` fields of the instrument, its elements and questions
    hold an English version for the English interface (`in_taal`; quickscan/instrument.py loads it), blank: the Dutch.
    """

    naam = models.CharField(_("naam"), max_length=200)
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    norm = models.PositiveSmallIntegerField(
        _("norm"), default=NORM, validators=SCORE_VALIDATORS, help_text=_("Het minimaal aanvaardbare niveau.")
    )
    anker_laag = models.CharField(_("betekenis van score 1"), max_length=200)
    anker_hoog = models.CharField(_("betekenis van score 5"), max_length=200)
    anker_laag_en = models.CharField(_("betekenis van score 1 (Engels)"), max_length=200, blank=True)
    anker_hoog_en = models.CharField(_("betekenis van score 5 (Engels)"), max_length=200, blank=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Nieuwe rondes gebruiken een actief instrument.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["naam", "-versie"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        constraints = [models.UniqueConstraint(fields=["naam", "versie"], name="instrument_naam_versie_uniek")]

    def __str__(self) -> str:
        return f"{self.naam} (versie {self.versie})"

    @property
    def anker_laag_in_taal(self) -> str:
        return in_taal(self, "anker_laag")

    @property
    def anker_hoog_in_taal(self) -> str:
        return in_taal(self, "anker_hoog")


class Element(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="elementen", verbose_name=_("instrument")
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=100)
    groep = models.CharField(_("groep"), max_length=100, help_text=_("Bijvoorbeeld Visie, Structuur, Omgevingen."))
    grafieklabel = models.CharField(_("label in de grafiek"), max_length=40)
    naam_en = models.CharField(_("naam (Engels)"), max_length=100, blank=True)
    groep_en = models.CharField(_("groep (Engels)"), max_length=100, blank=True)
    grafieklabel_en = models.CharField(_("label in de grafiek (Engels)"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument", "volgorde"]
        verbose_name = _("element")
        verbose_name_plural = _("elementen")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="element_code_uniek"),
            models.UniqueConstraint(fields=["instrument", "volgorde"], name="element_volgorde_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.naam_in_taal}"

    @property
    def naam_in_taal(self) -> str:
        return in_taal(self, "naam")

    @property
    def groep_in_taal(self) -> str:
        return in_taal(self, "groep")

    @property
    def grafieklabel_in_taal(self) -> str:
        return in_taal(self, "grafieklabel")


class Vraag(models.Model):
    """A guiding question of an element, or a checklist item answered with ja / deels / nee."""

    class Soort(models.TextChoices):
        VRAAG = "vraag", _("Richtvraag")
        CHECKPUNT = "checkpunt", _("Checkpunt")

    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="vragen", verbose_name=_("element"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices, default=Soort.VRAAG)
    tekst = models.TextField(_("tekst"))
    tekst_en = models.TextField(_("tekst (Engels)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["element", "volgorde"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [models.UniqueConstraint(fields=["element", "volgorde"], name="vraag_volgorde_uniek")]

    def __str__(self) -> str:
        return self.tekst_in_taal

    @property
    def tekst_in_taal(self) -> str:
        return in_taal(self, "tekst")


class QuickscanInstelling(Versiebeheerd):
    """The cadence of a werkplaats: a round is due after `interval`, overdue after `te_laat_na` months."""

    werkplaats = models.OneToOneField(
        Werkplaats, on_delete=models.CASCADE, related_name="quickscan_instelling", verbose_name=_("werkplaats")
    )
    interval_maanden = models.PositiveSmallIntegerField(
        _("volgende ronde na (maanden)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    te_laat_na_maanden = models.PositiveSmallIntegerField(
        _("te laat na (maanden)"), default=4, validators=[MinValueValidator(1), MaxValueValidator(36)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quickscan-instelling")
        verbose_name_plural = _("quickscan-instellingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(te_laat_na_maanden__gte=models.F("interval_maanden")),
                name="te_laat_niet_voor_interval",
                violation_error_message=_("‘Te laat na’ kan niet eerder zijn dan de volgende ronde."),
            )
        ]

    def __str__(self) -> str:
        return str(self.werkplaats)


class RondeQuerySet(OrganisatieGebondenQuerySet):
    def actief(self) -> RondeQuerySet:
        return self.filter(gearchiveerd=False)

    def afgerond(self) -> RondeQuerySet:
        return self.actief().filter(status=Ronde.Status.AFGEROND)


class Ronde(models.Model):
    """One quickscan round of an organisation (or one of its teams)."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        AFGEROND = "afgerond", _("Afgerond")

    class Antwoord(models.TextChoices):
        JA = "ja", _("Ja")
        DEELS = "deels", _("Deels")
        NEE = "nee", _("Nee")
        ONBEKEND = "onbekend", _("Weet niet")

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="quickscan_rondes", verbose_name=_("organisatie")
    )
    afdeling = models.ForeignKey(
        Afdeling,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quickscan_rondes",
        verbose_name=_("team of afdeling"),
        help_text=_("Leeg: de hele organisatie."),
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="rondes")
    traject = models.ForeignKey(
        "trajecten.Traject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quickscan_rondes",
        verbose_name=_("traject"),
    )
    methoden = models.ManyToManyField(
        "trajecten.Methode",
        blank=True,
        related_name="quickscan_rondes",
        verbose_name=_("methoden"),
        help_text=_("De methoden die de organisatie invoert."),
    )
    datum = models.DateField(_("datum"))
    ingevuld_door = models.CharField(_("ingevuld door (naam)"), max_length=200)
    functie = models.CharField(_("functie"), max_length=200)
    aanwezig = models.TextField(_("aanwezig bij de bespreking"), blank=True, help_text=_("Wie van het team deed mee."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    illustratief = models.BooleanField(
        _("illustratief"),
        default=False,
        help_text=_("Een gereconstrueerd voorbeeld, niet de echte scores van de organisatie."),
    )
    gearchiveerd = models.BooleanField(_("gearchiveerd"), default=False)
    # Readiness (section 4.7 of the Paraplumodel chapter): asked before the first round, kept with every round.
    gereedheid = models.TextField(
        _("is de organisatie eraan toe?"),
        blank=True,
        help_text=_("Is de organisatie klaar om de interventie in te voeren?"),
    )
    veranderingsgeschiedenis = models.TextField(
        _("veranderingsgeschiedenis"),
        blank=True,
        help_text=_("Hoe zijn eerdere veranderingen in de organisatie verlopen?"),
    )
    capaciteit_tijd = models.TextField(_("tijd"), blank=True)
    capaciteit_middelen = models.TextField(_("middelen"), blank=True)
    capaciteit_ruimte = models.TextField(_("ruimte"), blank=True)
    capaciteit_menskracht = models.TextField(_("menskracht"), blank=True)
    vernieuwers = models.CharField(
        _("zijn er innovators en early adopters onder het personeel?"),
        max_length=20,
        choices=Antwoord.choices,
        blank=True,
    )
    vernieuwers_toelichting = models.TextField(_("toelichting"), blank=True)
    # Optimistic locking: every save raises it; a save based on an older number is refused.
    versie = models.PositiveIntegerField(default=1, editable=False)
    aangemaakt_door = models.ForeignKey(
        "werkplaats.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["versie"])

    objects = RondeQuerySet.as_manager()

    class Meta:
        ordering = ["organisatie", "afdeling", "datum", "pk"]
        verbose_name = _("quickscanronde")
        verbose_name_plural = _("quickscanrondes")
        indexes = [models.Index(fields=["organisatie", "datum"])]

    def __str__(self) -> str:
        waar = f"{self.organisatie} – {self.afdeling.naam}" if self.afdeling_id else str(self.organisatie)
        return _("Quickscan %(waar)s, %(datum)s") % {"waar": waar, "datum": self.datum.strftime("%d-%m-%Y")}

    def get_absolute_url(self) -> str:
        return reverse("quickscan:ronde_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.afdeling_id and self.organisatie_id and self.afdeling.organisatie_id != self.organisatie_id:
            errors["afdeling"] = _("Dit team hoort niet bij deze organisatie.")
        if self.datum and self.datum > datetime.date.today():
            errors["datum"] = _("De datum mag niet in de toekomst liggen.")
        if (
            self.traject_id
            and self.organisatie_id
            and not self.traject.deelnames.filter(organisatie_id=self.organisatie_id).exists()
        ):
            errors["traject"] = _("Deze organisatie neemt niet deel aan dit traject.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_afgerond(self) -> bool:
        return self.status == self.Status.AFGEROND

    @property
    def aantal_gescoord(self) -> int:
        return sum(1 for score in self.scores.all() if score.score is not None)

    @property
    def plek(self) -> str:
        return self.afdeling.naam if self.afdeling_id else str(self.organisatie)

    def mag_bewerken(self, user) -> bool:
        """Only the organisation's leaders fill in a round, and only while it is a concept."""
        if self.is_afgerond or self.gearchiveerd:
            return False
        return user.is_superuser or self.organisatie_id in user.geleide_organisatie_ids()

    @property
    def ongedaan_maken_tot(self) -> datetime.datetime | None:
        """Until when the organisation's leader may undo the submission (if no next round comes first)."""
        return self.afgerond_op + ONGEDAAN_MAKEN_BINNEN if self.afgerond_op else None

    def heeft_volgende_ronde(self) -> bool:
        """Whether a later round (concept or submitted, not archived) of the same series exists."""
        later = Q(datum__gt=self.datum) | Q(datum=self.datum, pk__gt=self.pk)
        return (
            Ronde.objects.actief()
            .filter(later, Q(afdeling_id=self.afdeling_id), organisatie_id=self.organisatie_id)
            .exists()
        )

    def mag_heropenen(self, user) -> bool:
        """A coordinator reopens a submitted round at any time; its leader may undo the submission (see below)."""
        if not self.is_afgerond:
            return False
        return self.coordineert(user) or self.mag_afronden_ongedaan_maken(user)

    def coordineert(self, user) -> bool:
        """A superuser, or a coordinator of the round's werkplaats."""
        return user.is_superuser or self.organisatie.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR)

    def mag_afronden_ongedaan_maken(self, user) -> bool:
        """The leader undoes their own submission within ONGEDAAN_MAKEN_BINNEN, until a next round exists."""
        if not self.is_afgerond or self.gearchiveerd or self.organisatie_id not in user.geleide_organisatie_ids():
            return False
        tot = self.ongedaan_maken_tot
        return tot is not None and timezone.now() < tot and not self.heeft_volgende_ronde()

    def mag_archiveren(self, user) -> bool:
        if self.gearchiveerd:
            return False
        is_coordinator = self.organisatie.werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR)
        return user.is_superuser or is_coordinator or self.mag_bewerken(user)

    def mag_acties_beheren(self, user) -> bool:
        return user.is_superuser or self.organisatie_id in user.geleide_organisatie_ids()


class ScoreQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "ronde__organisatie"


class Score(models.Model):
    ronde = models.ForeignKey(Ronde, on_delete=models.PROTECT, related_name="scores", verbose_name=_("ronde"))
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="scores", verbose_name=_("element"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=SCORE_VALIDATORS, help_text=_("Leeg: niet gescoord.")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    # The score the team aims for in the next round, set when the round is submitted (issue 16).
    doel = models.PositiveSmallIntegerField(
        _("doel voor de volgende ronde"),
        null=True,
        blank=True,
        validators=DOEL_VALIDATORS,
        help_text=_("De score die het team in de volgende ronde wil halen."),
    )
    checklist = models.JSONField(
        _("checklist"), default=dict, blank=True, help_text=_("Antwoord per checkpunt: vraag-id -> ja/deels/nee.")
    )
    history = HistoricalRecords()

    objects = ScoreQuerySet.as_manager()

    class Meta:
        ordering = ["ronde", "element__volgorde"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "element"], name="een_score_per_element_per_ronde"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="score_tussen_1_en_5",
                violation_error_message=_("Kies een score van 1 tot en met 5."),
            ),
            models.CheckConstraint(
                condition=Q(doel__isnull=True) | Q(doel__gte=SCORE_MIN, doel__lte=SCORE_MAX),
                name="doel_tussen_1_en_5",
                violation_error_message=_("Kies een doel van 1 tot en met 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.naam}: {self.score if self.score is not None else '–'}"


class ActieQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "ronde__organisatie"


class Actie(Versiebeheerd):
    """An action of the plan, prompted by a round, to develop one element."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        BEZIG = "bezig", _("Bezig")
        GEREED = "gereed", _("Gereed")
        VERVALLEN = "vervallen", _("Vervallen")

    ronde = models.ForeignKey(
        Ronde, on_delete=models.PROTECT, related_name="acties", verbose_name=_("aanleiding (ronde)")
    )
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="acties", verbose_name=_("element"))
    omschrijving = models.TextField(_("omschrijving"))
    eigenaar = models.CharField(_("eigenaar"), max_length=200, help_text=_("Wie zorgt dat het gebeurt."))
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.GEPLAND)
    gereed_op = models.DateField(_("gereed op"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ActieQuerySet.as_manager()

    class Meta:
        ordering = ["ronde", "element__volgorde", "deadline", "pk"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")

    def __str__(self) -> str:
        return self.omschrijving[:80]

    def get_absolute_url(self) -> str:
        return reverse("quickscan:ronde_detail", kwargs={"pk": self.ronde_id}) + f"#element-{self.element.code}"

    def clean(self) -> None:
        errors = {}
        if self.deadline and self.ronde_id and self.deadline < self.ronde.datum:
            errors["deadline"] = _("De deadline kan niet vóór de datum van de ronde liggen.")
        if self.gereed_op and self.ronde_id and self.gereed_op < self.ronde.datum:
            errors["gereed_op"] = _("‘Gereed op’ kan niet vóór de datum van de ronde liggen.")
        if self.status == self.Status.GEREED and not self.gereed_op:
            errors["gereed_op"] = _("Vul in wanneer de actie gereed was.")
        if self.element_id and self.ronde_id and self.element.instrument_id != self.ronde.instrument_id:
            errors["element"] = _("Dit element hoort niet bij het instrument van de ronde.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return self.ronde.mag_acties_beheren(user)


class SuggestieQuerySet(models.QuerySet):
    def actief(self) -> SuggestieQuerySet:
        return self.filter(gearchiveerd=False)


class Suggestie(Versiebeheerd):
    """A suggested action for the action plan, per element of an instrument version and score level (issue 16).

    Loaded from the guiding questions and checklist of Tabel 4.2 (`quickscan/suggesties.py`), kept by the lectoraat
    in the app, never deleted (archived). The action form offers them for an element below the norm or its target.
    """

    class Niveau(models.TextChoices):
        ONDER_NORM = "onder_norm", _("Onder de norm")
        SCORES = "scores", _("Bij bepaalde scores")

    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="suggesties", verbose_name=_("element"))
    niveau = models.CharField(
        _("geldt bij"),
        max_length=20,
        choices=Niveau.choices,
        default=Niveau.ONDER_NORM,
        help_text=_("Onder de norm van het instrument, of bij de scores hieronder."),
    )
    score_vanaf = models.PositiveSmallIntegerField(_("vanaf score"), null=True, blank=True, validators=SCORE_VALIDATORS)
    score_tot_en_met = models.PositiveSmallIntegerField(
        _("tot en met score"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    tekst = models.TextField(_("voorgestelde actie"), help_text=_("De tekst die de leider in het actieplan overneemt."))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=1)
    gearchiveerd = models.BooleanField(
        _("gearchiveerd"), default=False, help_text=_("Een gearchiveerde suggestie wordt niet meer aangeboden.")
    )
    history = HistoricalRecords()

    objects = SuggestieQuerySet.as_manager()

    class Meta:
        ordering = ["element__instrument", "element__volgorde", "volgorde", "pk"]
        verbose_name = _("suggestie voor het actieplan")
        verbose_name_plural = _("suggesties voor het actieplan")
        constraints = [
            models.CheckConstraint(
                condition=Q(niveau="onder_norm", score_vanaf__isnull=True, score_tot_en_met__isnull=True)
                | Q(
                    niveau="scores",
                    score_vanaf__gte=SCORE_MIN,
                    score_tot_en_met__lte=SCORE_MAX,
                    score_vanaf__lte=models.F("score_tot_en_met"),
                ),
                name="suggestie_niveau_geldig",
                violation_error_message=_("Kies ‘onder de norm’, of een score vanaf en tot en met (1 tot en met 5)."),
            )
        ]

    def __str__(self) -> str:
        return self.tekst[:80]

    def clean(self) -> None:
        if self.niveau != self.Niveau.SCORES:
            return
        errors = {}
        if self.score_vanaf is None:
            errors["score_vanaf"] = _("Vul in vanaf welke score de suggestie geldt.")
        if self.score_tot_en_met is None:
            errors["score_tot_en_met"] = _("Vul in tot en met welke score de suggestie geldt.")
        if not errors and self.score_vanaf > self.score_tot_en_met:
            errors["score_tot_en_met"] = _("‘Tot en met’ kan niet lager zijn dan ‘vanaf’.")
        if errors:
            raise ValidationError(errors)

    def geldt_voor(self, score: int | None, norm: int) -> bool:
        """The one rule for "this suggestion fits this score": below the norm, or within its range of scores."""
        if score is None:
            return False
        if self.niveau == self.Niveau.ONDER_NORM:
            return score < norm
        return (
            self.score_vanaf is not None
            and self.score_tot_en_met is not None
            and (self.score_vanaf <= score <= self.score_tot_en_met)
        )

    @property
    def niveau_label(self) -> str:
        if self.niveau == self.Niveau.ONDER_NORM:
            return str(_("onder de norm"))
        if self.score_vanaf == self.score_tot_en_met:
            return str(_("score %(score)s") % {"score": self.score_vanaf})
        return str(_("score %(van)s tot en met %(tot)s") % {"van": self.score_vanaf, "tot": self.score_tot_en_met})

    @staticmethod
    def mag_beheren(user) -> bool:
        """The instrument's content belongs to the research group: the lectoraat (of any werkplaats, as the
        instrument is shared) and superusers keep the suggestions; coordinators read them."""
        return user.is_superuser or user.is_lectoraat

    @staticmethod
    def mag_lezen(user) -> bool:
        return Suggestie.mag_beheren(user) or user.is_coordinator


# Team scoring (issue 16, optional per round): the team scores first, the leader records the consensus ----------------


class TeamscoringQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "ronde__organisatie"


class Teamscoring(Versiebeheerd):
    """A round whose team members score it first, each on their own form (`quickscan/team.py`).

    The leader invites them, sets until when they may score, and chooses whether their names are hidden from everyone
    (`anoniem`) or shown to the leader only. The round's own `Score` stays the one score that counts: the consensus,
    recorded in the team meeting (`quickscan:vergadering`).
    """

    ronde = models.OneToOneField(Ronde, on_delete=models.PROTECT, related_name="teamscoring", verbose_name=_("ronde"))
    deadline = models.DateField(_("invullen tot en met"))
    anoniem = models.BooleanField(
        _("anoniem"),
        default=True,
        help_text=_("Anoniem: niemand ziet wie welke score gaf, ook u niet. Met namen: alleen u ziet de namen."),
    )
    aangemaakt_door = models.ForeignKey(
        "werkplaats.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    history = HistoricalRecords()

    objects = TeamscoringQuerySet.as_manager()

    class Meta:
        ordering = ["ronde"]
        verbose_name = _("teamscoring")
        verbose_name_plural = _("teamscoringen")

    def __str__(self) -> str:
        return _("Teamscores van %(ronde)s") % {"ronde": self.ronde}

    def is_open(self, vandaag: datetime.date | None = None) -> bool:
        """Whether members may still score: the round is a concept, not archived, and the deadline has not passed."""
        vandaag = vandaag or timezone.localdate()
        ronde = self.ronde
        return not ronde.is_afgerond and not ronde.gearchiveerd and vandaag <= self.deadline


class TeamlidQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "teamscoring__ronde__organisatie"


class Teamlid(models.Model):
    """An invitation to score one round: by address (a personal link, no account needed) or as a user of the app.

    Only the SHA-256 of the link's token is stored (`token_hash`); every mail carries a fresh token, which replaces
    the one before. Withdrawn (`actief` off), the link stops working; nothing is deleted.
    """

    teamscoring = models.ForeignKey(
        Teamscoring, on_delete=models.PROTECT, related_name="leden", verbose_name=_("teamscoring")
    )
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        "werkplaats.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="teamlidmaatschappen",
        verbose_name=_("gebruiker"),
    )
    token_hash = models.CharField(_("SHA-256 van de link"), max_length=64, blank=True, editable=False)
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uit: de uitnodiging is ingetrokken."))
    history = HistoricalRecords(excluded_fields=["token_hash"])

    objects = TeamlidQuerySet.as_manager()

    class Meta:
        ordering = ["teamscoring", "pk"]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        indexes = [models.Index(fields=["token_hash"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""),
                name="teamlid_adres_of_gebruiker",
                violation_error_message=_("Vul een e-mailadres in of kies een gebruiker."),
            ),
            models.UniqueConstraint(
                fields=["teamscoring", "email"], condition=~Q(email=""), name="teamlid_adres_eenmaal"
            ),
            models.UniqueConstraint(
                fields=["teamscoring", "user"], condition=Q(user__isnull=False), name="teamlid_gebruiker_eenmaal"
            ),
        ]

    def __str__(self) -> str:
        return self.naam or (self.user.get_full_name() if self.user_id else "") or self.email or str(self.user)

    @property
    def weergavenaam(self) -> str:
        """The name the leader sees in named mode."""
        if self.naam:
            return self.naam
        if self.user_id:
            return self.user.get_full_name() or self.user.username
        return self.email


class TeamscoreQuerySet(OrganisatieGebondenQuerySet):
    organisatie_pad = "teamlid__teamscoring__ronde__organisatie"


class Teamscore(models.Model):
    """One team member's score of one element (1-5, or none with only a note). Never in the charts, reports, API or
    national figures: those read the round's consensus (`Score`)."""

    teamlid = models.ForeignKey(Teamlid, on_delete=models.PROTECT, related_name="scores", verbose_name=_("teamlid"))
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="teamscores", verbose_name=_("element"))
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=SCORE_VALIDATORS, help_text=_("Leeg: niet gescoord.")
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords()

    objects = TeamscoreQuerySet.as_manager()

    class Meta:
        ordering = ["teamlid", "element__volgorde"]
        verbose_name = _("teamscore")
        verbose_name_plural = _("teamscores")
        constraints = [
            models.UniqueConstraint(fields=["teamlid", "element"], name="een_teamscore_per_element_per_lid"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="teamscore_tussen_1_en_5",
                violation_error_message=_("Kies een score van 1 tot en met 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.element.naam}: {self.score if self.score is not None else '–'}"
