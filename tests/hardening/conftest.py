"""Fixtures of the hardening suite: a valid site, built once, that each case then breaks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import MINIMAL_SITE, run, write_site
from ..test_validation import SITE


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The validation tests' site (two articles), built once for the whole suite."""
    folder = write_site(tmp_path_factory.mktemp("built") / "site", {**MINIMAL_SITE, **SITE})
    assert run("build", "--site", folder) == 0
    return folder


@pytest.fixture
def site(built_site: Path, tmp_path: Path, capsys) -> Path:
    """A copy of the built site, to break: its output is the previous build's."""
    folder = tmp_path / "site"
    shutil.copytree(built_site, folder, symlinks=True)
    capsys.readouterr()
    return folder
