"""Time in articles: temporal expressions (:mod:`.dates`) and figures (:mod:`.figures`)."""
