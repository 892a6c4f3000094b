"""Quality on the development set: each half built with each recogniser, then scored.

    python -m benchmarks.quality                 # both halves and the seeds, both recognisers
    python -m benchmarks.quality --set tune --recogniser hybrid --show-errors 30

The development set (``tests/data/devset/``, see its README) holds invented articles
with gold answers, split before any rule was written into a ``tune`` half (errors may be
read and acted on; with more tuning batches ``tune2``, ``tune3`` (twelve other styles),
``tune4`` (twenty more, longer articles), ``tune5``, ``tune6`` and ``tune7``
(twenty-four in twenty-four styles each), ``tune8`` to ``tune12``
(twenty-four each about linking))
and a held-out half, ``heldout`` to ``heldout6`` (scored, never read: this
script prints no errors for them).  Scoring uses the shared scorer, ``score.py`` of the
``shared/eval`` folder beside the checkout (``--scorer`` to point elsewhere); without it
the script says so and stops.  The seed pages are scored too when the shared seed gold
is there.  The last rows pool the tuning batches and the held-out batches
(counts summed): the two halves compared.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "data" / "devset"
SETS = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
        "tune11", "tune12", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6",
        "seeds")
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds-dev.jsonl"


def build(pages: Path, out: Path, recogniser: str) -> None:
    from kg.pipeline import build as run_build
    run_build([pages], out, recogniser=recogniser)


def score(scorer: Path, gold: Path, out: Path, show_errors: int = 0) -> tuple[dict, str]:
    """The scorer's figures (its --json report) and, when asked, its error lines."""
    figures = _json_part(subprocess.run(
        [sys.executable, str(scorer), str(gold), str(out), "--json"],
        check=True, capture_output=True, text=True).stdout)
    errors = ""
    if show_errors:
        errors = subprocess.run([sys.executable, str(scorer), str(gold), str(out),
                                 "--show-errors", str(show_errors)],
                                check=True, capture_output=True, text=True).stdout
    return figures, errors


def _json_part(stdout: str) -> dict:
    """The scorer prints its JSON report, then a summary line."""
    return json.loads(stdout[: stdout.rindex("}") + 1])


def pages_and_gold(name: str) -> tuple[Path, Path]:
    if name == "seeds":
        return ROOT / "seeds", SEEDS_GOLD
    return DEVSET / name, DEVSET / f"{name}.jsonl"


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = ["| set | recogniser | entities P | entities R | entities F1 | facts F1 | linking |"
             " over-merged | Person P | Project P |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, recogniser, figures in rows:
        entities = figures["entities"]
        lines.append(
            f"| {name} | {recogniser} | {entities['ALL']['p']:.3f} | {entities['ALL']['r']:.3f} | "
            f"**{entities['ALL']['f1']:.3f}** | {figures['facts']['ALL']['f1']:.3f} | "
            f"{figures['linking']['rate']:.3f} | {figures['linking']['over_merged']} | "
            f"{entities.get('Person', {}).get('p', float('nan')):.3f} | "
            f"{entities.get('Project', {}).get('p', float('nan')):.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", choices=SETS, action="append",
                        help="score this set (repeatable); default all")
    parser.add_argument("--recogniser", choices=("hybrid", "rules"), action="append",
                        help="build with this recogniser (repeatable); default both")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print the scorer's errors (tuning batches and seeds only)")
    parser.add_argument("--keep", type=Path, help="keep the builds under this folder")
    args = parser.parse_args(argv)
    if not args.scorer.is_file():
        print(f"benchmarks.quality: no scorer at {args.scorer} (the shared folder beside the "
              f"checkout); nothing scored", file=sys.stderr)
        return 2
    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-quality-") as scratch:
        root = args.keep or Path(scratch)
        for name in args.sets or list(SETS):
            pages, gold = pages_and_gold(name)
            if not gold.is_file():
                print(f"benchmarks.quality: no gold at {gold}; {name} not scored", file=sys.stderr)
                continue
            for recogniser in args.recogniser or ["hybrid", "rules"]:
                out = root / f"{name}-{recogniser}"
                build(pages, out, recogniser)
                shown = args.show_errors if name not in HELD_OUT_SETS else 0
                figures, errors = score(args.scorer, gold, out, shown)
                rows.append((name, recogniser, figures))
                if errors:
                    print(f"## {name}, {recogniser}\n{errors}")
    rows += pooled_rows(rows)
    print(table(rows))
    return 0


TUNING_SETS = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9",
               "tune10", "tune11", "tune12")
HELD_OUT_SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
HALVES = (("tuning, all batches", TUNING_SETS), ("held out, all batches", HELD_OUT_SETS))


def pooled_rows(rows: list[tuple[str, str, dict]]) -> list[tuple[str, str, dict]]:
    """For each half and each recogniser scored on every batch of it, one row of all of
    them together (counts summed, then P, R and F1): the two halves compared."""
    return [row for label, sets in HALVES for row in _pooled_half(rows, label, sets)]


def _pooled_half(rows: list[tuple[str, str, dict]], label: str, sets: tuple[str, ...]
                 ) -> list[tuple[str, str, dict]]:
    out = []
    for recogniser in dict.fromkeys(r for _, r, _ in rows):
        parts = [f for name, r, f in rows if r == recogniser and name in sets]
        if len(parts) < len(sets):
            continue
        figures = {part: {"ALL": _pooled([f[part]["ALL"] for f in parts])}
                   for part in ("entities", "facts")}
        for kind in ("Person", "Project"):
            figures["entities"][kind] = _pooled([f["entities"].get(kind, {}) for f in parts])
        total = sum(f["linking"]["cross_document_entities"] for f in parts)
        linked = sum(f["linking"]["rate"] * f["linking"]["cross_document_entities"] for f in parts)
        figures["linking"] = {"rate": linked / total if total else float("nan"),
                              "over_merged": sum(f["linking"]["over_merged"] for f in parts)}
        out.append((label, recogniser, figures))
    return out


def _pooled(parts: list[dict]) -> dict:
    gold = sum(p.get("gold", 0) for p in parts)
    pred = sum(p.get("pred", 0) for p in parts)
    # The scorer matches names both ways: its precision and recall count different
    # matches (a predicted name matched, a gold name found), so each is pooled apart.
    found = sum(p.get("p", 0) * p.get("pred", 0) for p in parts)
    recalled = sum(p.get("r", 0) * p.get("gold", 0) for p in parts)
    precision = found / pred if pred else float("nan")
    recall = recalled / gold if gold else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if found and recalled else 0.0
    return {"p": precision, "r": recall, "f1": f1, "gold": gold, "pred": pred}


if __name__ == "__main__":
    sys.exit(main())
