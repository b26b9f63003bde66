"""Worker processes change how fast, never what: the same output for any number of workers."""

from __future__ import annotations

import json
import os

import pytest

from newsloom.model import Article, RawDocument, Rejection
from newsloom.pipeline import Pipeline
from newsloom.store import Store
from newsloom.work import Job, Workers


def _result(path, targets, workers: int) -> str:
    with Store(str(path)) as store:
        Pipeline(store, workers=workers, chunk_size=4).run(targets)
        return json.dumps(store.result().to_dict(), sort_keys=True, ensure_ascii=False)


def test_output_is_identical_for_any_number_of_workers(tmp_path, demo_dir):
    here = _result(tmp_path / "here.db", [demo_dir], 0)
    assert here == _result(tmp_path / "one.db", [demo_dir], 1) == _result(tmp_path / "two.db", [demo_dir], 2)


def _fails_on_marker(article: Article) -> Article:
    if "MARKER" in article.text:
        raise RuntimeError("stage broke")
    return article


def _dies_on_marker(article: Article) -> Article:
    if "MARKER" in article.text:
        os._exit(3)  # a crash in native code, an out-of-memory kill
    return article


@pytest.mark.parametrize(("stage", "reason"), [(_fails_on_marker, "stage broke"), (_dies_on_marker, "died")])
def test_a_document_that_breaks_its_worker_is_the_only_one_rejected(stage, reason):
    text = "The Orlen rail operator signed a contract worth 3 million crowns on Monday, its manager said."
    jobs = [Job(RawDocument(source=f"d{i}.txt", text=text + (" MARKER" if i == 2 else f" Item {i}.")))
            for i in range(5)]
    with Workers(2, [stage]) as workers:
        outcomes = workers.submit(jobs)()
    assert [o.source for o, _ in outcomes] == [f"d{i}.txt" for i in range(5)]
    assert [getattr(o, "code", None) for o, _ in outcomes] == [None, None, "NL011", None, None]
    assert isinstance(outcomes[2][0], Rejection) and reason in outcomes[2][0].reason


def test_workers_end_with_a_parent_killed_outright(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "from newsloom.work import Job, Workers\n"
        "from newsloom.model import RawDocument\n"
        "w = Workers(2, [])\n"
        "w.submit([Job(RawDocument(source='a.txt', text='The ferry ran late.'))])()\n"
        "print(' '.join(str(p) for p in w.pool._processes), flush=True)\n"
        "time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.5)
        alive = [p for p in workers if _running(p)]
    assert not alive, f"workers {alive} outlived their parent"


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
