"""A small pool of worker processes for heavy work that should use more than one core (the end report's PDF in parts).

The workers are plain subprocesses (`python -m werkplaats.lib.werkers`), not multiprocessing's: the pool must work
from any process, and a Celery prefork child is one where multiprocessing refuses to start children (it is
daemonic) and where billiard's process state cannot be pickled for a fork server or spawn. Each worker runs one call
at a time, given as a pickled (function, arguments) over its stdin, and answers with the pickled result or exception
over its stdout; a worker that loses its parent sees its stdin close and ends. Only our own processes are on either
end of the pipes.

    with werkers.Pool(2) as pool:
        taken = [pool.submit(functie, deel) for deel in delen]   # functions importable by module and name
        uitkomsten = [taak.result() for taak in taken]
    pool.piek_mib  # the largest peak RSS of its workers (as each reports it)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import resource
import struct
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import IO, Any, TypeVar

T = TypeVar("T")
_LENGTE = struct.Struct("!Q")
_PROJECT = Path(__file__).resolve().parents[2]  # the directory holding the `werkplaats` package


class WerkerGestopt(RuntimeError):
    """A worker process ended in the middle of a call (killed, out of memory)."""


def schrijven(kanaal: IO[bytes], waarde: object) -> None:
    """A value pickled over a pipe, its length first (what `lezen` reads; also grafieken_tegelijk's child)."""
    data = pickle.dumps(waarde, protocol=pickle.HIGHEST_PROTOCOL)
    kanaal.write(_LENGTE.pack(len(data)))
    kanaal.write(data)
    kanaal.flush()


def _lezen_ruw(kanaal: IO[bytes]) -> bytes:
    kop = kanaal.read(_LENGTE.size)
    if len(kop) < _LENGTE.size:
        raise EOFError
    (lengte,) = _LENGTE.unpack(kop)
    data = kanaal.read(lengte)
    if len(data) < lengte:
        raise EOFError
    return data


def lezen(kanaal: IO[bytes]) -> Any:
    """The next value `schrijven` sent; EOFError when the other end is closed."""
    return pickle.loads(_lezen_ruw(kanaal))


class _Werker:
    def __init__(self) -> None:
        omgeving = dict(os.environ)
        omgeving["PYTHONPATH"] = os.pathsep.join(p for p in (str(_PROJECT), omgeving.get("PYTHONPATH")) if p)
        self.proces = subprocess.Popen(
            [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=omgeving
        )
        self.piek_mib = 0.0

    def uitvoeren(self, functie: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
        assert self.proces.stdin is not None and self.proces.stdout is not None
        try:
            schrijven(self.proces.stdin, (functie, args, kwargs))
            gelukt, waarde, self.piek_mib = lezen(self.proces.stdout)
        except (EOFError, BrokenPipeError) as fout:
            raise WerkerGestopt(f"worker process {self.proces.pid} ended (exit status {self.proces.poll()})") from fout
        if not gelukt:
            raise waarde
        uitkomst: T = waarde
        return uitkomst

    def stoppen(self) -> None:
        if self.proces.stdin is not None:
            with contextlib.suppress(BrokenPipeError):
                self.proces.stdin.close()
        try:
            self.proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proces.kill()
            self.proces.wait()
        if self.proces.stdout is not None:
            self.proces.stdout.close()


class Pool:
    """`aantal` worker processes, started on entering the block and stopped on leaving it."""

    def __init__(self, aantal: int) -> None:
        self.aantal = max(1, aantal)
        self.piek_mib = 0.0
        self._vrij: queue.Queue[_Werker] = queue.Queue()
        self._werkers: list[_Werker] = []
        self._draden = ThreadPoolExecutor(max_workers=self.aantal, thread_name_prefix="werker")

    def __enter__(self) -> Pool:
        for _ in range(self.aantal):
            werker = _Werker()
            self._werkers.append(werker)
            self._vrij.put(werker)
        return self

    def __exit__(
        self, soort: type[BaseException] | None, fout: BaseException | None, spoor: TracebackType | None
    ) -> None:
        if fout is not None:  # no waiting for the other calls' results: end the workers now
            for werker in self._werkers:
                werker.proces.kill()
        self._draden.shutdown(wait=True, cancel_futures=True)
        for werker in self._werkers:
            werker.stoppen()
        self.piek_mib = max(werker.piek_mib for werker in self._werkers)

    def submit(self, functie: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run `functie(*args, **kwargs)` in the first free worker. The function, its arguments and its result must
        pickle; the function is found in the worker by its module and name."""

        def uitvoeren() -> T:
            werker = self._vrij.get()
            try:
                return werker.uitvoeren(functie, args, kwargs)
            finally:
                self._vrij.put(werker)

        return self._draden.submit(uitvoeren)


def piek_mib() -> float:
    """This process's own peak RSS: the high-water mark of its memory (Linux's VmHWM). Not ru_maxrss, which on Linux
    carries over the peak of the process that started it (a subprocess is spawned from a copy of its parent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for regel in status:
                if regel.startswith("VmHWM:"):
                    return int(regel.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def _hoofdlus() -> None:
    """The worker: calls from stdin, answers on stdout (with its peak RSS so far). Anything else written to stdout
    goes to stderr, so that a stray print cannot break the channel."""
    invoer = os.fdopen(os.dup(sys.stdin.fileno()), "rb")
    uitvoer = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    while True:
        try:
            oproep = _lezen_ruw(invoer)
        except EOFError:
            return
        try:
            functie, args, kwargs = pickle.loads(oproep)  # a function not found here is the caller's error too
            antwoord: tuple[bool, Any] = (True, functie(*args, **kwargs))
        except BaseException as fout:  # handed to the caller, which raises it
            antwoord = (False, fout)
        try:
            schrijven(uitvoer, (*antwoord, piek_mib()))
        except (pickle.PicklingError, TypeError, AttributeError) as fout:
            schrijven(uitvoer, (False, RuntimeError(f"{type(fout).__name__}: {fout}"), piek_mib()))


if __name__ == "__main__":
    _hoofdlus()
