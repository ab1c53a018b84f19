"""Without Redis (the embedded default) scans wait in the process's memory: what a hard kill
loses is measured here, on one gunicorn with production settings and no REDIS_URL (issue 24,
"Data kept"). The timer writes the buffer once its oldest scan is TRACE_SCAN_FLUSH_SECONDS
(5 s) old, so the loss is bounded by about 5 s of scans, and is nothing after an idle spell."""

import time

import requests

from .stack import Process, free_port, wait_for
from .test_stack import PHONE, _scan_count, figure

FLUSH_SECONDS = 5  # TRACE_SCAN_FLUSH_SECONDS' default


def _embedded_instance(stack, name: str) -> Process:
    env = {k: v for k, v in stack.env.items() if k != "REDIS_URL"} | {"WEB_WORKERS": "1"}
    process = Process(name, "web", env, stack.workdir, port=free_port())
    process.start()
    return process


def _scan(base: str, code: str, n: int) -> bool:
    headers = {"X-Forwarded-For": f"172.16.{n // 256}.{n % 256}", "User-Agent": PHONE, "Host": "localhost"}
    return requests.get(f"{base}/t/{code}", headers=headers, timeout=10).status_code == 200


def test_a_hard_kill_after_an_idle_spell_loses_no_scan(stack):
    code = stack.facts["batches"][2]
    before = _scan_count(stack, code)
    instance = _embedded_instance(stack, "embedded_idle")
    try:
        sent = sum(_scan(instance.url, code, n) for n in range(100))
        time.sleep(FLUSH_SECONDS + 2)  # idle: no request comes to trigger a write, the timer does
        instance.kill()
    finally:
        instance.stop()
    stored = _scan_count(stack, code) - before
    idle = FLUSH_SECONDS + 2
    figure(f"no Redis, SIGKILL after {idle} s idle: acknowledged {sent}, stored {stored}, lost {sent - stored}")
    assert sent == 100 and stored == sent


def test_a_hard_kill_under_load_loses_at_most_the_last_seconds_of_scans(stack):
    code = stack.facts["batches"][3]
    before = _scan_count(stack, code)
    instance = _embedded_instance(stack, "embedded_load")
    rate, seconds = 20, 12
    try:
        sent = 0
        started = time.monotonic()
        for n in range(rate * seconds):
            time.sleep(max(0.0, started + n / rate - time.monotonic()))
            sent += _scan(instance.url, code, n)
        instance.kill()
    finally:
        instance.stop()
    stored = wait_for(lambda: _scan_count(stack, code) - before or None, timeout=5, what="some scans stored") or 0
    lost = sent - stored
    figure(f"no Redis, SIGKILL under {rate} scans/s: acknowledged {sent}, stored {stored}, lost {lost}")
    assert 0 <= lost <= rate * (FLUSH_SECONDS + 1) + 5
