"""notebooks/explore.ipynb runs top to bottom in a real kernel (nbclient, the venv's
ipykernel) from a folder outside the repository, and shows its tables and its figure."""
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import nbformat
    from nbclient import NotebookClient

    cwd = tmp_path_factory.mktemp("elsewhere")
    out = tmp_path_factory.mktemp("explore_build")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as patch:   # the kernel inherits this environment
        patch.setenv("KG_REPO", str(ROOT))
        patch.setenv("KG_EXPLORE_OUT", str(out))
        patch.setenv("MPLBACKEND", "Agg")
        NotebookClient(notebook, timeout=180, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    return notebook, out


def _outputs(notebook, kind: str) -> list:
    return [output for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if kind in output.get("data", {})]


def test_every_code_cell_ran_without_error(executed):
    notebook, out = executed
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert (out / "store").is_dir() and (out / "graph.ttl").is_file()


def test_the_named_queries_show_as_pandas_tables(executed):
    notebook, _ = executed
    tables = [o["data"]["text/html"] for o in _outputs(notebook, "text/html")]
    assert len(tables) >= 5 and all("<table" in table for table in tables)
    projects = next(t for t in tables if "<th>compute_pflops</th>" in t)
    assert "<th>county</th>" in projects and projects.count("<tr>") > 5
    assert any("projects_by_area" in table for table in tables)   # the list of queries


def test_the_network_figure_is_drawn(executed):
    notebook, out = executed
    images = _outputs(notebook, "image/png")
    assert len(images) == 1
    import base64
    import io

    import matplotlib.image
    pixels = matplotlib.image.imread(io.BytesIO(base64.b64decode(images[0]["data"]["image/png"])))
    assert pixels.shape[0] > 300 and (pixels[..., :3].min(axis=-1) < 0.9).mean() > 0.01
    assert (out / "explore_network.png").stat().st_size > 10_000
