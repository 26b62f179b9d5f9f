"""The end report of a trajectory, its dissemination register and curriculum placements (its annexes).

Every row belongs to a trajectory: it is visible to whoever sees the trajectory, and coordinators and
lectoraat of the trajectory's werkplaats change it. Nothing is deleted: a row is archived (`actief` off).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from trajecten.models import Methode, Traject, TrajectGebondenQuerySet
from werkplaats.lib.datums import datum_kort
from werkplaats.lib.versies import Versiebeheerd
from werkplaats.models import Organisatie, OrganisatieGebondenQuerySet, Rol, Werkplaats

from . import bijlagen

EERSTE_JAAR, LAATSTE_JAAR = 1990, 2100


def mag_register_bewerken(traject: Traject, user) -> bool:
    """Lectoraat and coordinators of the trajectory's werkplaats edit the register; leaders only read it."""
    return traject.mag_rapporteren(user)


def jaar_validators(veld: str) -> list:
    bericht = _("Vul een %(veld)s in tussen %(van)s en %(tot)s.") % {
        "veld": veld,
        "van": EERSTE_JAAR,
        "tot": LAATSTE_JAAR,
    }
    return [MinValueValidator(EERSTE_JAAR, message=bericht), MaxValueValidator(LAATSTE_JAAR, message=bericht)]


def _bijlage_pad(disseminatie: Disseminatie, bestandsnaam: str) -> str:
    return f"disseminatie/{disseminatie.traject_id}/{bestandsnaam}"


class Disseminatie(Versiebeheerd):
    """A dissemination item: a publication, presentation, conference, poster, newsletter, website, ..."""

    class Soort(models.TextChoices):
        PUBLICATIE = "publicatie", _("publicatie")
        HOOFDSTUK = "hoofdstuk", _("hoofdstuk in een boek")
        SCHOLINGSMODULE = "scholingsmodule", _("scholingsmodule")
        MAGAZINE = "magazine", _("magazine")
        POSTER = "poster", _("poster")
        NIEUWSBRIEF = "nieuwsbrief", _("nieuwsbrief")
        WEBSITE = "website", _("website")
        PRESENTATIE = "presentatie", _("presentatie")
        WORKSHOP = "workshop", _("workshop")
        CONFERENTIE = "conferentie", _("conferentie")
        WMO_ATELIER = "wmo_atelier", _("Wmo-atelier")
        MAILING = "mailing", _("mailing")
        OVERIG = "overig", _("overig")

    class Status(models.TextChoices):
        VERSCHENEN = "verschenen", _("verschenen")
        VERSCHIJNT = "verschijnt", _("verschijnt")

    class Bijlage(models.TextChoices):
        GEEN = "", _("geen bijlage")
        PUBLICATIES = "1", _("Bijlage 1 Publicaties")
        PRESENTATIES = "2", _("Bijlage 2 Presentaties")
        POSTER = "3", _("Bijlage 3 Poster")
        NIEUWSBRIEF = "4", _("Bijlage 4 Nieuwsbrief")

    MET_DATUM = (Soort.PRESENTATIE, Soort.WORKSHOP, Soort.CONFERENTIE, Soort.WMO_ATELIER)
    MET_BESTAND = (Bijlage.POSTER, Bijlage.NIEUWSBRIEF)

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="disseminaties", verbose_name=_("traject")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=300)
    auteurs = models.TextField(
        _("auteurs of sprekers"), blank=True, help_text=_("Zoals gedrukt, bijvoorbeeld ‘Korevaar, L. & Wester, F.’.")
    )
    rubriek = models.CharField(
        _("rubriek in de bijlage"),
        max_length=200,
        blank=True,
        help_text=_("De kop waaronder het in de bijlage staat, bijvoorbeeld een methode of de naam van de spreker."),
    )
    datum = models.DateField(_("datum"), null=True, blank=True)
    jaar = models.PositiveSmallIntegerField(
        _("jaar"),
        null=True,
        blank=True,
        validators=jaar_validators(_("jaar")),
        help_text=_("Als alleen het jaar bekend is. Bij een datum wordt het jaar daaruit overgenomen."),
    )
    evenement = models.CharField(_("evenement"), max_length=300, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, blank=True)
    uitgever = models.CharField(_("uitgever"), max_length=200, blank=True)
    boektitel = models.CharField(_("boektitel"), max_length=300, blank=True)
    redactie = models.CharField(_("redactie"), max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    methoden = models.ManyToManyField(Methode, related_name="disseminaties", verbose_name=_("methoden"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VERSCHENEN)
    bijlage = models.CharField(_("bijlage"), max_length=1, choices=Bijlage.choices, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    bijlage_bestand = models.FileField(
        _("bestand voor de bijlage"),
        upload_to=_bijlage_pad,
        blank=True,
        max_length=300,
        validators=[bijlagen.bestand_valideren],
        help_text=_(
            "Bij een poster of nieuwsbrief (bijlage 3 of 4): een afbeelding (PNG of JPEG) of een PDF van ten hoogste "
            "10 MB. De bijlage in het rapport toont de pagina's ervan."
        ),
    )
    # The page images made from the attachment when it was uploaded (rapportage.bijlagen), storage names in order.
    bijlage_paginas = models.JSONField(_("pagina's van de bijlage"), default=list, blank=True, editable=False)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uitvinken om te archiveren."))
    history = HistoricalRecords(m2m_fields=[methoden])

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "bijlage", "rubriek", "-jaar", "datum", "titel"]
        verbose_name = _("disseminatie")
        verbose_name_plural = _("disseminaties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort__in=["presentatie", "workshop", "conferentie", "wmo_atelier"])
                | Q(datum__isnull=False)
                | Q(jaar__isnull=False),
                name="disseminatie_presentatie_heeft_datum_of_jaar",
                violation_error_message=_("Geef een datum of een jaar."),
            ),
            models.CheckConstraint(
                condition=Q(jaar__isnull=True) | Q(jaar__gte=EERSTE_JAAR, jaar__lte=LAATSTE_JAAR),
                name="disseminatie_jaar_geldig",
                violation_error_message=_("Het jaar is ongeldig."),
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        if self.soort == self.Soort.CONFERENTIE:
            return reverse("rapportage:conferentie_detail", kwargs={"pk": self.pk})
        return reverse("rapportage:disseminatie_list", kwargs={"pk": self.traject_id})

    def clean(self) -> None:
        errors = {}
        if self.datum:
            if self.jaar is None:
                self.jaar = self.datum.year
            elif self.jaar != self.datum.year:
                errors["jaar"] = _("Het jaar past niet bij de datum.")
        if self.soort in self.MET_DATUM and not self.datum and self.jaar is None:
            errors["datum"] = _("Geef bij een %(soort)s een datum of ten minste een jaar.") % {
                "soort": self.get_soort_display()
            }
        if self.bijlage_bestand and self.bijlage not in self.MET_BESTAND:
            errors["bijlage_bestand"] = _("Alleen een item in bijlage 3 (poster) of 4 (nieuwsbrief) heeft een bestand.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return mag_register_bewerken(self.traject, user)

    @property
    def wanneer(self) -> str:
        """The date as printed (3-12-2015), else the year."""
        if self.datum:
            return datum_kort(self.datum)
        return str(self.jaar) if self.jaar else ""


class ProgrammaonderdeelQuerySet(TrajectGebondenQuerySet):
    traject_pad = "disseminatie__traject"


class Programmaonderdeel(Versiebeheerd):
    """An item of a conference's programme: the chair, a plenary talk or a numbered workshop."""

    class Soort(models.TextChoices):
        # The codes sort in the order of the printed programme: chair, plenary talks, workshops.
        DAGVOORZITTER = "dagvoorzitter", _("dagvoorzitter")
        PLENAIR = "plenair", _("plenaire lezing")
        WORKSHOP = "workshop", _("workshop")

    disseminatie = models.ForeignKey(
        Disseminatie, on_delete=models.PROTECT, related_name="programma", verbose_name=_("conferentie")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    nummer = models.PositiveSmallIntegerField(
        _("nummer"),
        validators=[MinValueValidator(1, message=_("Het nummer is ten minste 1."))],
        help_text=_("De volgorde binnen de soort; bij workshops het gedrukte nummer."),
    )
    titel = models.CharField(_("titel"), max_length=300, blank=True)
    sprekers = models.TextField(_("sprekers"), blank=True, help_text=_("Met functie en organisatie, zoals gedrukt."))
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uitvinken om te archiveren."))
    history = HistoricalRecords()

    objects = ProgrammaonderdeelQuerySet.as_manager()

    class Meta:
        ordering = ["disseminatie", "soort", "nummer"]
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programmaonderdelen")
        constraints = [
            models.UniqueConstraint(fields=["disseminatie", "soort", "nummer"], name="programmaonderdeel_uniek"),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="programmaonderdeel_nummer_positief"),
        ]

    def __str__(self) -> str:
        if self.soort == self.Soort.WORKSHOP:
            return f"{self.nummer}. {self.titel}"
        return self.titel or self.get_soort_display()

    def get_absolute_url(self) -> str:
        return reverse("rapportage:conferentie_detail", kwargs={"pk": self.disseminatie_id})

    def clean(self) -> None:
        errors = {}
        if self.disseminatie_id and self.disseminatie.soort != Disseminatie.Soort.CONFERENTIE:
            errors["disseminatie"] = _("Een programma hoort alleen bij een conferentie.")
        if self.soort == self.Soort.DAGVOORZITTER and not self.sprekers.strip():
            errors["sprekers"] = _("Geef de naam van de dagvoorzitter.")
        if self.soort != self.Soort.DAGVOORZITTER and not self.titel.strip():
            errors["titel"] = _("Geef de titel van de lezing of workshop.")
        if errors:
            raise ValidationError(errors)

    @property
    def traject(self) -> Traject:
        return self.disseminatie.traject

    def mag_bewerken(self, user) -> bool:
        return mag_register_bewerken(self.disseminatie.traject, user)


class Onderwijsmodule(Versiebeheerd):
    """A curriculum module developed in the trajectory, for initial education or for professionals."""

    class Doelgroep(models.TextChoices):
        INITIEEL = "initieel", _("initieel onderwijs")
        PROFESSIONALS = "professionals", _("professionals in de praktijk")

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="onderwijsmodules", verbose_name=_("traject")
    )
    naam = models.CharField(_("naam"), max_length=200)
    methode = models.ForeignKey(
        Methode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onderwijsmodules",
        verbose_name=_("methode"),
    )
    doelgroep = models.CharField(_("doelgroep"), max_length=20, choices=Doelgroep.choices, default=Doelgroep.INITIEEL)
    ontwikkeld_met = models.CharField(
        _("ontwikkeld met"), max_length=300, blank=True, help_text=_("Bijvoorbeeld ‘Hogeschool Utrecht en Movisie’.")
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uitvinken om te archiveren."))
    history = HistoricalRecords()

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "naam"]
        verbose_name = _("onderwijsmodule")
        verbose_name_plural = _("onderwijsmodules")
        constraints = [models.UniqueConstraint(fields=["traject", "naam"], name="onderwijsmodule_naam_uniek")]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("rapportage:onderwijsmodule_list", kwargs={"pk": self.traject_id}) + f"#module-{self.pk}"

    def mag_bewerken(self, user) -> bool:
        return mag_register_bewerken(self.traject, user)


class PlaatsingQuerySet(TrajectGebondenQuerySet):
    traject_pad = "module__traject"


class Plaatsing(Versiebeheerd):
    """Where a module is placed in a curriculum: programme, year, form, start year and status."""

    class Vorm(models.TextChoices):
        HOORCOLLEGE = "hoorcollege", _("hoorcollege")
        WERKCOLLEGE = "werkcollege", _("werkcollege")
        TRAINING = "training", _("training")
        KEUZEVAK = "keuzevak", _("keuzevak")
        PROJECTONDERWIJS = "projectonderwijs", _("projectonderwijs")
        MINOR = "minor", _("minor")
        PROFIEL = "profiel", _("profiel")
        VAK = "vak", _("vak")
        THEMA = "thema", _("thema")
        OVERIG = "overig", _("overig")

    class Status(models.TextChoices):
        INGEVOERD = "ingevoerd", _("ingevoerd")
        DEELS = "deels", _("deels ingevoerd")
        GEPLAND = "gepland", _("gepland")

    module = models.ForeignKey(
        Onderwijsmodule, on_delete=models.PROTECT, related_name="plaatsingen", verbose_name=_("module")
    )
    opleiding = models.CharField(
        _("opleiding"), max_length=200, help_text=_("Bijvoorbeeld SPH, MWD, EdZ of Toegepaste Psychologie.")
    )
    jaar = models.PositiveSmallIntegerField(
        _("studiejaar"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1, message=_("Het studiejaar ligt tussen 1 en 4.")),
            MaxValueValidator(4, message=_("Het studiejaar ligt tussen 1 en 4.")),
        ],
    )
    vorm = models.CharField(_("vorm"), max_length=20, choices=Vorm.choices)
    startjaar = models.PositiveSmallIntegerField(
        _("startjaar"), null=True, blank=True, validators=jaar_validators(_("startjaar"))
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INGEVOERD)
    toelichting = models.TextField(_("toelichting"), blank=True)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uitvinken om te archiveren."))
    history = HistoricalRecords()

    objects = PlaatsingQuerySet.as_manager()

    class Meta:
        ordering = ["module", "jaar", "opleiding", "pk"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(jaar__isnull=True) | Q(jaar__gte=1, jaar__lte=4),
                name="plaatsing_jaar_1_tot_4",
                violation_error_message=_("Het studiejaar ligt tussen 1 en 4."),
            ),
            models.CheckConstraint(
                condition=Q(startjaar__isnull=True) | Q(startjaar__gte=EERSTE_JAAR, startjaar__lte=LAATSTE_JAAR),
                name="plaatsing_startjaar_geldig",
                violation_error_message=_("Het startjaar is ongeldig."),
            ),
        ]

    def __str__(self) -> str:
        jaar = f" jaar {self.jaar}" if self.jaar else ""
        return f"{self.module}: {self.opleiding}{jaar} ({self.get_vorm_display()})"

    def get_absolute_url(self) -> str:
        return self.module.get_absolute_url()

    @property
    def traject(self) -> Traject:
        return self.module.traject

    def mag_bewerken(self, user) -> bool:
        return mag_register_bewerken(self.module.traject, user)


class Eindrapport(Versiebeheerd):
    """The end report of a trajectory: its title, authors, colofon, narrative and figure overrides.

    Until it is frozen the figures are computed from the records at `peildatum`; freezing stores them
    (`bevroren_gegevens`) and adds an `Eindrapportversie` with the whole rendered input and the PDF, so the PDF stays
    the same when the data changes later, and texts and overrides cannot be edited until it is unfrozen.

    `taal` is the language the report is published in (one per report, so each frozen version keeps its own): its
    fixed texts, headings, chart labels and dates; the narrative texts are printed as written.
    """

    class Taal(models.TextChoices):
        NEDERLANDS = "nl", _("Nederlands")
        ENGELS = "en", _("Engels")

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="eindrapporten", verbose_name=_("traject")
    )
    titel = models.CharField(_("titel"), max_length=200, default="Eindrapport Implementatie")
    peildatum = models.DateField(_("peildatum"), help_text=_("De cijfers zoals ze op deze datum waren."))
    taal = models.CharField(
        _("taal van het rapport"),
        max_length=5,
        choices=Taal.choices,
        default=Taal.NEDERLANDS,
        help_text=_(
            "De taal van de vaste teksten, koppen, grafieken en datums van het rapport en de PDF. De teksten die u "
            "zelf schrijft, komen erin zoals u ze schrijft: schrijf ze in deze taal. Een Nederlandse en een Engelse "
            "uitgave zijn twee rapporten."
        ),
    )
    auteurs = models.TextField(
        _("auteurs"), blank=True, help_text=_("Eén per regel: naam, rol (bijvoorbeeld ‘Lies Korevaar, projectleider’).")
    )
    layout = models.CharField(_("lay-out"), max_length=200, blank=True)
    uitgave = models.CharField(_("uitgave"), max_length=200, blank=True)
    druk = models.CharField(_("druk"), max_length=200, blank=True)
    correspondentie = models.EmailField(_("correspondentie"), blank=True)
    copyright = models.CharField(_("copyright"), max_length=200, blank=True)
    plaats_datum = models.CharField(
        _("plaats en datum"), max_length=100, blank=True, help_text=_("Onder het voorwoord.")
    )
    gestopte_organisaties_anoniem = models.BooleanField(
        _("gestopte organisaties anoniem"),
        default=True,
        help_text=_("Noem organisaties die gestopt zijn of belemmerd werden niet bij naam (4.1, 6)."),
    )
    vergelijking_in_bijlage = models.BooleanField(
        _("vergelijking in de quickscanbijlage"),
        default=False,
        help_text=_(
            "Toon in bijlage 5 per organisatie waar haar laatste scores staan tegenover vergelijkbare organisaties "
            "(kwartielen en mediaan; geen andere organisatie bij naam, niets van minder dan het minimum aantal)."
        ),
    )
    bevroren_op = models.DateTimeField(_("bevroren op"), null=True, blank=True, editable=False)
    bevroren_gegevens = models.JSONField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["bevroren_gegevens"])

    objects = TrajectGebondenQuerySet.as_manager()

    class Meta:
        ordering = ["traject", "-peildatum", "pk"]
        verbose_name = _("eindrapport")
        verbose_name_plural = _("eindrapporten")

    def __str__(self) -> str:
        return f"{self.titel} {self.traject}"

    def get_absolute_url(self) -> str:
        return reverse("rapportage:eindrapport_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.peildatum and self.traject_id and self.peildatum < self.traject.startdatum:
            raise ValidationError({"peildatum": _("De peildatum ligt vóór de start van het traject.")})

    def mag_bewerken(self, user) -> bool:
        return mag_register_bewerken(self.traject, user)

    @property
    def is_bevroren(self) -> bool:
        return self.bevroren_op is not None

    def huidige_versie(self, *, zonder_gegevens: bool = False) -> Eindrapportversie | None:
        """The version of the current freeze (None when not frozen, or frozen before versions existed).

        `zonder_gegevens`: without its snapshot (a large JSON with the charts and attachments), for a download.
        """
        if not self.is_bevroren:
            return None
        versies = self.versies.filter(ontdooid_op__isnull=True).order_by("-nummer")
        return (versies.defer("gegevens") if zonder_gegevens else versies).first()

    @property
    def auteurs_lijst(self) -> list[str]:
        return [regel.strip() for regel in self.auteurs.splitlines() if regel.strip()]

    @property
    def colofon(self) -> dict[str, str]:
        """The colofon's lines, labelled in the active language (the report's, inside `eindrapport.gegevens`)."""
        return {
            gettext("Lay-out"): self.layout,
            gettext("Uitgave"): self.uitgave,
            pgettext("colofon: drukkerij", "Druk"): self.druk,
            gettext("Correspondentie"): self.correspondentie,
            gettext("Copyright"): self.copyright,
        }


class RapportTekst(Versiebeheerd):
    """The narrative of one section, in plain text with simple Markdown and {{ placeholders }}."""

    rapport = models.ForeignKey(Eindrapport, on_delete=models.CASCADE, related_name="teksten")
    sectie = models.CharField(_("sectie"), max_length=40)
    tekst = models.TextField(_("tekst"), max_length=20000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["rapport", "sectie"]
        verbose_name = _("rapporttekst")
        verbose_name_plural = _("rapportteksten")
        constraints = [models.UniqueConstraint(fields=["rapport", "sectie"], name="een_tekst_per_sectie")]

    def __str__(self) -> str:
        return f"{self.rapport}: {self.sectie}"


class Correctie(models.Model):
    """A figure printed with other wording than the computed value ("meer dan 400"), always with a note."""

    rapport = models.ForeignKey(Eindrapport, on_delete=models.CASCADE, related_name="correcties")
    sleutel = models.CharField(_("cijfer"), max_length=60)
    waarde = models.CharField(_("gedrukte waarde"), max_length=100)
    toelichting = models.TextField(_("toelichting"), help_text=_("Waarom wijkt de gedrukte waarde af?"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["rapport", "sleutel"]
        verbose_name = _("correctie")
        verbose_name_plural = _("correcties")
        constraints = [
            models.UniqueConstraint(fields=["rapport", "sleutel"], name="een_correctie_per_cijfer"),
            models.CheckConstraint(condition=~Q(toelichting=""), name="correctie_met_toelichting"),
        ]

    def __str__(self) -> str:
        return f"{self.sleutel}: {self.waarde}"

    def clean(self) -> None:
        if not self.toelichting.strip():
            raise ValidationError({"toelichting": _("Licht toe waarom het gedrukte cijfer afwijkt.")})


def _versie_pad(versie: Eindrapportversie, bestandsnaam: str) -> str:
    return f"eindrapporten/{versie.rapport_id}/versie-{versie.nummer}-{bestandsnaam}"


class Eindrapportversie(models.Model):
    """One freeze of an end report: the whole rendered input (figures, texts, overrides, charts) and its PDF.

    A freeze adds a version; unfreezing closes it (`ontdooid_op`) but keeps it, so the PDF that was sent to the
    funder can always be shown again. Written only by `rapportage.services` and `rapportage.tasks`. The PDF is a
    file in Django's storage (MEDIA_ROOT, or object storage in production), served through a login-checked view.
    """

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", _("in de wachtrij")
        BEZIG = "bezig", _("wordt gemaakt")
        KLAAR = "klaar", _("klaar")
        MISLUKT = "mislukt", _("mislukt")

    rapport = models.ForeignKey(
        Eindrapport, on_delete=models.PROTECT, related_name="versies", verbose_name=_("eindrapport")
    )
    nummer = models.PositiveIntegerField(_("versie"))
    bevroren_op = models.DateTimeField(_("bevroren op"))
    bevroren_door = models.ForeignKey(
        "werkplaats.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bevroren door"),
    )
    ontdooid_op = models.DateTimeField(_("ontdooid op"), null=True, blank=True)
    gegevens = models.JSONField(_("gegevens"), editable=False)
    pdf = models.FileField(_("PDF"), upload_to=_versie_pad, blank=True, max_length=300)
    pdf_sha256 = models.CharField(_("SHA-256 van de PDF"), max_length=64, blank=True)
    paginas = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.WACHTRIJ)
    voortgang = models.CharField(_("voortgang"), max_length=200, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["gegevens"])

    class Meta:
        ordering = ["rapport", "-nummer"]
        verbose_name = _("versie van een eindrapport")
        verbose_name_plural = _("versies van eindrapporten")
        constraints = [models.UniqueConstraint(fields=["rapport", "nummer"], name="eindrapportversie_uniek")]

    def __str__(self) -> str:
        return f"{self.rapport} – {_('versie')} {self.nummer}"

    @property
    def traject(self) -> Traject:
        return self.rapport.traject

    @property
    def is_klaar(self) -> bool:
        return self.status == self.Status.KLAAR and bool(self.pdf)

    def bestandsnaam(self) -> str:
        taal = "" if self.rapport.taal == Eindrapport.Taal.NEDERLANDS else f"-{self.rapport.taal}"  # an edition
        return f"eindrapport-{self.rapport.traject_id}-{self.rapport.peildatum:%Y%m%d}{taal}-v{self.nummer}.pdf"


def _logo_pad(achterpagina: Achterpagina, bestandsnaam: str) -> str:
    return f"achterpagina/{achterpagina.werkplaats_id}/{bestandsnaam}"


def _logo_veld(label: str) -> models.FileField:
    return models.FileField(
        label,
        upload_to=_logo_pad,
        blank=True,
        max_length=300,
        validators=[bijlagen.logo_valideren],
        help_text=_("Een afbeelding (PNG of JPEG) van ten hoogste 2 MB."),
    )


def _logo_naam(label: str) -> models.CharField:
    return models.CharField(
        label,
        max_length=200,
        blank=True,
        help_text=_("Wie het logo voert; de tekst die een schermlezer voorleest."),
    )


class Achterpagina(Versiebeheerd):
    """The last page of every end report of a werkplaats: who funded it, whom to contact, the partners' logos.

    Kept by the werkplaats's coordinators and lectoraat; a frozen report keeps the back page as it was (the logos as
    images in its snapshot).
    """

    LOGOS = (1, 2, 3)

    werkplaats = models.OneToOneField(
        Werkplaats, on_delete=models.PROTECT, related_name="achterpagina", verbose_name=_("werkplaats")
    )
    financier = models.TextField(
        _("financier"),
        blank=True,
        help_text=_("Bijvoorbeeld ‘Dit traject is mogelijk gemaakt door het Ministerie van VWS.’"),
    )
    contact = models.TextField(
        _("contact"), blank=True, help_text=_("Eén regel per gegeven: naam, adres, telefoon, e-mail, website.")
    )
    logo_1 = _logo_veld(_("logo 1"))
    logo_1_naam = _logo_naam(_("naam bij logo 1"))
    logo_2 = _logo_veld(_("logo 2"))
    logo_2_naam = _logo_naam(_("naam bij logo 2"))
    logo_3 = _logo_veld(_("logo 3"))
    logo_3_naam = _logo_naam(_("naam bij logo 3"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["werkplaats"]
        verbose_name = _("achterpagina")
        verbose_name_plural = _("achterpagina's")

    def __str__(self) -> str:
        return _("Achterpagina van %(werkplaats)s") % {"werkplaats": self.werkplaats}

    def get_absolute_url(self) -> str:
        return reverse("rapportage:achterpagina_update", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        for n in self.LOGOS:
            if getattr(self, f"logo_{n}") and not getattr(self, f"logo_{n}_naam").strip():
                errors[f"logo_{n}_naam"] = _("Geef de naam bij het logo: die leest een schermlezer voor.")
        if errors:
            raise ValidationError(errors)

    def mag_bewerken(self, user) -> bool:
        return mag_achterpagina_bewerken(self.werkplaats_id, user)

    @property
    def contactregels(self) -> list[str]:
        return [regel.strip() for regel in self.contact.splitlines() if regel.strip()]

    def logos(self) -> list[tuple[str, str]]:
        """(storage name, name) of every logo, in order."""
        return [
            (getattr(self, f"logo_{n}").name, getattr(self, f"logo_{n}_naam"))
            for n in self.LOGOS
            if getattr(self, f"logo_{n}")
        ]


def mag_achterpagina_bewerken(werkplaats_id: int, user) -> bool:
    """The back page is kept by the werkplaats's coordinators and lectoraat (who write its end reports)."""
    return user.is_superuser or werkplaats_id in user.werkplaats_ids(Rol.Soort.COORDINATOR, Rol.Soort.LECTORAAT)


# The implementation phase of an organisation: derived in `landelijk_fase`, overridden by a coordinator here ---------


class Implementatiefase(models.TextChoices):
    """The four phases of the national book (seed 001, chapter 1, "Fasering"); docs/implementatiefasen.md."""

    VERSPREIDING = "verspreiding", _("verspreiding")
    ADOPTIE = "adoptie", _("adoptie")
    INVOERING = "invoering", _("invoering")
    BORGING = "borging", _("borging")


def mag_fase_corrigeren(organisatie: Organisatie, user) -> bool:
    """The coordinators of the organisation's werkplaats (and superusers) override its phase."""
    return organisatie.mag_bewerken(user)


class FasecorrectieQuerySet(OrganisatieGebondenQuerySet):
    def actief(self) -> FasecorrectieQuerySet:
        return self.filter(actief=True)


class Fasecorrectie(Versiebeheerd):
    """A coordinator's judgement of an organisation's implementation phase, over the derived one, always with a note.

    At most one is active per organisation; undoing it archives it (`actief` off), so the history keeps every
    override, who set it and when. Written only by `services.fasecorrectie_opslaan` and `fasecorrectie_archiveren`.
    """

    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.PROTECT, related_name="fasecorrecties", verbose_name=_("organisatie")
    )
    fase = models.CharField(_("fase"), max_length=20, choices=Implementatiefase.choices)
    toelichting = models.TextField(_("toelichting"), help_text=_("Waarom wijkt de fase af van de afgeleide fase?"))
    gezet_door = models.ForeignKey(
        "werkplaats.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("gezet door"),
    )
    gezet_op = models.DateTimeField(_("gezet op"), editable=False)
    actief = models.BooleanField(_("actief"), default=True, editable=False)
    history = HistoricalRecords()

    objects = FasecorrectieQuerySet.as_manager()

    class Meta:
        ordering = ["organisatie", "-gezet_op", "-pk"]
        verbose_name = _("correctie van de implementatiefase")
        verbose_name_plural = _("correcties van de implementatiefase")
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie"], condition=Q(actief=True), name="een_actieve_fasecorrectie_per_organisatie"
            ),
            models.CheckConstraint(condition=~Q(toelichting=""), name="fasecorrectie_met_toelichting"),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie}: {self.get_fase_display()}"

    def get_absolute_url(self) -> str:
        return reverse("rapportage:fase", kwargs={"pk": self.organisatie_id})

    def clean(self) -> None:
        if not self.toelichting.strip():
            raise ValidationError({"toelichting": _("Licht toe waarom u de fase anders ziet dan de afgeleide fase.")})

    def mag_bewerken(self, user) -> bool:
        return mag_fase_corrigeren(self.organisatie, user)

    @property
    def door_naam(self) -> str:
        """Who set it, as the page names them ("" when set without a user, e.g. by a script)."""
        gebruiker = self.gezet_door
        return (gebruiker.get_full_name() or gebruiker.get_username()) if gebruiker else ""
