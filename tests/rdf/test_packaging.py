"""A wheel of the package carries the ontology, shapes, JSON-LD context and named queries,
and kg installed from it (not from the checkout) finds them: builds, JSON-LD and SHACL
validation work from the installed files."""
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kg.rdf.vocabulary import ontology_dir

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ["kg/rdf/ontology/kg.ttl", "kg/rdf/ontology/shapes.ttl",
           "kg/rdf/ontology/context.jsonld"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built with pip from a copy of the sources (the checkout stays untouched)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "kg", source / "kg",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "--no-index", "-q", str(source),
                           "-w", str(tmp / "dist")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list((tmp / "dist").glob("kg-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_the_repository_ontology_folder_is_the_shipped_files():
    for name in ("kg.ttl", "shapes.ttl", "context.jsonld"):
        assert (ROOT / "ontology" / name).read_bytes() == (ontology_dir() / name).read_bytes()


def test_wheel_contains_ontology_shapes_context_and_queries(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in SHIPPED:
            assert name in names, name
            assert archive.read(name) == (ROOT / name).read_bytes(), name
    queries = {p.name for p in (ROOT / "kg" / "queries").glob("*.rq")}
    assert queries and {f"kg/queries/{q}" for q in queries} <= names
    assert "kg/viz/assets/graph.html.j2" in names


def test_kg_installed_from_the_wheel_finds_its_ontology(wheel, tmp_path):
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                           "-q", "--target", str(site), str(wheel)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    script = f"""
import json, sys
from pathlib import Path
import kg
from kg.rdf.serialize import write_rdf
from kg.rdf.validate import validate
from kg.rdf.vocabulary import ontology_dir
from kg.records import Entity, KnowledgeGraph
assert Path(kg.__file__).resolve().is_relative_to(Path({str(site)!r}).resolve()), kg.__file__
assert ontology_dir().resolve().is_relative_to(Path({str(site)!r}).resolve()), ontology_dir()
graph = KnowledgeGraph([Entity("area/659901", "AdminArea", "某某县", code="659901")], [], [])
write_rdf(graph, Path("out"), formats=("ttl", "jsonld"))
assert json.loads(Path("out/graph.jsonld").read_text("utf-8"))["@context"]["kg"]
print(len(validate(Path("out"))), "violations")
"""
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "0 violations"
