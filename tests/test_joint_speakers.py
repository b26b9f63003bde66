"""One quotation's speaker across the outlets that carry it (quotes/match.py) and the
disagreement over who said it (digest). All articles are invented."""

from __future__ import annotations

from newsloom import Pipeline, Store

QUOTE = "We will keep the ferry running through the winter, whatever the storms bring"


def _run(tmp_path, texts: dict[str, str]):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store(str(tmp_path / "s.db")) as store:
        Pipeline(store).run([str(folder)])
        return store.result()


def test_a_copy_naming_no_one_takes_the_speaker_the_other_outlets_name(tmp_path):
    named = (f"Orlen harbour keeps its winter ferry\n\nThe Orlen harbour board voted on Monday to keep "
             f"its ferry service.\n\n“{QUOTE},” said Ada Kroll, the harbour master, after the vote.\n")
    bare = (f"Winter ferry stays in Orlen\n\nThe ferry to the islands will keep sailing, the board "
            f"decided on Monday.\n\n“{QUOTE},” the statement said.\n")
    result = _run(tmp_path, {"a.txt": named, "b.txt": named.replace("after the vote", "on Monday"),
                             "c.txt": bare})
    carried = [q for q in result.quotes if QUOTE[:30] in q.text]
    assert len(carried) == 3 and {q.speaker for q in carried} == {"Ada Kroll"}


def test_outlets_naming_different_speakers_make_a_disagreement(tmp_path):
    a = (f"Orlen keeps its winter ferry\n\nThe Orlen harbour board voted on Monday to keep its ferry "
         f"service.\n\n“{QUOTE},” said Ada Kroll, the harbour master.\n")
    b = (f"Ferry to sail all winter in Orlen\n\nThe island ferry will keep sailing, the board said on "
         f"Monday.\n\n“{QUOTE},” said Ben Ruiz, the board's chairman.\n")
    result = _run(tmp_path, {"a.txt": a, "b.txt": b})
    (story,) = [s for s in result.stories if len(s.article_ids) == 2]
    (who,) = [d for d in story.disagreements if d.kind == "speaker"]
    assert who.about.startswith("who said") and {s.value for s in who.sides} == {"Ada Kroll", "Ben Ruiz"}


def test_search_finds_a_quote_by_the_speaker_other_outlets_gave_it(tmp_path):
    from newsloom.web.search import Search

    bare = (f"Winter ferry stays in Orlen\n\nThe ferry to the islands will keep sailing, the board "
            f"decided on Monday.\n\n“{QUOTE},” the statement said.\n")
    named = (f"Orlen harbour keeps its winter ferry\n\nThe Orlen harbour board voted on Monday to keep "
             f"its ferry service.\n\n“{QUOTE},” said Ada Kroll, the harbour master, after the vote.\n")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "c.txt").write_text(bare, encoding="utf-8")
    (second / "a.txt").write_text(named, encoding="utf-8")
    with Store(str(tmp_path / "s.db")) as store:
        Pipeline(store).run([str(first)])
        search = Search(store)
        search.refresh()  # the index exists before a later run names the speaker
        Pipeline(store).run([str(second)])
        search.refresh()
        by_kroll = {q["article_id"] for q in search.query("Kroll")["quotes"]}
        assert len(by_kroll) == 2  # the bare article's quote too, under the speaker it took


def test_co_speakers_in_one_outlet_agree_with_one_of_them_in_another(tmp_path):
    """"Ada Kroll and Ben Ruiz called it “…”" in one outlet and "“…,” Kroll said" in another
    name the same speaker: no disagreement, and a copy naming no one takes Ada Kroll."""
    a = (f"Orlen keeps its winter ferry\n\nThe Orlen harbour board voted on Monday to keep its ferry "
         f"service.\n\nHarbour master Ada Kroll and board chairman Ben Ruiz called the vote “{QUOTE}.”\n")
    b = (f"Ferry to sail all winter in Orlen\n\nThe island ferry will keep sailing, the board said on "
         f"Monday.\n\n“{QUOTE},” said Ada Kroll, the harbour master.\n")
    c = (f"Winter ferry stays in Orlen\n\nThe ferry to the islands will keep sailing.\n\n“{QUOTE},” the "
         f"statement said.\n")
    result = _run(tmp_path, {"a.txt": a, "b.txt": b, "c.txt": c})
    carried = {q.article_id: q for q in result.quotes if QUOTE[:30] in q.text}
    speakers = sorted(q.speaker for q in carried.values())
    assert speakers == ["Ada Kroll", "Ada Kroll", "Ada Kroll and Ben Ruiz"], speakers
    assert not [d for s in result.stories for d in s.disagreements if d.kind == "speaker"]
