"""The release path: `python -m build` makes an sdist and a wheel that `twine check` accepts, and
the wheel, installed alone in a clean virtual environment, builds the example site and starts a
new one.

What the release workflow (.github/workflows/release.yml) does on a version tag, done here on every
run, so that a file left out of the package data fails CI rather than a user's first build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import lxml.html
import pytest

from briefings import __version__

from .conftest import REPO

PACKAGE = REPO / "briefings"


def _package_data() -> set[str]:
    """Every file of the package that is not Python: the theme, the scaffold, livereload.js."""
    return {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built as the release workflow builds them (locked setuptools)."""
    out = tmp_path_factory.mktemp("dist")
    # From a copy of the sources git sees (tracked, or new and not ignored): building in the
    # checkout would leave build/ and *.egg-info in it, and a stale build/ could hide a file
    # missing from the sources.
    source = tmp_path_factory.mktemp("source") / "briefings"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        target = source / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        if (REPO / name.decode()).is_file():
            shutil.copy2(REPO / name.decode(), target)
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return out


def _one(folder: Path, pattern: str) -> Path:
    [found] = folder.glob(pattern)
    return found


def test_sdist_and_wheel_are_named_by_the_version_and_pass_twine_check(dist: Path) -> None:
    wheel = _one(dist, "*.whl")
    sdist = _one(dist, "*.tar.gz")
    assert wheel.name == f"briefings-{__version__}-py3-none-any.whl"
    assert sdist.name == f"briefings-{__version__}.tar.gz"
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2


def test_the_wheel_and_the_sdist_carry_every_file_of_the_package(dist: Path) -> None:
    # The package data is listed by globs in pyproject.toml: a new template or scaffold file
    # that they miss would be absent from every installed copy.
    expected = _package_data()
    assert {"briefings/preview/livereload.js", "briefings/theme/templates/dossier.html"} <= expected
    assert "briefings/scaffold/github/workflows/pages.yml" in expected
    with zipfile.ZipFile(_one(dist, "*.whl")) as wheel:
        in_wheel = set(wheel.namelist())
    assert expected - in_wheel == set()
    with tarfile.open(_one(dist, "*.tar.gz")) as sdist:
        prefix = f"briefings-{__version__}/"
        in_sdist = {name.removeprefix(prefix) for name in sdist.getnames()}
    assert expected - in_sdist == set()
    assert "LICENSE" in in_sdist and f"briefings-{__version__}.dist-info/licenses/LICENSE" in (
        in_wheel
    )


def _locked_constraints(path: Path) -> Path:
    """requirements/test.txt without its hashes, as pip constraints: the wheel's dependencies
    install at the versions the tests ran against (pip refuses hashes in a constraints file)."""
    text = (REPO / "requirements" / "test.txt").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9._-]+==[^\s;\\]+(?: ;[^\\\n]*)?)", text, re.MULTILINE)
    path.write_text("\n".join(pin.strip() for pin in pins) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean virtual environment with the wheel and its dependencies, nothing else: its bin/."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    constraints = _locked_constraints(venv / "constraints.txt")
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run(
        [*pip, "-c", str(constraints), str(_one(dist, "*.whl"))],
        check=True,
        capture_output=True,
    )
    return venv / "bin"


def _run(bin_: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_ / args[0]), *args[1:]], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_installed_wheel_builds_the_example_site(installed: Path, tmp_path: Path) -> None:
    site = tmp_path / "example"
    site.mkdir()
    for name in ("site.yaml", "content", "templates"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, site / name)
    # The package that runs is the wheel's, not this checkout's.
    where = _run(installed, "python", "-c", "import briefings; print(briefings.__file__)", cwd=site)
    assert where.returncode == 0 and "site-packages" in where.stdout, where.stdout + where.stderr
    assert not where.stdout.startswith(str(REPO))

    built = _run(installed, "briefings", "build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    out = site / "_site"
    home = lxml.html.parse(str(out / "index.html")).getroot()
    dossiers = {
        link.get("href").rstrip("/").rsplit("/", 1)[-1]
        for link in home.iter("a")
        if "/dossiers/" in (link.get("href") or "")
    }
    assert {path.stem for path in (REPO / "content" / "topics").glob("*.md")} <= dossiers
    # The theme's files, the override from templates/ and the search index are all there.
    assert (out / "assets" / "style.css").read_bytes() == (
        PACKAGE / "theme" / "static" / "style.css"
    ).read_bytes()
    assert (out / "pagefind" / "pagefind.js").is_file()
    [footer] = home.find_class("site-footer")
    assert "exemple de site" in footer.text_content()  # templates/footer.html, not the theme's


def test_the_installed_wheel_starts_a_site_that_pins_its_own_version(
    installed: Path, tmp_path: Path
) -> None:
    made = _run(installed, "briefings", "init", "veille", cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    site = tmp_path / "veille"
    workflow = (site / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert f'run: pip install "briefings=={__version__}"\n' in workflow
    assert (site / ".gitignore").is_file()
    assert _run(installed, "briefings", "build", cwd=site).returncode == 0
    # The preview's reload script ships with the package.
    script = _run(
        installed,
        "python",
        "-c",
        "from importlib.resources import files; "
        "print(len(files('briefings.preview').joinpath('livereload.js').read_text()))",
        cwd=tmp_path,
    )
    assert script.returncode == 0 and int(script.stdout) > 100, script.stderr
