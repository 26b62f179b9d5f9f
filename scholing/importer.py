"""Import of participants with their enrolments from a CSV or XLSX file: read, check every row, then write.

Three steps, each usable on its own:

1. `bestand_lezen(bestand)` turns an upload into plain rows of text (`{"rij": 7, "naam": "...", ...}`), or refuses
   the whole file with a ValidationError: unknown extension, over 2 MB, not UTF-8 text, not a workbook, missing or
   unknown columns, no rows, more than 1,000 rows. These rows are JSON, so the preview keeps them in an
   `Importvoorbeeld` (never in the session), removed on confirm, on cancel and after an hour.
2. `rijen_controleren(traject=..., rijen=...)` checks every row against the database and collects every error with
   the row number the user sees (the header is row 1). It reads a fixed number of queries, whatever the file size.
3. `deelnemers_importeren(traject=..., rijen=...)` checks again and writes through the services, all or nothing.

The rules:
- A person is identified by name and organisation, both compared case-insensitively with spaces collapsed.
  A person who already exists in that organisation is reused, never created again, and their stored details
  (functie, soort) are not changed. An archived person, or a name that occurs twice in the organisation, is an
  error: the import cannot know whom the row means.
- The same person twice in the same group in the file is an error. The same new person in two groups is created once.
- A person already enrolled in that group on the start date is reported as "al ingeschreven" and skipped, not an
  error, so a file can be imported again after it was extended. An existing enrolment that starts later than the
  row's start date overlaps it and is an error; after an enrolment that ended before the date, a new one starts.
- The organisation must be an active organisation of the trajectory's werkplaats, the method one chosen in the
  trajectory (short or full name), the group an existing group of that method in the trajectory, and the start date
  within the trajectory's period.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trajecten.models import Methode, Traject
from werkplaats.models import Organisatie

from .models import Inschrijving, Persoon, Scholingsgroep, naam_sleutel
from .services import deelnemer_inschrijven, persoon_opslaan

MAX_BESTANDSGROOTTE = 2 * 1024 * 1024  # bytes, checked before reading
MAX_UITGEPAKT = 50 * 1024 * 1024  # bytes of an XLSX once unzipped: refuses zip bombs
# Rows per file. Every row is written through the services (full_clean, history): about 15 queries, 4 ms on SQLite,
# so 1,000 rows take some 4 seconds; a trajectory has a few hundred participants.
MAX_RIJEN = 1_000
MAX_REGELS = 4 * MAX_RIJEN  # physical rows read, empty ones included
MAX_KOLOMMEN = 50

VERPLICHT = ("naam", "organisatie", "methode", "groep", "startdatum")
OPTIONEEL = ("functie", "soort")
KOLOMMEN = ("naam", "organisatie", "functie", "soort", "methode", "groep", "startdatum")  # the template's order
EXTENSIES = (".csv", ".xlsx")
DATUMFORMATEN = ("%Y-%m-%d", "%d-%m-%Y")

Rij = dict  # {"rij": int, one str per column in KOLOMMEN, "extra": int}: JSON, kept in an Importvoorbeeld


class Actie(models.TextChoices):
    """What the import does with one row."""

    NIEUW = "nieuw", gettext_lazy("nieuwe persoon")
    BESTAAT = "bestaat", gettext_lazy("bestaat al")
    INGESCHREVEN = "ingeschreven", gettext_lazy("al ingeschreven, wordt overgeslagen")


@dataclass
class ImportRegel:
    """One checked row: who, in which group, from when, and what will happen."""

    rij: int
    naam: str
    organisatie: Organisatie
    functie: str
    soort: str
    groep: Scholingsgroep
    startdatum: datetime.date
    actie: str
    persoon: Persoon | None = None  # the existing person, if any
    ook_in_rij: int | None = None  # a new person who also stands in an earlier row

    @property
    def actie_label(self) -> str:
        return str(Actie(self.actie).label)

    @property
    def soort_label(self) -> str:
        return str(Persoon.Soort(self.soort).label)

    @property
    def sleutel(self) -> tuple[int, str]:
        return (self.organisatie.pk, naam_sleutel(self.naam))


@dataclass
class Controle:
    """The outcome of checking all rows: what would happen, and every error."""

    regels: list[ImportRegel] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)

    @property
    def aantal_nieuw(self) -> int:
        return len({r.sleutel for r in self.regels if r.actie == Actie.NIEUW})

    @property
    def aantal_bestaand(self) -> int:
        """Existing persons who get a new enrolment (those only skipped are counted in `aantal_overgeslagen`)."""
        return len({r.persoon.pk for r in self.regels if r.actie == Actie.BESTAAT and r.persoon is not None})

    @property
    def aantal_inschrijvingen(self) -> int:
        return sum(1 for r in self.regels if r.actie != Actie.INGESCHREVEN)

    @property
    def aantal_overgeslagen(self) -> int:
        return sum(1 for r in self.regels if r.actie == Actie.INGESCHREVEN)


@dataclass(frozen=True)
class ImportResultaat:
    inschrijvingen: int  # enrolments written
    nieuwe_personen: int
    bestaande_personen: int  # existing persons who got a new enrolment
    overgeslagen: int  # rows already enrolled, skipped


# Reading ---------------------------------------------------------------------------------------------------


def bestand_lezen(bestand: UploadedFile) -> list[Rij]:
    """The rows of an uploaded CSV or XLSX file, or a ValidationError that refuses the whole file."""
    extensie = Path(bestand.name or "").suffix.lower()
    if extensie not in EXTENSIES:
        raise ValidationError(
            _("Alleen .csv- en .xlsx-bestanden kunnen worden geïmporteerd; ‘%(naam)s’ is geen van beide.")
            % {"naam": bestand.name}
        )
    if bestand.size is not None and bestand.size > MAX_BESTANDSGROOTTE:
        raise ValidationError(_("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden."))
    bestand.seek(0)
    data = bestand.read(MAX_BESTANDSGROOTTE + 1)
    if len(data) > MAX_BESTANDSGROOTTE:
        raise ValidationError(_("Het bestand is groter dan 2 MB. Splits het in kleinere bestanden."))
    if not data.strip():
        raise ValidationError(_("Het bestand is leeg."))
    tabel = csv_lezen(data) if extensie == ".csv" else xlsx_lezen(data)
    return rijen_uit_tabel(tabel)


def csv_lezen(data: bytes) -> Iterator[list[str]]:
    """The cells of a CSV file: UTF-8 with or without BOM, `;`, `,` or tab as the delimiter of the header line."""
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(
            _("Dit is geen CSV-bestand maar een Excel- of zipbestand. Upload een Excel-bestand met de extensie .xlsx.")
        )
    if b"\x00" in data:
        raise ValidationError(_("Dit is geen CSV-bestand: het bevat geen leesbare tekst."))
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _(
                "Dit is geen CSV-bestand in UTF-8. Sla het in Excel op als ‘CSV UTF-8 (door komma's gescheiden)’, "
                "of upload het als .xlsx."
            )
        ) from None
    kop = next((regel for regel in tekst.splitlines() if regel.strip()), "")
    scheidingsteken = max((";", ",", "\t"), key=kop.count)
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken)
    return _csv_rijen(reader)


def _csv_rijen(reader) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as error:
        raise ValidationError(
            _("Het CSV-bestand kan niet worden gelezen (regel %(regel)s): %(fout)s")
            % {"regel": reader.line_num, "fout": error}
        ) from None


def xlsx_lezen(data: bytes) -> Iterator[list[str]]:
    """The cells of the first sheet of an XLSX workbook, as text (dates as YYYY-MM-DD)."""
    ongeldig = ValidationError(_("Dit is geen geldig Excel-bestand (.xlsx). Sla het opnieuw op in Excel, of als CSV."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archief:
            uitgepakt = sum(info.file_size for info in archief.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ongeldig from None
    if uitgepakt > MAX_UITGEPAKT:
        raise ValidationError(_("Het Excel-bestand is uitgepakt te groot. Splits het in kleinere bestanden."))
    try:
        import openpyxl  # imported when a workbook is read, not when a process starts

        werkboek = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a broken file; each means the same to the user
        raise ongeldig from None
    return _xlsx_rijen(werkboek, ongeldig)


def _xlsx_rijen(werkboek, ongeldig: ValidationError) -> Iterator[list[str]]:
    try:
        if not werkboek.worksheets:
            raise ongeldig
        for waarden in werkboek.worksheets[0].iter_rows(values_only=True, max_col=MAX_KOLOMMEN):
            yield [cel_tekst(waarde) for waarde in waarden]
    except ValidationError:
        raise
    except Exception:
        raise ongeldig from None
    finally:
        werkboek.close()


def cel_tekst(waarde) -> str:
    """A spreadsheet cell as the text a person would have typed."""
    if waarde is None:
        return ""
    if isinstance(waarde, datetime.datetime):
        return waarde.date().isoformat()
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def kop_lezen(cellen: Sequence[str]) -> dict[int, str]:
    """The header row: column index -> column name. Refuses missing, unknown and doubled columns."""
    kop: dict[int, str] = {}
    onbekend, dubbel = [], []
    for index, cel in enumerate(cellen):
        naam = cel.strip().casefold()
        if not naam:
            continue
        if naam not in KOLOMMEN:
            onbekend.append(cel.strip())
        elif naam in kop.values():
            dubbel.append(naam)
        else:
            kop[index] = naam
    fouten = []
    ontbrekend = [naam for naam in VERPLICHT if naam not in kop.values()]
    if ontbrekend:
        fouten.append(_("Deze kolommen ontbreken: %(kolommen)s.") % {"kolommen": ", ".join(ontbrekend)})
    if onbekend:
        fouten.append(_("Deze kolommen zijn onbekend: %(kolommen)s.") % {"kolommen": ", ".join(onbekend)})
    if dubbel:
        fouten.append(_("Deze kolommen staan er meer dan eens in: %(kolommen)s.") % {"kolommen": ", ".join(dubbel)})
    if fouten:
        fouten.append(
            _("De eerste rij moet de kolomnamen bevatten: %(kolommen)s (functie en soort mogen ontbreken).")
            % {"kolommen": ", ".join(KOLOMMEN)}
        )
        raise ValidationError(fouten)
    return kop


def rijen_uit_tabel(tabel: Iterable[Sequence[str]]) -> list[Rij]:
    """Header and data rows of a table of cells. Empty rows are skipped; row numbers stay those of the file."""
    kop: dict[int, str] | None = None
    rijen: list[Rij] = []
    for nummer, cellen in enumerate(tabel, start=1):
        if nummer > MAX_REGELS:
            raise _te_veel_rijen()
        cellen = [cel.strip() for cel in cellen]
        if not any(cellen):
            continue
        if kop is None:
            kop = kop_lezen(cellen)
            continue
        if len(rijen) == MAX_RIJEN:
            raise _te_veel_rijen()
        rij: Rij = {"rij": nummer, **dict.fromkeys(KOLOMMEN, "")}
        rij.update({naam: cellen[index] for index, naam in kop.items() if index < len(cellen)})
        rij["extra"] = sum(1 for index, cel in enumerate(cellen) if cel and index not in kop)
        rijen.append(rij)
    if kop is None:
        raise ValidationError(_("Het bestand is leeg."))
    if not rijen:
        raise ValidationError(_("Het bestand bevat alleen een kopregel; er staan geen deelnemers in."))
    return rijen


def _te_veel_rijen() -> ValidationError:
    return ValidationError(
        _("Het bestand heeft meer dan %(max)s rijen. Splits het in kleinere bestanden.")
        % {"max": number_format(MAX_RIJEN, force_grouping=True)}
    )


# Checking --------------------------------------------------------------------------------------------------


def datum_lezen(tekst: str) -> datetime.date | None:
    for formaat in DATUMFORMATEN:
        try:
            return datetime.datetime.strptime(tekst, formaat).date()
        except ValueError:
            continue
    return None


def _datum(datum: datetime.date) -> str:
    return date_format(datum, "d-m-Y")


@dataclass
class _Gelezen:
    """A row whose fields parsed; persons and enrolments are matched in a second pass."""

    rij: int
    naam: str
    organisatie: Organisatie
    functie: str
    soort: str
    groep: Scholingsgroep
    startdatum: datetime.date


def rijen_controleren(*, traject: Traject, rijen: Iterable[Rij]) -> Controle:
    """Check every row; return what would happen and every error (as "Rij 7: ..."), in row order."""
    organisaties = {naam_sleutel(o.naam): o for o in Organisatie.objects.filter(werkplaats_id=traject.werkplaats_id)}
    methoden: dict[str, list[Methode]] = defaultdict(list)
    for methode in traject.methoden.all():
        for naam in {naam_sleutel(methode.korte_naam), naam_sleutel(methode.naam)}:
            methoden[naam].append(methode)
    groepen = {
        (g.methode_id, g.nummer): g
        for g in Scholingsgroep.objects.filter(traject=traject).select_related("methode", "traject")
    }

    fouten: list[tuple[int, str]] = []
    gelezen: list[_Gelezen] = []
    for rij in rijen:
        nummer = int(rij["rij"])
        rij_fouten = _rij_lezen(rij, traject, organisaties, methoden, groepen)
        if isinstance(rij_fouten, _Gelezen):
            gelezen.append(rij_fouten)
        else:
            fouten.extend((nummer, _("Rij %(rij)s: %(fout)s") % {"rij": nummer, "fout": fout}) for fout in rij_fouten)

    personen: dict[tuple[int, str], list[Persoon]] = defaultdict(list)
    for bekend in Persoon.objects.filter(organisatie_id__in={g.organisatie.pk for g in gelezen}):
        personen[(bekend.organisatie_id, naam_sleutel(bekend.naam))].append(bekend)
    inschrijvingen: dict[tuple[int, int], list[Inschrijving]] = defaultdict(list)
    bestaand = [p.pk for lijst in personen.values() for p in lijst]
    for inschrijving in Inschrijving.objects.filter(persoon_id__in=bestaand, groep__traject=traject):
        inschrijvingen[(inschrijving.persoon_id, inschrijving.groep_id)].append(inschrijving)

    controle = Controle()
    eerste_rij: dict[tuple[int, str], _Gelezen] = {}  # the first row of each new person in the file
    in_groep: dict[tuple[int, str, int], int] = {}  # (organisation, name, group) -> row
    for g in gelezen:
        sleutel = (g.organisatie.pk, naam_sleutel(g.naam))
        actief = [p for p in personen.get(sleutel, []) if not p.gearchiveerd]
        persoon = actief[0] if len(actief) == 1 else None
        fout = _persoon_fout(g, sleutel, personen, eerste_rij, in_groep)
        actie: str = Actie.NIEUW
        if fout is None and persoon is not None:
            actie, fout = _inschrijving_controleren(g, persoon, inschrijvingen[(persoon.pk, g.groep.pk)])
        if fout:
            fouten.append((g.rij, _("Rij %(rij)s: %(fout)s") % {"rij": g.rij, "fout": fout}))
            continue
        eerder = eerste_rij.setdefault(sleutel, g) if persoon is None else None
        in_groep[(*sleutel, g.groep.pk)] = g.rij
        controle.regels.append(
            ImportRegel(
                rij=g.rij,
                naam=persoon.naam if persoon else g.naam,
                organisatie=g.organisatie,
                functie=persoon.functie if persoon else g.functie,
                soort=persoon.soort if persoon else g.soort,
                groep=g.groep,
                startdatum=g.startdatum,
                actie=actie,
                persoon=persoon,
                ook_in_rij=eerder.rij if eerder is not None and eerder is not g else None,
            )
        )

    fouten.sort(key=lambda fout: fout[0])
    controle.fouten = [tekst for _rij, tekst in fouten]
    return controle


def _rij_lezen(rij: Rij, traject, organisaties, methoden, groepen) -> _Gelezen | list[str]:
    """The parsed fields of one row, or the list of what is wrong with it."""
    fouten = []
    for kolom in VERPLICHT:
        if not rij.get(kolom):
            fouten.append(_("‘%(kolom)s’ is leeg.") % {"kolom": kolom})
    if rij.get("extra"):
        fouten.append(_("deze rij heeft meer waarden dan er kolommen zijn. Staat er een scheidingsteken in een naam?"))
    naam = " ".join(rij.get("naam", "").split())
    functie = " ".join(rij.get("functie", "").split())
    for kolom, waarde in (("naam", naam), ("functie", functie)):
        if len(waarde) > 200:
            fouten.append(_("‘%(kolom)s’ is langer dan 200 tekens.") % {"kolom": kolom})

    organisatie = None
    if rij.get("organisatie"):
        organisatie = organisaties.get(naam_sleutel(rij["organisatie"]))
        if organisatie is None:
            fouten.append(_("organisatie ‘%(naam)s’ bestaat niet in deze werkplaats.") % {"naam": rij["organisatie"]})
        elif not organisatie.actief:
            fouten.append(_("organisatie ‘%(naam)s’ is gearchiveerd.") % {"naam": organisatie.naam})

    soort: str | None = Persoon.Soort.PROFESSIONAL
    if rij.get("soort"):
        soorten = {naam_sleutel(str(label)): waarde for waarde, label in Persoon.Soort.choices}
        soorten.update({waarde: waarde for waarde in Persoon.Soort.values})
        soort = soorten.get(naam_sleutel(rij["soort"]))
        if soort is None:
            fouten.append(
                _("soort ‘%(soort)s’ is onbekend; kies uit %(soorten)s.")
                % {"soort": rij["soort"], "soorten": ", ".join(Persoon.Soort.values)}
            )

    methode = None
    if rij.get("methode"):
        gevonden = methoden.get(naam_sleutel(rij["methode"]), [])
        if len(gevonden) == 1:
            methode = gevonden[0]
        elif gevonden:
            fouten.append(
                _("methode ‘%(naam)s’ is dubbelzinnig; gebruik de volledige naam.") % {"naam": rij["methode"]}
            )
        else:
            fouten.append(_("methode ‘%(naam)s’ is niet gekozen in dit traject.") % {"naam": rij["methode"]})

    groep = None
    if rij.get("groep"):
        nummer = int(rij["groep"]) if re.fullmatch(r"[0-9]{1,5}", rij["groep"]) else None
        if not nummer:
            fouten.append(_("groep ‘%(groep)s’ is geen groepsnummer.") % {"groep": rij["groep"]})
        elif methode is not None:
            groep = groepen.get((methode.pk, nummer))
            if groep is None:
                fouten.append(
                    _("%(methode)s heeft in dit traject geen groep %(nummer)s.")
                    % {"methode": methode.korte_naam, "nummer": nummer}
                )

    startdatum = None
    if rij.get("startdatum"):
        startdatum = datum_lezen(rij["startdatum"])
        if startdatum is None:
            fouten.append(
                _("startdatum ‘%(datum)s’ is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ.")
                % {"datum": rij["startdatum"]}
            )
        elif not traject.startdatum <= startdatum <= traject.einddatum:
            fouten.append(
                _("startdatum %(datum)s ligt buiten de looptijd van het traject (%(start)s tot en met %(eind)s).")
                % {"datum": _datum(startdatum), "start": _datum(traject.startdatum), "eind": _datum(traject.einddatum)}
            )

    if fouten:
        return fouten
    # Every field that is missing or unknown is an error above.
    assert organisatie is not None and soort is not None and groep is not None and startdatum is not None
    return _Gelezen(
        rij=int(rij["rij"]),
        naam=naam,
        organisatie=organisatie,
        functie=functie,
        soort=soort,
        groep=groep,
        startdatum=startdatum,
    )


def _persoon_fout(g: _Gelezen, sleutel, personen, eerste_rij, in_groep) -> str | None:
    """What is wrong with the person of a parsed row, if anything."""
    dubbel = in_groep.get((*sleutel, g.groep.pk))
    if dubbel is not None:
        return _("%(naam)s (%(organisatie)s) staat al in rij %(rij)s in dezelfde groep.") % {
            "naam": g.naam,
            "organisatie": g.organisatie.naam,
            "rij": dubbel,
        }
    gevonden = personen.get(sleutel, [])
    actief = [p for p in gevonden if not p.gearchiveerd]
    if len(actief) > 1:
        return _("er zijn %(aantal)s personen ‘%(naam)s’ bij %(organisatie)s; schrijf deze persoon met de hand in.") % {
            "aantal": len(actief),
            "naam": g.naam,
            "organisatie": g.organisatie.naam,
        }
    if gevonden and not actief:
        return _("%(naam)s (%(organisatie)s) is gearchiveerd; haal de persoon eerst uit het archief.") % {
            "naam": g.naam,
            "organisatie": g.organisatie.naam,
        }
    eerder = eerste_rij.get(sleutel)
    if not actief and eerder is not None:
        andere_functie = eerder.functie and g.functie and eerder.functie.casefold() != g.functie.casefold()
        if andere_functie or eerder.soort != g.soort:
            return _("%(naam)s (%(organisatie)s) staat ook in rij %(rij)s, met een andere functie of soort.") % {
                "naam": g.naam,
                "organisatie": g.organisatie.naam,
                "rij": eerder.rij,
            }
    return None


def _inschrijving_controleren(g: _Gelezen, persoon: Persoon, bestaand: list[Inschrijving]) -> tuple[str, str | None]:
    """An existing person's enrolments in the row's group: (what happens, error or None).

    Enrolled on the start date: skipped. Enrolled from a later date: that overlaps, an error. Ended before: a new one.
    """
    for andere in bestaand:
        if andere.einddatum is not None and andere.einddatum < g.startdatum:
            continue
        if andere.startdatum <= g.startdatum:
            return Actie.INGESCHREVEN, None
        return Actie.BESTAAT, _(
            "%(naam)s staat vanaf %(vanaf)s al in %(groep)s; een inschrijving vanaf %(datum)s overlapt daarmee."
        ) % {"naam": persoon.naam, "vanaf": _datum(andere.startdatum), "groep": g.groep, "datum": _datum(g.startdatum)}
    return Actie.BESTAAT, None


# Writing ---------------------------------------------------------------------------------------------------


@transaction.atomic
def deelnemers_importeren(*, traject: Traject, rijen: Iterable[Rij]) -> ImportResultaat:
    """Check the rows again and write persons and enrolments, all or nothing.

    Raises a ValidationError with every error ("Rij 7: ...") when a row does not pass; nothing is written then.
    """
    # One import per trajectory at a time (on PostgreSQL): a second confirm waits, then finds the first's rows.
    list(Traject.objects.select_for_update().filter(pk=traject.pk).values_list("pk", flat=True))
    controle = rijen_controleren(traject=traject, rijen=rijen)
    if controle.fouten:
        raise ValidationError(controle.fouten)
    nieuw: dict[tuple[int, str], Persoon] = {}
    fouten = []
    for regel in controle.regels:
        if regel.actie == Actie.INGESCHREVEN:
            continue
        persoon = regel.persoon or nieuw.get(regel.sleutel)
        if persoon is None:
            persoon = persoon_opslaan(
                persoon=Persoon(
                    organisatie=regel.organisatie, naam=regel.naam, functie=regel.functie, soort=regel.soort
                )
            )
            nieuw[regel.sleutel] = persoon
        try:
            deelnemer_inschrijven(persoon=persoon, groep=regel.groep, startdatum=regel.startdatum)
        except ValidationError as error:
            fouten.append(_("Rij %(rij)s: %(fout)s") % {"rij": regel.rij, "fout": " ".join(error.messages)})
    if fouten:
        raise ValidationError(fouten)  # leaves the atomic block: everything above is rolled back
    return ImportResultaat(
        inschrijvingen=controle.aantal_inschrijvingen,
        nieuwe_personen=len(nieuw),
        bestaande_personen=controle.aantal_bestaand,
        overgeslagen=controle.aantal_overgeslagen,
    )
