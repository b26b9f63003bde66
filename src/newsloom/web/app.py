"""The web app: Starlette routes over :mod:`newsloom.web.data`, pages from :mod:`newsloom.report`.

Every HTML page has a JSON twin under ``/api`` returning the very view it renders.
Endpoints are plain functions, so Starlette runs them in its thread pool; each opens the
store read-only for the request. No page carries a script; a strict CSP says so.
"""

from __future__ import annotations

import logging
import re
import socket
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsloom.report import views
from newsloom.report.render import render_page
from newsloom.web.data import Reader, prepare

log = logging.getLogger("newsloom.web")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
                               " frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


class SecurityHeaders:
    """Adds the CSP and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _day(params: Mapping[str, str], name: str) -> str:
    """The date filter ``name`` (YYYY-MM-DD, or empty); anything else is a 400 naming it."""
    value = params.get(name, "").strip()
    if value and not _is_day(value):
        raise HTTPException(400, f"bad filter {name}={value[:40]!r}: not a date (YYYY-MM-DD)")
    return value


def _is_day(value: str) -> bool:
    try:
        return bool(_DAY.fullmatch(value)) and bool(date.fromisoformat(value))
    except ValueError:  # the right shape, not a day (2025-02-30)
        return False


def _listing_params(request: Request) -> dict[str, str]:
    p = request.query_params
    date_from, date_to = _day(p, "from"), _day(p, "to")
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, f"bad filter: from={date_from} is after to={date_to}")
    return {"q": p.get("q", "")[:200], "outlet": p.get("outlet", ""), "date_from": date_from,
            "date_to": date_to, "person": p.get("person", "")}


def create_app(db: str | Path) -> Starlette:
    """The web app over the store ``db`` (migrated and search-indexed once at start when writable)."""
    db = str(db)
    if not Path(db).exists():
        raise FileNotFoundError(db)
    if not prepare(db):
        log.warning("newsloom: %s is read-only; search falls back to plain matching", db)

    def page(kind: str, build: Callable[[views.Index, Any], dict[str, Any]], template: str, var: str) -> list[Route]:
        """An HTML route and its JSON twin for one kind of record."""

        def view(request: Request) -> dict[str, Any]:
            ident = request.path_params["ident"]
            with Reader(db) as reader:
                found = getattr(reader, kind)(ident)
            if found is None:
                raise HTTPException(404, f"no {kind} {ident!r}")
            return build(*found)

        def html(request: Request) -> Response:
            return HTMLResponse(render_page(template, **{var: view(request)}))

        def api(request: Request) -> Response:
            return JSONResponse(view(request))

        return [Route(f"/{kind}/{{ident:path}}", html), Route(f"/api/{kind}/{{ident:path}}", api)]

    def listing(request: Request) -> dict[str, Any]:
        with Reader(db) as reader:
            return reader.listing(**_listing_params(request))

    def index(request: Request) -> Response:
        return HTMLResponse(render_page("index.html", **listing(request)))

    def api_stories(request: Request) -> Response:
        return JSONResponse(listing(request))

    def api_search(request: Request) -> Response:
        with Reader(db) as reader:
            return JSONResponse(reader.search(request.query_params.get("q", "")[:200]))

    def health(request: Request) -> Response:
        with Reader(db) as reader:
            return JSONResponse({"ok": True, **reader.counts()})

    async def error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        message = getattr(exc, "detail", "Something went wrong.")
        if status >= 500:
            log.exception("newsloom: %s failed", request.url.path, exc_info=exc)
            message = "Something went wrong."
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        return HTMLResponse(render_page("error.html", status=status, message=message), status_code=status)

    routes = [
        Route("/", index),
        Route("/api/stories", api_stories),
        Route("/api/search", api_search),
        Route("/healthz", health),
        *page("story", views.story_view, "story.html", "s"),
        *page("article", views.article_view, "article.html", "a"),
        *page("entity", views.entity_view, "entity.html", "e"),
        Mount("/static", StaticFiles(packages=[("newsloom.report", "static")]), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)],
                     exception_handlers={HTTPException: error, Exception: error})


def bind(host: str = "127.0.0.1", port: int = 8000) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: any free port); OSError when it is taken."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        # as uvicorn does: a restart may reuse a port in TIME_WAIT (a live listener still refuses)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


def serve_socket(db: str | Path, sock: socket.socket) -> None:
    """Run the app with uvicorn on a socket from :func:`bind` until interrupted."""
    import uvicorn

    host, port = sock.getsockname()[:2]
    config = uvicorn.Config(create_app(db), host=host, port=port, log_level="info", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the app with uvicorn until interrupted (OSError, before serving, when the port is taken)."""
    serve_socket(db, bind(host, port))
