"""Article URLs and remote feeds, fetched politely.

A :class:`Fetcher` sends a clear User-Agent, honours robots.txt, waits between requests
to the same host, times out, and retries transient failures (timeouts, connection errors,
429 and 5xx) with exponential backoff. Anything else becomes a rejection naming the URL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlparse
from urllib.robotparser import RobotFileParser

import httpx

from newsloom.errors import NewsloomError
from newsloom.ingest.base import reject
from newsloom.ingest.decode import MAX_BYTES, decode_page
from newsloom.ingest.feeds import looks_like_feed, parse_feed
from newsloom.model import RawDocument, Rejection
from newsloom.version import __version__ as _version

USER_AGENT = f"newsloom/{_version} (+https://github.com/newsloom/newsloom; news research crawler)"
_TRANSIENT = {429, 500, 502, 503, 504}


@dataclass
class Page:
    url: str
    status: int
    content: bytes
    content_type: str


@dataclass
class Fetcher:
    """HTTP GET with robots.txt, per-host pacing, timeouts and retries."""

    user_agent: str = USER_AGENT
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    per_host_interval: float = 1.0
    respect_robots: bool = True
    max_bytes: int = MAX_BYTES
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict, repr=False)
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _client: httpx.Client | None = field(default=None, repr=False)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent}, timeout=self.timeout, follow_redirects=True
            )
        return self._client

    def _pace(self, host: str) -> None:
        with self._lock:
            wait = self._last.get(host, 0.0) + self.per_host_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """robots.txt says this User-Agent may fetch ``url`` (unreachable robots.txt: yes)."""
        if not self.respect_robots:
            return True
        parts = urlparse(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: RobotFileParser | None = None
            try:
                resp = self._request(f"{root}/robots.txt", retries=0)
                if resp.status_code == 200:
                    parser = RobotFileParser()
                    parser.parse(resp.text.splitlines())
            except httpx.HTTPError:
                parser = None
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _request(self, url: str, retries: int | None = None) -> httpx.Response:
        attempts = (self.retries if retries is None else retries) + 1
        for attempt in range(attempts):
            self._pace(urlparse(url).netloc)
            try:
                resp = self.client.get(url)
            except (httpx.TimeoutException, httpx.TransportError):
                if attempt + 1 == attempts:
                    raise
            else:
                if resp.status_code not in _TRANSIENT or attempt + 1 == attempts:
                    return resp
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def get(self, url: str) -> Page:
        """Fetch ``url`` or raise :class:`NewsloomError` saying why not."""
        if not self.allowed(url):
            raise NewsloomError("NL013", url)
        try:
            resp = self._request(url)
        except httpx.TimeoutException:
            raise NewsloomError("NL012", f"timed out after {self.timeout:g}s ({self.retries + 1} tries)") from None
        except httpx.HTTPError as exc:
            raise NewsloomError("NL012", f"{type(exc).__name__}: {exc}".splitlines()[0]) from None
        if resp.status_code >= 400:
            raise NewsloomError("NL012", f"HTTP {resp.status_code}")
        if len(resp.content) > self.max_bytes:
            raise NewsloomError("NL006", f"{len(resp.content):,} bytes, limit {self.max_bytes:,}")
        return Page(str(resp.url), resp.status_code, resp.content, resp.headers.get("content-type", ""))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class UrlSource:
    """``http(s)://`` targets: an article page, or a feed whose entries' pages are fetched."""

    def __init__(self, fetcher: Fetcher | None = None, follow_feed_links: bool = True) -> None:
        self.fetcher = fetcher or Fetcher()
        self.follow_feed_links = follow_feed_links

    def claims(self, target: str) -> bool:
        return target.startswith(("http://", "https://"))

    def read(self, target: str) -> Iterator[RawDocument | Rejection]:
        try:
            page = self.fetcher.get(target)
            text = decode_page(page.content, self.fetcher.max_bytes)
        except NewsloomError as err:
            yield reject(target, err)
            return
        if looks_like_feed(text, page.content_type):
            fetch = self.fetch_entry if self.follow_feed_links else None
            yield from parse_feed(target, text, fetch=fetch)
        else:
            yield RawDocument(source=target, html=text, url=page.url, fetched=now_iso())

    def fetch_entry(self, url: str) -> RawDocument:
        """One feed entry's article page (raises NewsloomError when it cannot be had)."""
        page = self.fetcher.get(url)
        return RawDocument(source=url, html=decode_page(page.content), url=page.url, fetched=now_iso())
