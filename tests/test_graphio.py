"""The JSONL files of a build: one row per document, its own sources, a lossless read back."""
import os

from kg.graphio import read_graph, write_graph
from kg.records import KnowledgeGraph, LinkedFact, Source


def test_rows_per_document_carry_their_own_sources_and_read_back_whole(tmp_path):
    sources = [Source("docA", "docA#1", 0, 5, "甲。"), Source("docA", "docA#2", 9, 12, "乙。"),
               Source("docB", "docB#1", 3, 4, "丙。")]
    fact = LinkedFact("project/1", "locatedIn", list(sources), object="area/650000")
    write_graph(KnowledgeGraph([], [fact], []), tmp_path)
    rows = (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 2
    assert '"doc": "docA"' in rows[0] and rows[0].count('"sentence"') == 2
    assert '"doc": "docB"' in rows[1] and rows[1].count('"sentence"') == 1
    [back] = read_graph(tmp_path).facts
    assert back.sources == sources
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "facts.jsonl").stat().st_mode & 0o777 == 0o666 & ~mask


def test_the_collector_is_paused_inside_a_writer_and_restored_after():
    import gc

    from kg.graphio import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()          # left as the caller had it
    finally:
        gc.enable()
