"""Scale-out on Apache Spark with the same per-article code as the single-machine pipeline.

``newsloom spark INPUT... --out DIR`` (or ``spark-submit -m newsloom.spark.job``) runs
ingest, cleaning and the article stages in ``mapPartitions`` (the NLP model is loaded
once per Python worker), and writes Parquet tables with the JSON contract's fields.
PySpark is an optional dependency: ``pip install 'newsloom[spark]'``; Java 17+ must be
installed (``java -version``).
"""

from __future__ import annotations

import shutil
import subprocess


def java_version() -> str | None:
    """The first line of ``java -version``, or None when no Java runtime is installed."""
    java = shutil.which("java")
    if not java:
        return None
    proc = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    lines = (proc.stderr or proc.stdout).splitlines()
    return lines[0] if lines else None


def check_environment() -> None:
    """Raise RuntimeError with what to install when PySpark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise RuntimeError("PySpark is not installed: pip install 'newsloom[spark]'") from None
    if java_version() is None:
        raise RuntimeError(
            "Spark needs a Java runtime (17 or later) and none was found on PATH: "
            "install one (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME"
        )
