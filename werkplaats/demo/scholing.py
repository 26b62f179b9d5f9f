"""Demo data of the training: people, groups, sessions, enrolments, buddies and implementation leaders.

The records are built so that `selectors.traject_cijfers(traject, date(2015, 12, 31))` reproduces the end
report (*Eindrapport Implementatie 2014-2015*, section 4.1) from records, not from typed-in totals:

- professionals per method 31 (Het Gesprek), 30 (IRB) and 28 (T-shaped): 89 people, each in one method, in
  two regular groups per method, from 14 organisations;
- organisations per number of methods: 8 in three (7 institutions + Gemeente Tynaarlo), 4 in two, 2 in one
  (De Zijlen and Gemeente Oldambt), as the report's pattern says;
- 21 people of the four CJG teams in an additional T-shaped group in 2015, outside the target;
- 15 ambtenaren (9 in Het Gesprek, 6 in T-shaped), no volunteers;
- buddies: everyone of the 89 has at least two; named colleagues, whole teams (some estimated) and colleagues
  recruited by buddies add up to "meer dan 400": 429, of which 423 of the 89 and 6 of participants who dropped
  out later (the selector counts every buddy taken along, also those of dropouts);
- implementation leaders: 18 at the start from 16 organisations, 6 leave with the report's reasons, 12 active;
- seven dropouts on top of the 89, and one of the 89 who stopped and came back (counted once).

Enrolments start on 1 March 2014 and most end "afgerond" on 30 June 2015; those of Gemeente Oldambt and of the
person who came back stay active.

Reconstruction of the report's unexplained "In totaal zijn 143 in één of meer methoden geschoold": the
selector counts distinct people with a valid enrolment in any group plus the implementation leaders:
89 professionals + 21 CJG team members + 15 ambtenaren + 18 leaders = 143. The report does not say so; this
is the one split of its own figures that gives 143 (domain.md 3.4 item 6).

What the data cannot reproduce (domain.md 3.4 item 5): the printed organisations per method, 13 / 14 / 13.
With the report's own pattern (8 organisations in three methods, 4 in two, 2 in one: 34 organisation-method
links) they add up to at most 34, not 40, and "IRB: 14 organisations of which one municipality" would need 13
institutions where the pattern has 12. The demo follows the pattern and gives 11 (2 gemeenten) / 12 (1) / 11 (1).

The dropouts, the person who stopped and came back, the leaders who left and all dates are illustrative:
the report gives the reasons and the totals, not who or when. People have pseudonyms only.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from typing import NamedTuple

from django.db import transaction

from scholing import services
from scholing.models import Bijeenkomst, Implementatieleider, Inschrijving, Persoon, Scholingsgroep, Uitvalreden
from trajecten.models import Traject
from werkplaats.models import Organisatie

from . import trajecten as traject_demo
from .trajecten import GESPREK, IRB, TSHAPED

D = datetime.date
METHODEN = (GESPREK, IRB, TSHAPED)

START = D(2014, 3, 1)  # basistraining in March 2014
AFGEROND = D(2015, 6, 30)  # "de scholing liep tot de zomer van 2015"
BUDDY_VANAF = D(2014, 3, 15)
LEIDERS_VANAF = D(2014, 2, 4)  # the kick-off
CJG_START, CJG_AFGEROND = D(2015, 3, 1), D(2015, 11, 30)
TRAINERS = "trainers lectoraat Rehabilitatie"
TEAM_VANAF = D(2014, 4, 1)


@dataclass(frozen=True)
class Buddies:
    """How the participants of an organisation take colleagues along."""

    collegas: int = 2  # named colleagues per participant, from the start
    soms_een_meer: int = 0  # every n-th participant has one named colleague more
    later: int = 0  # named colleagues found by the buddies in the last year (MEE Groningen)
    team: int = 0  # a whole team as buddy, counted by its headcount
    team_naam: str = ""
    team_schatting: bool = False
    team_vanaf: datetime.date = TEAM_VANAF


TWEE = Buddies()
SOMS_DRIE = Buddies(soms_een_meer=3)  # NOVO: "twee of soms meer buddy's"
KETEN = Buddies(later=2)  # MEE: "aan alle buddy's is gevraagd om nieuwe buddy's te zoeken"
HELE_TEAM = Buddies(collegas=0, team=12, team_naam="Het hele team, 12 collega's")  # Promens Care
GEBIEDSTEAM = Buddies(collegas=0, team=8, team_naam="Sociaal gebiedsteam (hele team)", team_schatting=True)
SOCIAAL_TEAM = Buddies(collegas=0, team=10, team_naam="Sociaal team Tynaarlo (hele team)", team_schatting=True)
WORKSHOP = Buddies(  # Timpaan: workshops for colleagues at a staff meeting, after the magazine (Oct 2014)
    team=5,
    team_naam="Collega's van de workshop op de personeelsbijeenkomst",
    team_schatting=True,
    team_vanaf=D(2014, 11, 1),
)


class Rij(NamedTuple):
    organisatie: str
    professionals: tuple[int, int, int]  # Het Gesprek, IRB, T-shaped
    ambtenaren: tuple[int, int]  # Het Gesprek, T-shaped
    leiders: str  # one letter per implementation leader: M manager, S stafmedewerker
    buddies: Buddies


# The design of the demo. Professionals per method add up to 31 / 30 / 28; NOVO has 13 (book, ch. 4).
# fmt: off
ORGANISATIES = [
    #   organisatie          professionals  ambtenaren  leiders  buddies
    #                        (G, IRB, T)    (G, T)
    Rij("MEE Groningen",     (3, 3, 3),     (0, 0),     "MS",    KETEN),
    Rij("Het Oude Ambt",     (4, 2, 3),     (0, 0),     "M",     GEBIEDSTEAM),
    Rij("NOVO",              (5, 4, 4),     (0, 0),     "MS",    SOMS_DRIE),
    Rij("Promens Care",      (2, 3, 2),     (0, 0),     "M",     HELE_TEAM),
    Rij("Lentis",            (2, 3, 2),     (0, 0),     "M",     TWEE),
    Rij("Timpaan Welzijn",   (3, 2, 2),     (0, 0),     "M",     WORKSHOP),
    Rij("Torion",            (2, 2, 2),     (0, 0),     "M",     TWEE),
    Rij("Gemeente Tynaarlo", (3, 2, 3),     (4, 6),     "M",     SOCIAAL_TEAM),
    Rij("Kopland",           (2, 2, 0),     (0, 0),     "S",     TWEE),
    Rij("De Noorderbrug",    (0, 3, 3),     (0, 0),     "M",     TWEE),
    Rij("Trias",             (2, 0, 2),     (0, 0),     "M",     TWEE),
    Rij("Werkpro",           (0, 2, 2),     (0, 0),     "S",     TWEE),
    Rij("Gemeente Oldambt",  (3, 0, 0),     (5, 0),     "M",     TWEE),
    Rij("De Zijlen",         (0, 2, 0),     (0, 0),     "M",     TWEE),
    Rij("Noordermaat",       (0, 0, 0),     (0, 0),     "M",     TWEE),
    Rij("Tinten",            (0, 0, 0),     (0, 0),     "S",     TWEE),
]
# fmt: on

# Professionals who dropped out, on top of the 89: (organisatie, methode, datum, reden, toelichting, buddies).
UITVAL = [
    (
        "Kopland",
        GESPREK,
        D(2014, 5, 1),
        Uitvalreden.TE_DRUK,
        "Moest naar verschillende trainingen tegelijk; noemde vier cursussen.",
        0,
    ),
    ("Lentis", IRB, D(2014, 10, 15), Uitvalreden.ONTSLAG, "", 1),
    (
        "Werkpro",
        IRB,
        D(2014, 11, 15),
        Uitvalreden.ANDERS,
        "In de praktijk niet bezig met de uitvoering van de methode.",
        1,
    ),
    ("Promens Care", GESPREK, D(2014, 12, 1), Uitvalreden.PERSOONLIJK, "", 1),
    ("NOVO", TSHAPED, D(2015, 1, 31), Uitvalreden.REORGANISATIE, "", 1),
    ("De Zijlen", IRB, D(2015, 2, 15), Uitvalreden.GEEN_FACILITEITEN, "", 1),
    ("Trias", TSHAPED, D(2015, 3, 1), Uitvalreden.ANDERE_FUNCTIE, "", 1),
]
# One of the 89 stopped for a while and came back ("afhaakten en later weer instaken"):
# (organisatie, methode, uitgevallen op, reden, terug op).
TERUGKEER = ("Torion", IRB, D(2014, 9, 30), Uitvalreden.TE_DRUK, D(2015, 1, 15))

# Most enrolments end "afgerond" in the summer of 2015; these stay active: the professionals of the sociaal
# team of Oldambt (a Wmo-praktijk the werkplaats kept coaching) and the person who came back.
DOORLOPEND = {"Gemeente Oldambt"}

# Leaders who left: (organisatie, index of its leader) -> (datum, reden, toelichting).
VERTREK = {
    ("Noordermaat", 0): (
        D(2014, 9, 1),
        Uitvalreden.NIET_AAN_DE_ORDE,
        "Opgegeven via de directie; het implementatieproces bleek nog niet aan de orde.",
    ),
    ("Lentis", 0): (D(2014, 11, 1), Uitvalreden.ONTSLAG, ""),
    ("NOVO", 1): (D(2015, 1, 15), Uitvalreden.ANDERE_FUNCTIE, "Andere functie als gevolg van reorganisatie."),
    ("Kopland", 0): (
        D(2015, 2, 1),
        Uitvalreden.GEEN_MEDEWERKING,
        "Kreeg als stafmedewerker de implementatie zonder medewerking van het management niet op gang.",
    ),
    ("Promens Care", 0): (D(2015, 3, 1), Uitvalreden.TURBULENTIE, ""),
    ("De Zijlen", 0): (D(2015, 5, 1), Uitvalreden.ONTSLAG, ""),
}

CJG_TEAMS = {"CJG de Marne": 6, "CJG Bedum": 5, "CJG Winsum": 5, "CJG Eemsmond": 5}

# Sessions of a regular group: (soort, titel, dagdelen, (jaar, maand, week) for group 1 and for group 2).
# A week is the n-th Tuesday of the month; Het Gesprek meets on Tuesdays, IRB on Wednesdays, T-shaped on Thursdays.
GROEPSBIJEENKOMSTEN = [
    (Bijeenkomst.Soort.BASISTRAINING, "Basistraining dag 1", 2, (2014, 3, 1), (2014, 3, 3)),
    (Bijeenkomst.Soort.BASISTRAINING, "Basistraining dag 2", 2, (2014, 3, 2), (2014, 3, 4)),
    (Bijeenkomst.Soort.UITWISSELING, "Uitwisseling 1", 1, (2014, 5, 2), (2014, 5, 4)),
    (Bijeenkomst.Soort.UITWISSELING, "Uitwisseling 2", 1, (2014, 6, 1), (2014, 6, 3)),
    (Bijeenkomst.Soort.VERDIEPING, "Verdiepingsbijeenkomst 1", 2, (2014, 9, 3), (2014, 10, 1)),
    (Bijeenkomst.Soort.UITWISSELING, "Uitwisseling 3", 1, (2014, 11, 1), (2014, 11, 3)),
    (Bijeenkomst.Soort.VERDIEPING, "Verdiepingsbijeenkomst 2", 2, (2015, 2, 2), (2015, 6, 2)),
    (Bijeenkomst.Soort.UITWISSELING, "Uitwisseling 4", 1, (2015, 4, 1), (2015, 4, 3)),
]
CJG_BIJEENKOMSTEN = [
    (Bijeenkomst.Soort.BASISTRAINING, "Basistraining dag 1 (CJG-teams)", 2, (2015, 3, 1)),
    (Bijeenkomst.Soort.BASISTRAINING, "Basistraining dag 2 (CJG-teams)", 2, (2015, 3, 2)),
    (Bijeenkomst.Soort.UITWISSELING, "Uitwisseling (CJG-teams)", 1, (2015, 5, 2)),
    (Bijeenkomst.Soort.VERDIEPING, "Verdiepingsbijeenkomst (CJG-teams)", 2, (2015, 10, 1)),
]
# Sessions for the whole trajectory: (soort, titel, datum, dagdelen, locatie, aantal aanwezig).
TRAJECTBIJEENKOMSTEN = [
    (
        Bijeenkomst.Soort.INFORMATIE,
        "Informatiebijeenkomst: keuze van de methoden",
        D(2014, 1, 14),
        1,
        "Groningen",
        None,
    ),
    (
        Bijeenkomst.Soort.INFORMATIE,
        "Informatiebijeenkomst: het implementatietraject",
        D(2014, 1, 28),
        1,
        "Groningen",
        None,
    ),
    (
        Bijeenkomst.Soort.START,
        "Startbijeenkomst Implementatie Wmo-werkplaats Noord",
        LEIDERS_VANAF,
        1,
        "Groningen",
        102,
    ),
    (Bijeenkomst.Soort.IMPLEMENTATIELEIDERS, "Workshop implementatie en borging", D(2014, 3, 20), 2, "Groningen", None),
    *[
        (Bijeenkomst.Soort.IMPLEMENTATIELEIDERS, "Bijeenkomst implementatieleiders", datum, 1, "Groningen", None)
        for datum in (D(2014, 6, 19), D(2014, 9, 18), D(2014, 12, 11), D(2015, 3, 19), D(2015, 6, 18))
    ],
    (
        Bijeenkomst.Soort.CONFERENTIE,
        "De praktijk van de Wmo in de regio. Afsluitende conferentie",
        D(2015, 12, 3),
        1,
        "Groningen",
        None,
    ),
]


@transaction.atomic
def laden() -> None:
    """Create the training records of the trajectory 2014-2015; if there are groups already, change nothing."""
    traject = Traject.objects.filter(werkplaats__naam=traject_demo.WERKPLAATS, naam=traject_demo.TRAJECT).first()
    if traject is None or Scholingsgroep.objects.filter(traject=traject).exists():
        return
    Bouwer(traject).bouwen()


class Bouwer:
    """Builds the records through the services; one instance per load."""

    def __init__(self, traject: Traject) -> None:
        self.traject = traject
        self.methoden = {m.naam: m for m in traject.methoden.all()}
        self.organisaties = {o.naam: o for o in Organisatie.objects.filter(werkplaats=traject.werkplaats)}
        self.deelnemers = itertools.count(1)
        self.collegas = itertools.count(1)
        self.groepen = {
            (methode, nummer): services.groep_opslaan(
                groep=Scholingsgroep(traject=traject, methode=self.methoden[methode], nummer=nummer, trainers=TRAINERS)
            )
            for methode in METHODEN
            for nummer in (1, 2)
        }
        self.cjg_groep = services.groep_opslaan(
            groep=Scholingsgroep(
                traject=traject,
                methode=self.methoden[TSHAPED],
                nummer=3,
                soort=Scholingsgroep.Soort.AANVULLEND,
                trainers=TRAINERS,
                geplande_omvang=sum(CJG_TEAMS.values()),
            )
        )
        self.ingeschreven = dict.fromkeys(METHODEN, 0)  # to alternate between group 1 and 2
        self.per_organisatie: dict[tuple[str, str], list[Inschrijving]] = {}

    def bouwen(self) -> None:
        for rij in ORGANISATIES:
            self.organisatie(rij)
        for organisatie, methode, datum, reden, toelichting, buddies in UITVAL:
            inschrijving = self.inschrijven(organisatie, methode)
            for _ in range(buddies):
                self.buddy(inschrijving, f"Collega {next(self.collegas):03d}", BUDDY_VANAF)
            services.deelnemer_afmelden(inschrijving=inschrijving, datum=datum, reden=reden, toelichting=toelichting)
        organisatie, methode, uitval, reden, terug = TERUGKEER
        eerste = self.per_organisatie[organisatie, methode][0]
        services.deelnemer_afmelden(inschrijving=eerste, datum=uitval, reden=reden)
        tweede = services.deelnemer_hervatten(inschrijving=eerste, datum=terug)
        afronden = (
            Inschrijving.objects.filter(
                groep__traject=self.traject,
                groep__soort=Scholingsgroep.Soort.REGULIER,
                status=Inschrijving.Status.ACTIEF,
            )
            .exclude(pk=tweede.pk)
            .exclude(persoon__organisatie__naam__in=DOORLOPEND)
            .select_related("persoon__organisatie", "groep__traject")
        )
        for inschrijving in afronden:
            services.scholing_afronden(inschrijving=inschrijving, datum=AFGEROND)
        self.cjg_teams()
        self.leiders()
        self.bijeenkomsten()

    def organisatie(self, rij: Rij) -> None:
        volgnummer = itertools.count()
        for methode, aantal in zip(METHODEN, rij.professionals, strict=True):
            for _ in range(aantal):
                inschrijving = self.inschrijven(rij.organisatie, methode)
                self.per_organisatie.setdefault((rij.organisatie, methode), []).append(inschrijving)
                self.buddies(inschrijving, rij.buddies, next(volgnummer))
        for methode, aantal in zip((GESPREK, TSHAPED), rij.ambtenaren, strict=True):
            for _ in range(aantal):
                self.inschrijven(rij.organisatie, methode, soort=Persoon.Soort.AMBTENAAR)

    def persoon(self, organisatie: str, naam: str, soort: str, functie: str = "") -> Persoon:
        return services.persoon_opslaan(
            persoon=Persoon(organisatie=self.organisaties[organisatie], naam=naam, soort=soort, functie=functie)
        )

    def inschrijven(self, organisatie: str, methode: str, soort: str = Persoon.Soort.PROFESSIONAL) -> Inschrijving:
        naam = f"Deelnemer {next(self.deelnemers):03d}"
        groep = self.groepen[methode, 1 + self.ingeschreven[methode] % 2]
        self.ingeschreven[methode] += 1
        functie = "Ambtenaar sociaal domein" if soort == Persoon.Soort.AMBTENAAR else ""
        persoon = self.persoon(organisatie, naam, soort, functie)
        return services.deelnemer_inschrijven(persoon=persoon, groep=groep, startdatum=START)

    def buddies(self, inschrijving: Inschrijving, stijl: Buddies, volgnummer: int) -> None:
        extra = 1 if stijl.soms_een_meer and (volgnummer + 1) % stijl.soms_een_meer == 0 else 0
        for _ in range(stijl.collegas + extra):
            self.buddy(inschrijving, f"Collega {next(self.collegas):03d}", BUDDY_VANAF)
        for _ in range(stijl.later):
            self.buddy(inschrijving, f"Collega {next(self.collegas):03d} (via een buddy)", D(2015, 1, 15))
        if stijl.team:
            services.buddy_toevoegen(
                inschrijving=inschrijving,
                naam=stijl.team_naam,
                vanaf=stijl.team_vanaf,
                is_team=True,
                aantal=stijl.team,
                is_schatting=stijl.team_schatting,
            )

    def buddy(self, inschrijving: Inschrijving, naam: str, vanaf: datetime.date) -> None:
        services.buddy_toevoegen(inschrijving=inschrijving, naam=naam, vanaf=vanaf)

    def cjg_teams(self) -> None:
        for organisatie, aantal in CJG_TEAMS.items():
            for _ in range(aantal):
                naam = f"Deelnemer {next(self.deelnemers):03d}"
                persoon = self.persoon(organisatie, naam, Persoon.Soort.PROFESSIONAL)
                inschrijving = services.deelnemer_inschrijven(
                    persoon=persoon, groep=self.cjg_groep, startdatum=CJG_START
                )
                services.scholing_afronden(inschrijving=inschrijving, datum=CJG_AFGEROND)

    def leiders(self) -> None:
        nummers = itertools.count(1)
        for rij in ORGANISATIES:
            for index, letter in enumerate(rij.leiders):
                functie = (
                    Implementatieleider.Functie.MANAGER if letter == "M" else Implementatieleider.Functie.STAFMEDEWERKER
                )
                persoon = self.persoon(
                    rij.organisatie, f"Leider {next(nummers):02d}", functie, functie.label.capitalize()
                )
                leider = services.implementatieleider_opslaan(
                    leider=Implementatieleider(
                        persoon=persoon, traject=self.traject, functie=functie, actief_vanaf=LEIDERS_VANAF
                    )
                )
                if (rij.organisatie, index) in VERTREK:
                    datum, reden, toelichting = VERTREK[rij.organisatie, index]
                    services.implementatieleider_stoppen(
                        leider=leider, datum=datum, reden=reden, toelichting=toelichting
                    )

    def bijeenkomsten(self) -> None:
        for soort, titel, datum, dagdelen, locatie, aantal in TRAJECTBIJEENKOMSTEN:
            self.bijeenkomst(None, soort, titel, datum, dagdelen, locatie, aantal)
        registers = []
        for dag, methode in enumerate(METHODEN):
            for nummer in (1, 2):
                groep = self.groepen[methode, nummer]
                for soort, titel, dagdelen, *weken in GROEPSBIJEENKOMSTEN:
                    datum = _dag(*weken[nummer - 1], dag)
                    bijeenkomst = self.bijeenkomst(groep, soort, titel, datum, dagdelen)
                    if titel == "Basistraining dag 1":
                        registers.append(bijeenkomst)
        for soort, titel, dagdelen, week in CJG_BIJEENKOMSTEN:
            bijeenkomst = self.bijeenkomst(self.cjg_groep, soort, titel, _dag(*week, 2), dagdelen, "CJG Winsum")
            if titel.startswith("Basistraining dag 1"):
                registers.append(bijeenkomst)
        for bijeenkomst in registers:  # a few registers; one in seven members was absent
            leden = services.leden_op(bijeenkomst)
            aanwezig = [inschrijving.pk for n, inschrijving in enumerate(leden) if n % 7 != 3]
            services.aanwezigheid_registreren(bijeenkomst=bijeenkomst, aanwezig=aanwezig)

    def bijeenkomst(self, groep, soort, titel, datum, dagdelen, locatie="Hanzehogeschool Groningen", aantal=None):
        return services.bijeenkomst_opslaan(
            bijeenkomst=Bijeenkomst(
                traject=self.traject,
                groep=groep,
                soort=soort,
                titel=titel,
                datum=datum,
                dagdelen=dagdelen,
                locatie=locatie,
                aantal_aanwezig=aantal,
            )
        )


def _dag(jaar: int, maand: int, week: int, dag: int) -> datetime.date:
    """The `week`-th Tuesday of the month, plus `dag` days (0 Tuesday, 1 Wednesday, 2 Thursday)."""
    eerste = D(jaar, maand, 1)
    dinsdag = eerste + datetime.timedelta(days=(1 - eerste.weekday()) % 7)
    return dinsdag + datetime.timedelta(days=7 * (week - 1) + dag)
