"""Targets per element and suggestions for the action plan: the reads (issue 16).

When a round is submitted the team sets a target per element for the next round (`Score.doel`, default
`standaard_doel`). The next round of the series says per element whether it was reached: `doel_status`, the one rule,
used by the round's page, the entry form and the end report alike. An element that scores below the norm or below its
target (`aandacht_nodig`) gets the suggestions of its instrument (`Suggestie`) on the action form (`suggesties_voor`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .models import Element, Ronde, Suggestie


class DoelStatus:
    BEREIKT = "bereikt"
    NIET_BEREIKT = "niet_bereikt"
    NIET_GESCOORD = "niet_gescoord"

    LABELS = {
        BEREIKT: _("doel bereikt"),
        NIET_BEREIKT: _("doel niet bereikt"),
        NIET_GESCOORD: _("niet gescoord"),
    }


def doel_status(score: int | None, doel: int | None) -> str | None:
    """The one rule for a target: reached when the score is at least the target, not reached below it, and "not scored"
    when the element has no score this time. None when no target was set."""
    if doel is None:
        return None
    if score is None:
        return DoelStatus.NIET_GESCOORD
    return DoelStatus.BEREIKT if score >= doel else DoelStatus.NIET_BEREIKT


def standaard_doel(score: int | None, norm: int) -> int:
    """The target a submission proposes: the norm, or the current score when that is higher."""
    return norm if score is None else max(score, norm)


def aandacht_nodig(score: int | None, doel: int | None, norm: int) -> bool:
    """An element the action plan works on: scored, and below the norm or below its target."""
    return score is not None and (score < norm or (doel is not None and score < doel))


def doelen_per_code(ronde: Ronde) -> dict[str, int]:
    """The targets the round set for the next one, per element code (elements without a target left out)."""
    return {score.element.code: score.doel for score in ronde.scores.all() if score.doel is not None}


@dataclass
class ElementSuggesties:
    element: Element
    score: int | None
    doel: int | None
    suggesties: list[Suggestie] = field(default_factory=list)

    @property
    def onder_norm(self) -> bool:
        return self.score is not None and self.score < self.element.instrument.norm


def suggesties_voor(ronde: Ronde) -> list[ElementSuggesties]:
    """Per element of the round that needs attention (`aandacht_nodig`), the active suggestions of its instrument
    that fit its score (`Suggestie.geldt_voor`), in the elements' order. Two queries, whatever the number of
    suggestions."""
    norm = ronde.instrument.norm
    scores = [
        score
        for score in ronde.scores.select_related("element__instrument").order_by("element__volgorde")
        if aandacht_nodig(score.score, score.doel, norm)
    ]
    if not scores:
        return []
    per_element: dict[int, list[Suggestie]] = {score.element_id: [] for score in scores}
    for suggestie in Suggestie.objects.actief().filter(element_id__in=per_element):
        per_element[suggestie.element_id].append(suggestie)
    result = []
    for score in scores:
        passend = [s for s in per_element[score.element_id] if s.geldt_voor(score.score, norm)]
        if passend:
            result.append(ElementSuggesties(score.element, score.score, score.doel, passend))
    return result
