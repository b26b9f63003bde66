"""Helpers to drive the web app in a real, headless Chromium: for the browser tests and
``bench/screenshots.py``. Needs the ``selenium`` package (the ``test`` extra) and Debian's
``chromium`` + ``chromium-driver``; never downloads a driver.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
         "--hide-scrollbars")


def ensure_chromium() -> str | None:
    """Install chromium + chromium-driver with apt when absent (as root); the reason if unavailable."""
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "chromium/chromium-driver are absent and cannot be installed (need root and apt-get)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium", "chromium-driver"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode:
            return f"`{' '.join(cmd)}` failed: {done.stderr.strip()[-300:]}"
    return None if Path(CHROMEDRIVER).exists() else "chromium-driver did not install"


@contextlib.contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[Any]:
    """A headless Chromium WebDriver with a fresh profile, closed on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    with tempfile.TemporaryDirectory(prefix="newsloom-chromium-") as profile:
        options = Options()
        options.binary_location = CHROMIUM
        for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        if width < 600:  # a phone: Chromium's windows do not get narrower than ~500 px
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
        try:
            yield driver
        finally:
            driver.quit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(db: str | Path) -> Iterator[str]:
    """Serve ``db`` on a free loopback port in a thread; yields the base URL; stops on exit."""
    import uvicorn

    from newsloom.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=free_port(), log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def screenshot(driver: Any, path: str | Path, full_page: bool = True) -> Path:
    """Save a PNG of the page (the whole page, via the DevTools protocol, unless told not to)."""
    import base64

    path = Path(path)
    if not full_page:
        driver.save_screenshot(str(path))
        return path
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 12000), "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
