"""The SQLite store: one file holds every article, result and rejection of a corpus.

:mod:`.core` is the store itself (connection, migrations, articles, runs, rejections and the
contract records); :mod:`.schema` is how each component declares its tables. The corpus
stages keep their index tables in their own packages (``provenance/tables.py``,
``stories/tables.py``, ``quotes/tables.py``; full-text search in ``web/search.py``).
"""

from newsloom.store.core import BATCH, CACHE_KIB, CHUNK, Store
from newsloom.store.schema import Migration, Schema, Tables, register, registered

__all__ = ["BATCH", "CACHE_KIB", "CHUNK", "Migration", "Schema", "Store", "Tables", "register", "registered"]
