"""Quotation groups' tables: each distinct wording once (``quote_forms``), indexed by its word
trigrams (``quote_grams``); a stored quotation names its group and wording in the core
``quotes`` table (``grp``, ``form_id``), whose ``same_as`` is read off the group."""

from __future__ import annotations

import sqlite3

from newsloom.store import Migration, Tables, register

SCHEMA = register(
    "quotes",
    Migration("wordings", """
    CREATE TABLE quote_forms (
        id TEXT PRIMARY KEY, form TEXT NOT NULL, grp TEXT NOT NULL, rep TEXT NOT NULL,
        n INTEGER NOT NULL, first_quote TEXT NOT NULL
    );
    CREATE TABLE quote_grams (gram INTEGER NOT NULL, form_id TEXT NOT NULL);
    CREATE INDEX quote_grams_gram ON quote_grams(gram)
    """, legacy=6),
    # every matched quotation asks for its group's wordings
    Migration("wordings by group", "CREATE INDEX quote_forms_grp ON quote_forms(grp)", legacy=11),
    # a wording a rewrite retold in other words, joined to its source's group (match.stage)
    Migration("retold wordings", "ALTER TABLE quote_forms ADD COLUMN retold INTEGER NOT NULL DEFAULT 0"),
)


class QuoteGroups(Tables):
    """Wordings, their trigrams and counts, and the quotations placed in each group."""

    schema = SCHEMA

    def form(self, form_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM quote_forms WHERE id=?", (form_id,)).fetchone()

    def forms_sharing(self, gram: int, limit: int) -> list[sqlite3.Row]:
        """Up to ``limit`` wordings indexed under this trigram, with their group's founding wording."""
        return self.conn.execute(
            "SELECT f.id, f.form, f.grp, f.rep, r.form AS rep_form FROM quote_grams g"
            " JOIN quote_forms f ON f.id = g.form_id JOIN quote_forms r ON r.id = f.rep"
            " WHERE g.gram=? LIMIT ?", (gram, limit)).fetchall()

    def add_form(self, form_id: str, form: str, grp: str, rep: str, quote_id: str, grams: list[int]) -> None:
        with self.store.transaction() as c:
            c.execute("INSERT INTO quote_forms (id, form, grp, rep, n, first_quote) VALUES (?,?,?,?,0,?)",
                      (form_id, form, grp, rep, quote_id))
            c.executemany("INSERT INTO quote_grams (gram, form_id) VALUES (?,?)", [(g, form_id) for g in grams])

    def place(self, quote_id: str, grp: str, form_id: str) -> bool:
        """Put a stored quotation in its group and count its wording; False when it was there."""
        with self.store.transaction() as c:
            old = c.execute("SELECT grp, form_id FROM quotes WHERE id=?", (quote_id,)).fetchone()
            if old is None or (old["grp"], old["form_id"]) == (grp, form_id):
                return False
            c.execute("UPDATE quotes SET grp=?, form_id=? WHERE id=?", (grp, form_id, quote_id))
            if old["form_id"] is not None:
                c.execute("UPDATE quote_forms SET n = n - 1 WHERE id=?", (old["form_id"],))
            c.execute("UPDATE quote_forms SET n = n + 1 WHERE id=?", (form_id,))
        return True

    def forms_of(self, grp: str) -> list[sqlite3.Row]:
        """A group's wordings in the order they were first seen, with their counts."""
        return self.conn.execute("SELECT id, form, n, first_quote, rep, retold FROM quote_forms WHERE grp=?"
                                 " ORDER BY rowid", (grp,)).fetchall()

    def members(self, grp: str) -> list[sqlite3.Row]:
        """A group's quotations in store order: id, text, wording and stored data."""
        return self.conn.execute("SELECT id, text, form_id, data FROM quotes WHERE grp=? ORDER BY rowid",
                                 (grp,)).fetchall()

    def merge(self, grp: str, into: str) -> bool:
        """Move every wording of group ``grp`` into group ``into``, marked ``retold`` (each
        keeps its own founding wording, against which later wordings are judged as before);
        False, moving nothing, when an article has a quotation on both sides (two quotations
        of one article stay two)."""
        with self.store.transaction() as c:
            shared = c.execute("SELECT 1 FROM quotes a JOIN quotes b ON a.article_id = b.article_id"
                               " WHERE a.grp=? AND b.grp=? LIMIT 1", (grp, into)).fetchone()
            if grp == into or shared is not None:
                return False
            c.execute("UPDATE quote_forms SET grp=?, retold=1 WHERE grp=?", (into, grp))
            c.execute("UPDATE quotes SET grp=? WHERE grp=?", (into, grp))
        return True

    def quotes_of(self, article_ids: list[str]) -> list[sqlite3.Row]:
        """The grouped quotations of these articles, without their stored data: id, article,
        text, kind, speaker entity and group."""
        marks = ",".join("?" * len(article_ids))
        return self.conn.execute("SELECT id, article_id, text, kind, speaker_entity_id, grp FROM quotes"
                                 f" WHERE article_id IN ({marks}) AND grp IS NOT NULL ORDER BY rowid",
                                 article_ids).fetchall()
