"""Quality on the development set (tests/data/devset): each half built and scored.

The scorer is the shared one beside the checkout (on CI); without it these tests skip.
Floors sit a little under the figures in benchmarks/RESULTS.md, so that a regression on
either half — the held-out one above all — is caught.
"""
from pathlib import Path

import pytest

from benchmarks.quality import DEFAULT_SCORER, build, pages_and_gold, score

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not DEFAULT_SCORER.is_file(),
                       reason="../shared/eval/score.py is not beside the checkout (it is on CI)"),
]


HALVES = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9",
          "tune10", "tune11", "tune12", "heldout", "heldout2", "heldout3", "heldout4", "heldout5",
          "heldout6")
# The batches with an over-merge left (see RESULTS.md); the others have none.
NEW_HALVES = ("tune5", "tune9", "heldout6")


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict:
    out = {}
    for half in HALVES:
        pages, gold = pages_and_gold(half)
        for recogniser in ("hybrid", "rules"):
            folder: Path = tmp_path_factory.mktemp(f"{half}-{recogniser}")
            build(pages, folder, recogniser)
            out[half, recogniser] = score(DEFAULT_SCORER, gold, folder)[0]
    return out


def entities_f1(figures, half, recogniser="hybrid"):
    return figures[half, recogniser]["entities"]["ALL"]["f1"]


def test_both_halves_clear_their_floors(figures):
    assert entities_f1(figures, "tune") >= 0.95
    assert entities_f1(figures, "tune2") >= 0.94
    assert entities_f1(figures, "tune3") >= 0.93
    assert entities_f1(figures, "tune4") >= 0.93
    assert entities_f1(figures, "tune5") >= 0.91
    assert entities_f1(figures, "tune6") >= 0.91
    assert entities_f1(figures, "tune7") >= 0.88
    assert entities_f1(figures, "tune8") >= 0.88
    assert entities_f1(figures, "tune9") >= 0.85
    assert entities_f1(figures, "tune10") >= 0.86
    assert entities_f1(figures, "tune11") >= 0.86
    assert entities_f1(figures, "tune12") >= 0.90
    assert entities_f1(figures, "heldout") >= 0.92
    assert entities_f1(figures, "heldout2") >= 0.91
    assert entities_f1(figures, "heldout3") >= 0.88
    assert entities_f1(figures, "heldout4") >= 0.85
    assert entities_f1(figures, "heldout5") >= 0.91
    assert entities_f1(figures, "heldout6") >= 0.90
    assert figures["tune", "hybrid"]["facts"]["ALL"]["f1"] >= 0.95
    assert figures["tune6", "hybrid"]["facts"]["ALL"]["f1"] >= 0.79
    assert figures["tune7", "hybrid"]["facts"]["ALL"]["f1"] >= 0.73
    assert figures["tune8", "hybrid"]["facts"]["ALL"]["f1"] >= 0.78
    assert figures["tune8", "hybrid"]["linking"]["rate"] >= 0.80
    assert figures["tune9", "hybrid"]["facts"]["ALL"]["f1"] >= 0.71
    assert figures["tune9", "hybrid"]["linking"]["rate"] >= 0.71
    assert figures["tune10", "hybrid"]["facts"]["ALL"]["f1"] >= 0.78
    assert figures["tune10", "hybrid"]["linking"]["rate"] >= 0.72
    assert figures["tune11", "hybrid"]["facts"]["ALL"]["f1"] >= 0.74
    assert figures["tune11", "hybrid"]["linking"]["rate"] >= 0.65
    assert figures["tune12", "hybrid"]["facts"]["ALL"]["f1"] >= 0.85
    assert figures["tune12", "hybrid"]["linking"]["rate"] >= 0.72
    assert figures["heldout", "hybrid"]["facts"]["ALL"]["f1"] >= 0.86
    # The later held-out batches (written in 2026-12-07's second and fourth sessions, in
    # new styles) score lower on facts: their floors guard today's figures (RESULTS.md).
    assert figures["heldout2", "hybrid"]["facts"]["ALL"]["f1"] >= 0.80
    assert figures["heldout3", "hybrid"]["facts"]["ALL"]["f1"] >= 0.73
    assert figures["heldout4", "hybrid"]["facts"]["ALL"]["f1"] >= 0.71
    assert figures["heldout4", "hybrid"]["linking"]["rate"] >= 0.84
    assert figures["heldout5", "hybrid"]["facts"]["ALL"]["f1"] >= 0.80
    assert figures["heldout5", "hybrid"]["linking"]["rate"] >= 0.74
    assert figures["heldout6", "hybrid"]["facts"]["ALL"]["f1"] >= 0.80
    assert figures["heldout6", "hybrid"]["linking"]["rate"] >= 0.74
    assert figures["heldout", "hybrid"]["linking"]["rate"] >= 0.95
    assert figures["heldout3", "hybrid"]["linking"]["rate"] >= 0.84
    for half in HALVES:
        if half not in NEW_HALVES:
            assert figures[half, "hybrid"]["linking"]["over_merged"] == 0, half
    # The new batches' over-merges (see RESULTS.md) may not grow.
    assert figures["tune5", "hybrid"]["linking"]["over_merged"] <= 2
    assert figures["tune9", "hybrid"]["linking"]["over_merged"] <= 1
    assert figures["heldout6", "hybrid"]["linking"]["over_merged"] <= 1


def test_the_model_helps_on_both_halves(figures):
    for half in HALVES:
        assert entities_f1(figures, half, "hybrid") > entities_f1(figures, half, "rules") + 0.01
