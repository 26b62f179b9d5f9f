"""The end report as one plain data object, built from the records of a trajectory at a peildatum.

`gegevens(rapport)` returns a JSON-serialisable dict: the HTML preview, the PDF and the CSV/XLSX of the
figures all render that same dict. Freezing a report stores the dict (without the narrative, which is
rendered from the current texts and the stored figures), so a frozen PDF does not change with the data.
Every count comes from `scholing.selectors.traject_cijfers`; nothing is counted again here.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import translation
from django.utils.text import slugify

from quickscan import charts as quickscan_charts
from quickscan import selectors as quickscan_selectors
from quickscan.models import Ronde
from scholing.selectors import TrajectCijfers, traject_cijfers
from trajecten.models import Deelname, Methode, Traject
from werkplaats.lib.datums import datum_lang, maandperiode
from werkplaats.models import Organisatie

from . import charts, markup
from .models import Disseminatie, Eindrapport, Onderwijsmodule, Plaatsing

# The report is a Dutch document: its dates and labels are Dutch whatever the request's language.
TAAL = "nl"

# The sections with editable narrative, in the order of the report, with their default text.
SECTIES = [
    ("voorwoord", "Voorwoord"),
    ("werkplaats", "1.1 De werkplaats"),
    ("implementatie", "1.2 Implementatie"),
    ("aanpak", "2 De aanpak van het implementatietraject"),
    ("proces", "3 Het implementatieproces"),
    ("scholing", "4.1 1. Scholing"),
    ("buddies", "4.1 2. Buddy's"),
    ("implementatieleiders", "4.1 3. Implementatieleiders"),
    ("vrijwilligers", "4.1 4. Vrijwilligers"),
    ("ambtenaren", "4.1 5. Ambtenaren/managers"),
    ("borging", "4.1 6. Borging"),
    ("onderwijs", "4.1 7. Initieel onderwijs"),
    ("beschrijving", "4.1 8. Beschrijving implementatietraject"),
    ("disseminatie", "4.1 9. Disseminatie"),
]

STANDAARDTEKSTEN = {
    "voorwoord": (
        "Voor u ligt het eindrapport van het project van de {{ werkplaats }}. Het eindrapport omvat de periode "
        "{{ periode_lang }}. Het bevat bijdragen van de betrokken medewerkers over de resultaten van het "
        "implementatietraject.\n\nDank gaat uit naar de participerende instellingen en gemeenten voor hun "
        "betrokkenheid en inzet:"
    ),
    "werkplaats": "{{ werkplaats_omschrijving }}",
    "implementatie": (
        "Implementatie is het systematisch en planmatig invoeren van bestaande kennis met als doel deze een "
        "structurele plaats te geven in het beroepsmatig handelen en/of het functioneren van een organisatie."
    ),
    "aanpak": (
        "De implementatie is opgehangen aan een beperkt aantal methoden die een centrale plaats innemen in de "
        "beoogde nieuwe werkwijzen. De deelnemende professionals werkten rond de methode samen met twee "
        "collega's, buddy's, aan wie zij het geleerde doorgaven, zodat een inktvlekproces zou ontstaan."
    ),
    "proces": "Het implementatieproces verliep van {{ start }} tot en met {{ einde }} in {{ fasen_aantal }} fasen.",
    "scholing": "In totaal zijn **{{ geschoold_totaal }}** in één of meer methoden geschoold.",
    "buddies": (
        "De deelnemers aan de scholing hadden minimaal twee buddy's in hun organisatie. Sommige deelnemers "
        "namen hun gehele team als buddy mee. In totaal zijn **{{ buddies_totaal }}** collega's als buddy in "
        "wisselende omvang meegenomen in het scholingstraject."
    ),
    "implementatieleiders": (
        "Deze groep telde oorspronkelijk {{ leiders_totaal }} deelnemers van {{ leiders_organisaties }} "
        "verschillende organisaties. Het aantal deelnemers is in de loop van het traject afgenomen, van "
        "{{ leiders_totaal }} tot {{ leiders_actief }} actieve deelnemers. Redenen:"
    ),
    "vrijwilligers": "Bij de trainingsmodules zijn {{ vrijwilligers }} vrijwilligers betrokken geweest.",
    "ambtenaren": "In totaal zijn er {{ ambtenaren_totaal }} ambtenaren geschoold in de betreffende onderwijsmodules.",
    "borging": "We zien wisselende resultaten.",
    "onderwijs": "De methoden hebben een plaats gekregen in het initieel onderwijs:",
    "beschrijving": "De drie implementatietrajecten zijn beschreven in:",
    "disseminatie": "De resultaten zijn via diverse kanalen verspreid:",
}

# Figures that a report may print with other wording than the computed value (with a note).
CORRIGEERBAAR = [
    "professionals_totaal",
    "geschoold_totaal",
    "buddies_totaal",
    "leiders_totaal",
    "leiders_organisaties",
    "leiders_actief",
    "vrijwilligers",
    "ambtenaren_totaal",
    "organisaties_geschoold",
]


def _iso(dag: datetime.date | None) -> str | None:
    return dag.isoformat() if dag else None


def voorwoord_organisaties(deelnames: list[Deelname]) -> list[str]:
    """Municipalities first, then institutions, and the CJGs combined on one line, as in the voorwoord."""
    gemeenten = sorted((d.organisatie for d in deelnames if d.organisatie.soort == Organisatie.Soort.GEMEENTE), key=str)
    cjgs = sorted((d.organisatie for d in deelnames if d.organisatie.soort == Organisatie.Soort.CJG), key=str)
    overig = sorted(
        (
            d.organisatie
            for d in deelnames
            if d.organisatie.soort not in (Organisatie.Soort.GEMEENTE, Organisatie.Soort.CJG)
        ),
        key=lambda o: o.naam.lower().removeprefix("de ").removeprefix("het "),
    )
    regels = [o.naam for o in gemeenten + overig]
    if cjgs:
        regels.append("CJG's " + ", ".join(o.naam.removeprefix("CJG ") for o in cjgs))
    return regels


def _methode_code(methode: Methode) -> str:
    return slugify(methode.korte_naam).replace("-", "_")


def _figuren(traject: Traject, cijfers: TrajectCijfers) -> dict[str, object]:
    """The report's figures: the values its {{ placeholders }} and overrides name."""
    with translation.override(TAAL):
        periode_lang = " – ".join(datum_lang(d) for d in (traject.startdatum, traject.einddatum))
    figuren: dict[str, object] = {
        "werkplaats": traject.werkplaats.naam,
        "werkplaats_omschrijving": traject.werkplaats.omschrijving,
        "start": f"{traject.startdatum:%d-%m-%Y}",
        "einde": f"{traject.einddatum:%d-%m-%Y}",
        "periode": f"{traject.startdatum.year}-{traject.einddatum.year}",
        "periode_lang": periode_lang,
        "fasen_aantal": traject.fasen.count(),
        "professionals_totaal": cijfers.professionals_totaal,
        "organisaties_geschoold": cijfers.organisaties_geschoold,
        "geschoold_totaal": cijfers.geschoold_totaal,
        "aanvullend_totaal": cijfers.aanvullend_totaal,
        "buddies_totaal": cijfers.buddies_totaal,
        "leiders_totaal": cijfers.leiders_totaal,
        "leiders_organisaties": cijfers.leiders_organisaties,
        "leiders_actief": cijfers.leiders_actief,
        "vrijwilligers": cijfers.vrijwilligers,
        "ambtenaren_totaal": cijfers.ambtenaren_totaal,
        "streef_professionals": cijfers.streefwaarden.get("professionals"),
        "streef_buddies_per_deelnemer": cijfers.streefwaarden.get("buddies_per_deelnemer"),
        "streef_buddies_totaal": cijfers.buddies_streefwaarde_totaal,
        "streef_implementatieleiders": cijfers.streefwaarden.get("implementatieleiders"),
        "streef_vrijwilligers": cijfers.streefwaarden.get("vrijwilligers"),
        "streef_ambtenaren": cijfers.streefwaarden.get("ambtenaren"),
        "startbijeenkomst_aantal": cijfers.grootste_bijeenkomst.aantal_aanwezig
        if cijfers.grootste_bijeenkomst
        else None,
    }
    for m in cijfers.methoden:
        figuren[f"professionals_{_methode_code(m.methode)}"] = m.professionals
        figuren[f"organisaties_{_methode_code(m.methode)}"] = m.organisaties
    return figuren


def figuren(rapport: Eindrapport) -> tuple[dict[str, object], dict[str, object]]:
    """(computed, printed) figures of a report, without building its charts and annexes."""
    if rapport.bevroren_gegevens:
        berekend = dict(rapport.bevroren_gegevens["figuren"])
    else:
        berekend = _figuren(rapport.traject, traject_cijfers(rapport.traject, rapport.peildatum))
    gedrukt = dict(berekend)
    if rapport.pk is not None:
        gedrukt.update({c.sleutel: c.waarde for c in rapport.correcties.all()})
    return berekend, gedrukt


def berekenen(traject: Traject, peildatum: datetime.date) -> dict[str, Any]:
    """Everything of the report that comes from the records (the part a freeze stores)."""
    with translation.override(TAAL):
        cijfers = traject_cijfers(traject, peildatum)
        deelnames = list(
            Deelname.objects.filter(traject=traject, vanaf__lte=peildatum).select_related("organisatie").order_by("pk")
        )
        figuren = _figuren(traject, cijfers)
        methoden = []
        for m in cijfers.methoden:
            methoden.append(
                {
                    "code": _methode_code(m.methode),
                    "naam": m.methode.alias("eindrapport 4.1"),
                    "naam_beschrijving": m.methode.alias("eindrapport 2.3"),
                    "naam_doel": m.methode.alias("eindrapport 1.3"),
                    "korte_naam": m.methode.korte_naam,
                    "omschrijving": m.methode.omschrijving,
                    "kenmerken": m.methode.kenmerken_lijst,
                    "professionals": m.professionals,
                    "organisaties": m.organisaties,
                    "gemeenten": m.gemeenten,
                    "groepen": m.groepen,
                    "ambtenaren": m.ambtenaren,
                    "streefwaarde": m.streefwaarde,
                    "streefwaarde_ambtenaren": m.streefwaarde_ambtenaren,
                    "aanvullend": m.aanvullend,
                    "aanvullend_organisaties": m.aanvullend_organisaties,
                }
            )
        fasen = [
            {
                "nummer": f.nummer,
                "naam": f.naam,
                "label": f.label or f.get_theorie_display(),
                "maanden": f.maanden_tekst or maandperiode(f.startmaand, f.eindmaand),
                "start": _iso(f.startmaand),
                "eind": _iso(f.eindmaand),
                "omschrijving": f.omschrijving,
            }
            for f in traject.fasen.all()
        ]
        borging = defaultdict(list)
        for d in deelnames:
            if d.borging:
                borging[d.get_borging_display()].append({"naam": d.organisatie.naam, "url": d.bewijs_url})
        return {
            "traject": traject.naam,
            "peildatum": peildatum.isoformat(),
            "peildatum_tekst": datum_lang(peildatum),
            "figuren": figuren,
            "organisaties_voorwoord": voorwoord_organisaties(deelnames),
            "organisaties_later": [d.organisatie.naam for d in deelnames if d.later_ingestapt],
            "doelen": traject.doelen,
            "activiteiten": traject.activiteitenlijst,
            "methoden": methoden,
            "aangeboden": [m.alias("eindrapport 2.2") for m in traject.methoden_aangeboden.all()],
            "fasen": fasen,
            "fasen_svg": charts.fasen_svg(fasen),
            "organisaties_per_aantal_methoden": [
                [n, orgs] for n, orgs in cijfers.organisaties_per_aantal_methoden.items()
            ],
            "leiders_redenen": [[reden, n] for reden, n in cijfers.leiders_redenen],
            "leiders_functies": cijfers.leiders_functies,
            "borging": [[status, orgs] for status, orgs in borging.items()],
            "doelen_tabel": [
                {
                    "label": d.label,
                    "streefwaarde": d.streefwaarde,
                    "gerealiseerd": d.gerealiseerd,
                    "formulering": d.formulering,
                }
                for d in cijfers.doelen
            ],
            "bijlagen": _bijlagen(traject),
            "quickscans": _quickscans(traject, peildatum),
        }


def _bijlagen(traject: Traject) -> dict[str, Any]:
    items = list(
        Disseminatie.objects.filter(traject=traject, actief=True)
        .prefetch_related("programma")
        .order_by("bijlage", "datum", "jaar", "pk")
    )

    def item(d: Disseminatie) -> dict[str, Any]:
        return {
            "soort": d.get_soort_display(),
            "titel": d.titel,
            "auteurs": d.auteurs,
            "rubriek": d.rubriek,
            "datum": datum_lang(d.datum) if d.datum else "",
            "datum_iso": _iso(d.datum) or "",
            "jaar": d.jaar or (d.datum.year if d.datum else None),
            "evenement": d.evenement,
            "plaats": d.plaats,
            "uitgever": d.uitgever,
            "boektitel": d.boektitel,
            "redactie": d.redactie,
            "url": d.url,
            "status": d.get_status_display() if d.status != Disseminatie.Status.VERSCHENEN else "",
            "omschrijving": d.omschrijving,
            "programma": [
                {
                    "soort": p.get_soort_display(),
                    "code": p.soort,
                    "nummer": p.nummer,
                    "titel": p.titel,
                    "sprekers": p.sprekers,
                }
                for p in d.programma.all()
                if p.actief
            ],
        }

    per_bijlage: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    kanalen: defaultdict[str, int] = defaultdict(int)
    for d in items:
        per_bijlage[d.bijlage].append(item(d))
        kanalen[d.get_soort_display()] += 1
    modules = list(
        Onderwijsmodule.objects.filter(traject=traject, actief=True).select_related("methode").order_by("naam")
    )
    plaatsingen = defaultdict(list)
    for p in Plaatsing.objects.filter(module__in=modules, actief=True).order_by("jaar", "pk"):
        plaatsingen[p.module_id].append(
            {
                "opleiding": p.opleiding,
                "jaar": p.jaar,
                "vorm": p.get_vorm_display(),
                "startjaar": p.startjaar,
                "status": p.get_status_display(),
                "toelichting": p.toelichting,
            }
        )
    # Bijlage 2 as printed: the conferences, the Wmo-atelier, then per presenter per year.
    eerst = {"Conferenties": 0, "Wmo-atelier": 1}
    presentaties = sorted(
        per_bijlage.get(Disseminatie.Bijlage.PRESENTATIES, []),
        key=lambda p: (eerst.get(p["rubriek"], 2), p["rubriek"], p["jaar"] or 0, p["datum_iso"]),
    )
    return {
        "publicaties": per_bijlage.get(Disseminatie.Bijlage.PUBLICATIES, []),
        "presentaties": presentaties,
        "poster": per_bijlage.get(Disseminatie.Bijlage.POSTER, []),
        "nieuwsbrief": per_bijlage.get(Disseminatie.Bijlage.NIEUWSBRIEF, []),
        "hoofdstukken": [item(d) for d in items if d.soort == Disseminatie.Soort.HOOFDSTUK],
        "kanalen": sorted(kanalen.items()),
        "onderwijs": [
            {
                "naam": m.naam,
                "methode": m.methode.korte_naam if m.methode else "",
                "plaatsingen": plaatsingen.get(m.pk, []),
            }
            for m in modules
        ],
    }


def _quickscans(traject: Traject, peildatum: datetime.date) -> dict[str, Any]:
    """The quickscan annex: per organisation the progress chart of its last two rounds, and the heatmap."""
    rondes = quickscan_selectors.rondes_met_scores(
        Ronde.objects.afgerond()
        .filter(organisatie__deelnames__traject=traject, datum__lte=peildatum)
        .order_by("organisatie__naam", "afdeling_id", "datum", "pk")
    )
    reeksen: dict[tuple[int, int | None], list[Ronde]] = defaultdict(list)
    for ronde in rondes:
        reeksen[(ronde.organisatie_id, ronde.afdeling_id)].append(ronde)
    grafieken = []
    for reeks in reeksen.values():
        eerste, tweede = (reeks[-2], reeks[-1]) if len(reeks) > 1 else (reeks[-1], None)
        elementen = quickscan_selectors.grafiekelementen(eerste.instrument)
        nummers = {r.pk: i for i, r in enumerate(reeks, start=1)}
        scores_eerste = quickscan_selectors.scores_per_code(eerste)
        scores_tweede = quickscan_selectors.scores_per_code(tweede) if tweede else {}
        svg = quickscan_charts.voortgang_svg(
            elementen,
            quickscan_selectors.chart_ronde(eerste, nummers[eerste.pk]),
            quickscan_selectors.chart_ronde(tweede, nummers[tweede.pk]) if tweede else None,
            kop={
                "afdeling": eerste.plek,
                "naam": (tweede or eerste).ingevuld_door,
                "functie": (tweede or eerste).functie,
            },
            norm=eerste.instrument.norm,
        )
        grafieken.append(
            {
                "organisatie": eerste.organisatie.naam,
                "plek": eerste.plek,
                "illustratief": any(r.illustratief for r in reeks),
                "svg": svg,
                "scores": [[e.label, scores_eerste.get(e.code), scores_tweede.get(e.code)] for e in elementen],
                "datums": [
                    datum_lang(eerste.datum),
                    datum_lang(tweede.datum) if tweede else "",
                ],
            }
        )
    organisaties = Organisatie.objects.filter(deelnames__traject=traject)
    kolommen, rijen = quickscan_selectors.overzicht(organisaties)
    rijen = [r for r in rijen if r.ronde.datum <= peildatum]
    return {
        "grafieken": grafieken,
        "heatmap_svg": quickscan_selectors.heatmap_svg(kolommen, rijen) if rijen else "",
    }


def gegevens(rapport: Eindrapport) -> dict[str, Any]:
    """The whole report object: the stored (frozen) or freshly computed data, overrides and narrative."""
    data = rapport.bevroren_gegevens or berekenen(rapport.traject, rapport.peildatum)
    berekend = dict(data["figuren"])
    figuren = dict(berekend)
    correcties = []
    opgeslagen = rapport.pk is not None  # an unsaved report (the command at another date) has no texts
    for correctie in rapport.correcties.all() if opgeslagen else []:
        figuren[correctie.sleutel] = correctie.waarde
        correcties.append(
            {
                "sleutel": correctie.sleutel,
                "berekend": berekend.get(correctie.sleutel),
                "waarde": correctie.waarde,
                "toelichting": correctie.toelichting,
            }
        )
    teksten = {t.sectie: t.tekst for t in rapport.teksten.all()} if opgeslagen else {}
    secties = {
        sleutel: markup.render(teksten.get(sleutel, STANDAARDTEKSTEN[sleutel]), figuren) for sleutel, _titel in SECTIES
    }
    return {
        **data,
        "figuren": figuren,
        "berekend": berekend,
        "correcties": correcties,
        "secties": secties,
        "meta": {
            "titel": rapport.titel,
            "werkplaats": rapport.traject.werkplaats.naam,
            "hogeschool": rapport.traject.werkplaats.hogeschool,
            "lectoraat": rapport.traject.werkplaats.lectoraat,
            "periode": berekend.get("periode", ""),
            "auteurs": rapport.auteurs_lijst,
            "auteurs_namen": _namen(rapport.auteurs_lijst),
            "colofon": rapport.colofon,
            "plaats_datum": rapport.plaats_datum,
            "bevroren_op": rapport.bevroren_op.isoformat() if rapport.bevroren_op else None,
        },
    }


def _namen(auteurs: list[str]) -> str:
    """'Lies Korevaar en Ferry Wester' from 'Lies Korevaar, projectleider' lines."""
    namen = [regel.split(",")[0].strip() for regel in auteurs]
    return " en ".join([", ".join(namen[:-1]), namen[-1]]) if len(namen) > 1 else "".join(namen)
