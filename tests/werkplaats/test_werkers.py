"""The worker processes of werkplaats.lib.werkers: other processes, results and errors come back, a worker that dies is
reported, and the pool works inside a Celery prefork child (daemonic, where multiprocessing refuses children)."""

from __future__ import annotations

import os
import time

import billiard
import pytest

from werkplaats.lib import werkers


def test_werkers_zijn_andere_processen_en_geven_uitkomsten_terug():
    with werkers.Pool(2) as pool:
        taken = [pool.submit(os.getpid) for _ in range(6)]
        pids = {taak.result() for taak in taken}
        assert pool.submit(divmod, 17, 5).result() == (3, 2)
        assert pool.submit(sorted, [3, 1, 2], reverse=True).result() == [3, 2, 1]
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert 10 < pool.piek_mib < 500  # as the workers report it: a Python process of its own


def test_fout_in_een_werker_komt_bij_de_aanroeper():
    with werkers.Pool(1) as pool:
        with pytest.raises(ValueError, match="invalid literal"):
            pool.submit(int, "geen getal").result()
        assert pool.submit(int, "12").result() == 12  # the worker goes on after an error


def _alleen_hier():  # a worker finds it (this test module is importable there), but not the lambda below
    return 1


def test_onbekende_functie_is_een_fout_van_de_aanroeper():
    with werkers.Pool(1) as pool:
        assert pool.submit(_alleen_hier).result() == 1
        with pytest.raises(Exception, match="lambda"):
            pool.submit(lambda: 1).result()
        assert pool.submit(abs, -2).result() == 2


def test_gestopte_werker_wordt_gemeld():
    with werkers.Pool(1) as pool, pytest.raises(werkers.WerkerGestopt, match="exit status"):
        pool.submit(os._exit, 3).result()


def test_fout_stopt_de_andere_werkers_zonder_te_wachten():
    begin = time.monotonic()
    with pytest.raises(ValueError), werkers.Pool(2) as pool:
        pool.submit(time.sleep, 60)
        pool.submit(int, "x").result()
    assert time.monotonic() - begin < 20


def _in_celery_werker(_):
    with werkers.Pool(2) as pool:
        return sum(pool.submit(abs, -n).result() for n in range(4))


def test_pool_werkt_in_een_celery_prefork_werker():
    """Celery's prefork children are daemonic billiard processes; multiprocessing's pools fail there."""
    pool = billiard.Pool(1)
    try:
        assert pool.map(_in_celery_werker, [0]) == [6]
    finally:
        pool.terminate()
        pool.join()
