"""Panels that other apps contribute to core pages, so the core imports none of them.

An app registers, in its AppConfig.ready(), a function that returns a dict with a `template` key (the
template to include) and whatever that template needs, or None for nothing to show:
- `home_panels`: `panel(request) -> dict | None`, shown on the home page;
- `organisatie_panels`: `panel(request, organisatie) -> dict | None`, shown on an organisation's page;
- `traject_panels`: `panel(request, traject) -> dict | None`, shown on a trajectory's page (`trajecten`). A
  panel whose dict says `"plek": "kop"` is shown among the buttons at the top of the page, any other as a
  section below the page's own.

Panels appear in the order of INSTALLED_APPS (the order in which the apps register them).

`account_inzage` does the same for a person's access export (AVG art. 15, `scholing/privacy.py`): an app that keeps
something about an account registers an `InzageDeel` (its key, its title, the models it covers, and a function
`account -> rows`), so the export covers it without scholing importing that app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class Registry:
    def __init__(self) -> None:
        self._panels: list[Callable[..., dict | None]] = []

    def register(self, panel: Callable[..., dict | None]) -> Callable[..., dict | None]:
        if panel not in self._panels:
            self._panels.append(panel)
        return panel

    def render(self, *args) -> list[dict]:
        return [result for panel in self._panels if (result := panel(*args))]


home_panels = Registry()
organisatie_panels = Registry()
traject_panels = Registry()


@dataclass(frozen=True)
class InzageDeel:
    sleutel: str  # the key of this part in the export
    titel: Any  # its heading on the page (a lazy translation)
    modellen: tuple[str, ...]  # the labels of the models it covers
    rijen: Callable[[Any], list[dict[str, Any]]]  # account -> rows, each a plain dict (JSON-serialisable)


class InzageRegistry:
    def __init__(self) -> None:
        self._delen: dict[str, InzageDeel] = {}

    def register(self, deel: InzageDeel) -> InzageDeel:
        self._delen[deel.sleutel] = deel
        return deel

    def __iter__(self):
        return iter(self._delen.values())


account_inzage = InzageRegistry()
