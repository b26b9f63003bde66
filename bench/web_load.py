"""A bounded loopback load test of ``newsloom serve``: requests, errors, p50/p99 latency.

    python bench/web_load.py [--db STORE] [--seconds 30] [--clients 8]

Starts the server in a subprocess on a free port (the invented sample store unless
``--db`` is given), then has ``--clients`` threads fetch the list, search, story,
article and entity pages for ``--seconds``.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from newsloom.report.sample import fixture_result, write_store
from newsloom.web.browser import free_port


def paths(base: str) -> list[str]:
    listing = httpx.get(f"{base}/api/stories", timeout=10).json()
    out = ["/", "/?q=bridge", "/api/search?q=the"]
    out += [f"/story/{s['id']}" for s in listing["stories"][:5]]
    out += [f"/article/{a['id']}" for a in listing["articles"][:5]]
    out += [f"/entity/{p['id']}" for p in listing["options"]["people"][:3]]
    return out


def run_load(db: Path, seconds: float, clients: int = 8) -> dict[str, float]:
    """Serve ``db`` on a free loopback port and load it; returns requests, errors, rps, p50, p99 (ms)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "newsloom.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies: list[float] = []
    errors = [0]
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        todo = paths(base)
        lock = threading.Lock()
        stop = time.monotonic() + seconds

        def client(offset: int) -> None:
            with httpx.Client(base_url=base, timeout=10) as http:
                for path in itertools.islice(itertools.cycle(todo), offset, None):
                    if time.monotonic() > stop:
                        return
                    t = time.perf_counter()
                    try:
                        ok = http.get(path).status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    with lock:
                        latencies.append(time.perf_counter() - t)
                        errors[0] += not ok

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait(10)
    ms = sorted(x * 1000 for x in latencies)
    return {
        "requests": len(ms), "errors": errors[0], "rps": len(ms) / seconds,
        "p50": statistics.median(ms) if ms else 0.0,
        "p99": ms[min(len(ms) - 1, int(len(ms) * 0.99))] if ms else 0.0,
    }


def describe(r: dict[str, float]) -> str:
    return (f"requests {r['requests']:.0f}  errors {r['errors']:.0f}  rps {r['rps']:.0f}  "
            f"p50 {r['p50']:.1f} ms  p99 {r['p99']:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or write_store(fixture_result(), Path(tmp) / "sample.db")
        result = run_load(db, args.seconds, args.clients)
    print(describe(result))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
