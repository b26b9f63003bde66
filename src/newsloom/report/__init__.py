"""Reports people look at: a self-contained HTML page (and later the web app's pages)."""
