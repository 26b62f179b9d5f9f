"""Charts drawn side by side: what a large report asks for and is not cached, drawn in worker processes at once.

A large end report draws one chart per organisation (350 of them at 60 ms each, when none is cached). Inside
`tegelijk_getekend(maak)`, `gecached` does not draw a missing chart but hands back a stand-in and notes the call
(`grafieken.UITSTELLEN`); when `maak()` is done the notes are drawn, in `werkers` processes (werkplaats/lib/werkers.py)
when there are at least `vanaf` of them, else here one by one, cached as `gecached` would (`grafieken.bewaren`), and
put in the place of their stand-ins in what `maak()` returned. The same charts, byte for byte: a chart is a pure
function of its arguments and the language, and a worker draws it with the same function in the same language.

    data = grafieken_tegelijk.tegelijk_getekend(lambda: berekenen(traject, peildatum), werkers=2)

**Beside the caller** (`naast_getekend`): a PDF needs its charts only when WeasyPrint lays out the pages with them,
so a report of a few charts need not wait for them. The first chart that is not cached starts a child process,
forked from this one (Django, the chart code and their data are already in its memory), which draws the charts on the
other core while this process computes the rest, renders the HTML and starts WeasyPrint; the HTML names each chart by
its stand-in (`grafiek:<merk>:<sleutel>`), and WeasyPrint's URL fetcher (`Naast.svg`) waits for it there. Forked only
from a single-threaded process (a sync web worker, a Celery worker's child, a command), where no other thread can hold
a lock the child would need; elsewhere (a threaded server) every chart is drawn at once, as `tegelijk_getekend` does.

    data, naast = grafieken_tegelijk.naast_getekend(lambda: berekenen(traject, peildatum))
    with naast:
        html = render(data)                       # stand-ins where the charts go
        pdf = HTML(string=html, url_fetcher=...)  # naast.svg(stand_in) when WeasyPrint asks for a chart
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import signal
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError
from types import TracebackType
from typing import IO, Any, TypeVar, cast

from django.utils import translation

from . import grafieken
from . import werkers as werkerpool

T = TypeVar("T")
# From this many charts to draw on, workers are worth their start (Python, Django and matplotlib: about 1.5 s).
VANAF = 60


def _tekenen(module: str, naam: str, taal: str | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """One chart, in a worker: the undecorated drawing function, in the language the caller drew in."""
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    functie = getattr(importlib.import_module(module), naam)
    functie = getattr(functie, "__wrapped__", functie)
    with translation.override(taal):
        svg: str = functie(*args, **kwargs)
    return svg


def _invullen(waarde: Any, svgs: dict[str, str]) -> Any:
    """`waarde` with every stand-in replaced by its chart (dicts, lists and tuples walked through)."""
    if isinstance(waarde, str):
        return svgs.get(waarde, waarde)
    if isinstance(waarde, dict):
        return {sleutel: _invullen(w, svgs) for sleutel, w in waarde.items()}
    if isinstance(waarde, list):
        return [_invullen(w, svgs) for w in waarde]
    if isinstance(waarde, tuple):
        return tuple(_invullen(w, svgs) for w in waarde)
    return waarde


def tegelijk_getekend(maak: Callable[[], T], *, werkers: int, vanaf: int = VANAF) -> T:
    """What `maak()` returns, its missing charts drawn afterwards, side by side from `vanaf` of them on."""
    merk = uuid.uuid4().hex  # no text of the report can be a stand-in by chance
    opdrachten: dict[str, tuple[Callable[..., str], tuple[Any, ...], dict[str, Any], str | None]] = {}

    def uitstellen(sleutel: str, functie: Callable[..., str], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
        opdrachten.setdefault(sleutel, (functie, args, kwargs, translation.get_language()))
        return f"grafiek:{merk}:{sleutel}"

    token = grafieken.UITSTELLEN.set(uitstellen)
    try:
        uitkomst = maak()
    finally:
        grafieken.UITSTELLEN.reset(token)
    if not opdrachten:
        return uitkomst
    getekend: dict[str, str] = {}
    if len(opdrachten) >= vanaf and werkers > 1:
        with werkerpool.Pool(werkers) as pool:
            taken = {
                sleutel: pool.submit(_tekenen, functie.__module__, functie.__qualname__, taal, args, kwargs)
                for sleutel, (functie, args, kwargs, taal) in opdrachten.items()
            }
            getekend = {sleutel: taak.result() for sleutel, taak in taken.items()}
    else:
        for sleutel, (functie, args, kwargs, taal) in opdrachten.items():
            with translation.override(taal):
                getekend[sleutel] = functie(*args, **kwargs)
    for sleutel, svg in getekend.items():
        grafieken.bewaren(sleutel, svg)
    return cast(T, _invullen(uitkomst, {f"grafiek:{merk}:{sleutel}": svg for sleutel, svg in getekend.items()}))


# --- Beside the caller: a forked child draws while this process goes on -----------------------------------------

PLAATSHOUDER = "grafiek:"  # how every stand-in begins (a drawn chart begins with "<svg")
# Seconds to wait for the child's chart (one takes a tenth of a second): after that this process draws it itself, and
# a child that has not ended by then is stopped.
WACHTTIJD = 60.0


def is_plaatshouder(waarde: object) -> bool:
    return isinstance(waarde, str) and waarde.startswith(PLAATSHOUDER)


def _kan_vorken() -> bool:
    """Fork only from a single-threaded process, with a second core to draw on."""
    return hasattr(os, "fork") and threading.active_count() == 1 and (os.cpu_count() or 1) > 1


def _kind(opdrachten: IO[bytes], uitkomsten: IO[bytes]) -> None:
    """The child's loop: a job (key, function's module and name, language, arguments) in, (key, SVG or error) out,
    until the parent closes the jobs' pipe. Only our own process is on the other end of the pipes (the framing of
    werkplaats/lib/werkers.py)."""
    while True:
        try:
            sleutel, module, naam, taal, args, kwargs = werkerpool.lezen(opdrachten)
        except EOFError:
            return
        try:
            werkerpool.schrijven(uitkomsten, (sleutel, _tekenen(module, naam, taal, args, kwargs), None))
        except Exception as fout:  # the parent draws this one itself
            werkerpool.schrijven(uitkomsten, (sleutel, None, f"{type(fout).__name__}: {fout}"))


class Naast:
    """Charts being drawn beside this process: `svg(plaatshouder)` waits for one, `invullen` for all in a value.

    The first `vanaf` charts go to the forked child one by one as they are asked for; a report that asks for more
    (one chart per organisation) has the rest drawn in `werkers` processes when `maak()` is done, as
    `tegelijk_getekend` draws them."""

    def __init__(self, merk: str, *, vorken: bool, werkers: int, vanaf: int) -> None:
        self.merk = merk
        self.voorvoegsel = f"{PLAATSHOUDER}{merk}:"  # of this report's stand-ins: the mark, then the chart's key
        self.vorken = vorken
        self.werkers = werkers
        self.vanaf = vanaf
        self.opdrachten: dict[str, tuple[Callable[..., str], tuple[Any, ...], dict[str, Any], str | None]] = {}
        self._taken: dict[str, Future[str]] = {}  # key -> its chart, once the child (or the workers) drew it
        self._bewaard: set[str] = set()
        self._pid: int | None = None
        self._naar_kind: IO[bytes] | None = None
        self.wachttijd = WACHTTIJD
        self._opgegeven = False  # the child kept us waiting past `wachttijd`
        self._lezer: threading.Thread | None = None

    def uitstellen(
        self, sleutel: str, functie: Callable[..., str], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> str:
        """`grafieken.UITSTELLEN`'s callback: note the chart, hand it to the child, return its stand-in."""
        if sleutel not in self.opdrachten:
            taal = translation.get_language()
            self.opdrachten[sleutel] = (functie, args, kwargs, taal)
            if self.vorken and len(self._taken) < self.vanaf:
                if self._pid is None:
                    self._starten()
                taak: Future[str] = Future()
                self._taken[sleutel] = taak
                try:
                    assert self._naar_kind is not None
                    werkerpool.schrijven(
                        self._naar_kind, (sleutel, functie.__module__, functie.__qualname__, taal, args, kwargs)
                    )
                except (OSError, pickle.PicklingError, AttributeError, TypeError):  # the child is gone, or the job
                    taak.set_result("")  # cannot travel: this process draws it (`_getekend`)
        return f"{self.voorvoegsel}{sleutel}"

    def _starten(self) -> None:
        opdrachten_lezen, opdrachten_schrijven = os.pipe()
        uitkomsten_lezen, uitkomsten_schrijven = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: draw, then leave without running the parent's exit handlers or finalizers
            code = 0
            try:
                os.close(opdrachten_schrijven)
                os.close(uitkomsten_lezen)
                _kind(os.fdopen(opdrachten_lezen, "rb"), os.fdopen(uitkomsten_schrijven, "wb"))
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(opdrachten_lezen)
        os.close(uitkomsten_schrijven)
        self._pid, self._naar_kind = pid, os.fdopen(opdrachten_schrijven, "wb")
        self._lezer = threading.Thread(target=self._ontvangen, args=(uitkomsten_lezen,), daemon=True)
        self._lezer.start()

    def _ontvangen(self, fd: int) -> None:
        """The reader thread: the child's charts into their futures, until the child closes its end."""
        kanaal = os.fdopen(fd, "rb")
        try:
            while True:
                try:
                    sleutel, svg, fout = werkerpool.lezen(kanaal)
                except (EOFError, OSError):
                    return
                taak = self._taken.get(sleutel)
                if taak is not None and not taak.done():
                    taak.set_result(svg if fout is None else "")
        finally:
            kanaal.close()
            for taak in list(self._taken.values()):  # what the child did not draw, this process draws (`_getekend`)
                if not taak.done():
                    taak.set_result("")

    def rest_tekenen(self) -> None:
        """The charts beyond the child's first `vanaf`, in `werkers` processes when there are at least `vanaf` of
        them (else each is drawn here when it is asked for)."""
        rest = [sleutel for sleutel in self.opdrachten if sleutel not in self._taken]
        if len(rest) < self.vanaf or self.werkers < 2:
            return
        with werkerpool.Pool(self.werkers) as pool:
            taken = {}
            for sleutel in rest:
                functie, args, kwargs, taal = self.opdrachten[sleutel]
                taken[sleutel] = pool.submit(_tekenen, functie.__module__, functie.__qualname__, taal, args, kwargs)
            for sleutel, taak in taken.items():
                klaar: Future[str] = Future()
                klaar.set_result(taak.result())
                self._taken[sleutel] = klaar

    def _getekend(self, sleutel: str) -> str:
        taak = self._taken.get(sleutel)
        try:
            # "" when the child could not draw it; once it kept us waiting, only what it has finished is taken.
            wachten = 0.0 if self._opgegeven else self.wachttijd
            svg = taak.result(timeout=wachten) if taak is not None else ""
        except TimeoutError:  # a child that hangs does not hold the request: this process draws it
            self._opgegeven = True
            svg = ""
        if not svg:
            functie, args, kwargs, taal = self.opdrachten[sleutel]
            with translation.override(taal):
                svg = functie(*args, **kwargs)
        if sleutel not in self._bewaard:
            self._bewaard.add(sleutel)
            grafieken.bewaren(sleutel, svg)
        return svg

    def samen_tekenen(self) -> None:
        """Every chart drawn, this process helping the child when it has nothing else to do (a report in parts waits
        for all its charts before its parts are rendered): it draws from the last chart back while the child goes on
        from the first, until they meet (at most one chart is drawn by both)."""
        for sleutel in reversed(list(self._taken)):
            taak = self._taken[sleutel]
            if taak.done():  # the child draws in order: it has got this far
                break
            functie, args, kwargs, taal = self.opdrachten[sleutel]
            with translation.override(taal):
                svg = functie(*args, **kwargs)
            with contextlib.suppress(InvalidStateError):  # the child was just done with it too
                taak.set_result(svg)

    def svg(self, plaatshouder: str) -> str:
        """The chart a stand-in stands for, once drawn."""
        return self._getekend(plaatshouder.removeprefix(self.voorvoegsel))

    def afbeelding(self, url: str) -> str | None:
        """For WeasyPrint's URL fetcher (werkplaats.lib.pdf): the chart of a stand-in, None for any other URL."""
        return self.svg(url) if url.startswith(self.voorvoegsel) else None

    def plaatshouders(self) -> list[str]:
        return [f"{self.voorvoegsel}{sleutel}" for sleutel in self.opdrachten]

    def invullen(self, waarde: T) -> T:
        """`waarde` (a value walked through, or a text such as the HTML) with every stand-in replaced by its chart."""
        svgs = {plaatshouder: self.svg(plaatshouder) for plaatshouder in self.plaatshouders()}
        if isinstance(waarde, str):
            tekst: str = waarde
            for plaatshouder, svg in svgs.items():
                tekst = tekst.replace(plaatshouder, svg)
            return cast(T, tekst)
        return cast(T, _invullen(waarde, svgs))

    def sluiten(self, *, tekenen: bool = True) -> None:
        """Every chart drawn (and cached), the child ended; `tekenen=False` (after an error): only the child ended."""
        for sleutel in self.opdrachten if tekenen else ():
            self._getekend(sleutel)
        if self._naar_kind is not None:
            with contextlib.suppress(OSError):  # a child already gone
                self._naar_kind.close()  # the child sees the end of its jobs and leaves
            self._naar_kind = None
        if self._pid is not None and (not tekenen or all(taak.done() for taak in self._taken.values())):
            # Nothing the child could still draw is needed (this process drew the rest, or an error came): it need
            # not finish.
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        if self._lezer is not None:
            self._lezer.join(timeout=self.wachttijd)
            if self._lezer.is_alive() and self._pid is not None:  # a child that hangs is stopped
                os.kill(self._pid, signal.SIGKILL)
                self._lezer.join()
            self._lezer = None
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> Naast:
        return self

    def __exit__(
        self, soort: type[BaseException] | None, fout: BaseException | None, spoor: TracebackType | None
    ) -> None:
        self.sluiten(tekenen=fout is None)


def naast_getekend(
    maak: Callable[[], T], *, werkers: int, vanaf: int = VANAF, vorken: bool | None = None
) -> tuple[T, Naast]:
    """What `maak()` returns with a stand-in for every chart it asked for and was not cached, and the `Naast` that
    draws them: in a forked child (`vorken`; by default when this process may fork, `_kan_vorken`), else in this
    process when one is asked for. Use the `Naast` as a context manager: leaving it waits for the child."""
    naast = Naast(uuid.uuid4().hex, vorken=_kan_vorken() if vorken is None else vorken, werkers=werkers, vanaf=vanaf)
    token = grafieken.UITSTELLEN.set(naast.uitstellen)
    try:
        uitkomst = maak()
    except BaseException:
        grafieken.UITSTELLEN.reset(token)
        naast.sluiten(tekenen=False)
        raise
    grafieken.UITSTELLEN.reset(token)
    try:
        naast.rest_tekenen()
    except BaseException:
        naast.sluiten(tekenen=False)
        raise
    return uitkomst, naast
