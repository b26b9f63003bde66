"""``newsloom serve``: a small read-only web app over a newsloom SQLite store."""

from newsloom.web.app import create_app, serve

__all__ = ["create_app", "serve"]
