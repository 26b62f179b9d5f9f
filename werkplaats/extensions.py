"""Panels that other apps contribute to core pages, so the core imports none of them.

An app registers, in its AppConfig.ready(), a function that returns a dict with a `template` key (the
template to include) and whatever that template needs, or None for nothing to show:
- `home_panels`: `panel(request) -> dict | None`, shown on the home page;
- `organisatie_panels`: `panel(request, organisatie) -> dict | None`, shown on an organisation's page;
- `traject_panels`: `panel(request, traject) -> dict | None`, shown on a trajectory's page (`trajecten`). A
  panel whose dict says `"plek": "kop"` is shown among the buttons at the top of the page, any other as a
  section below the page's own.

Panels appear in the order of INSTALLED_APPS (the order in which the apps register them).
"""

from __future__ import annotations

from collections.abc import Callable


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
