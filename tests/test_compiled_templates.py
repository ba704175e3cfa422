"""The theme's templates compiled once, kept sealed beside the machine's key, and never run when
another machine, another version or another text made them (briefings/incremental/templates.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from briefings.build import assemble
from briefings.incremental import seal, templates
from briefings.stages.config import Overrides


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A user cache folder of the test's own: its own key, its own compiled templates."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seal.machine_key.cache_clear()
    yield tmp_path / "cache" / "briefings"
    seal.machine_key.cache_clear()


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja2 compiles from their text, in order."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def compile_(self: jinja2.Environment, source: str, name: str | None = None, *a, **k):
        names.append(name or "")
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_)
    return names


def _pages(site: Path) -> dict[str, bytes]:
    _, output, _ = assemble(site, Overrides(), search=False)
    return {path: data for path, data in output.files.items() if path.endswith(".html")}


def test_a_second_build_runs_the_theme_compiled_by_the_first(
    make_site, cache_home: Path, compiled: list[str]
) -> None:
    site = make_site({"templates/footer.html": "<footer>Pied de la rédaction</footer>\n"})
    first = _pages(site)
    assert {"article.html", "dossier.html", "base.html", "footer.html"} <= set(compiled)
    kept = sorted(p.name for p in (cache_home / "templates").iterdir())
    assert len(kept) == len(set(compiled)) - 1  # the site's own footer is not kept
    compiled.clear()
    assert _pages(site) == first
    assert compiled == ["footer.html"]  # the site's own, compiled in each build
    assert "Pied de la rédaction" in first["index.html"].decode()


def _forged(env: jinja2.Environment, name: str, version: str) -> bytes:
    """What a kept file holds for the theme's `name`, its code replaced with a template's that
    writes FORGED: Jinja2 itself would take it (same text checksum, same Jinja2 and Python)."""
    cache = templates.CompiledTemplates()
    source = (templates.THEME / name).read_text(encoding="utf-8")
    bucket = jinja2.bccache.Bucket(env, "", cache.get_source_checksum(source))
    bucket.code = env.compile("FORGED", name, str(templates.THEME / name))
    return version.encode() + b"\n" + bucket.bytecode_to_string()


def test_compiled_code_made_elsewhere_or_by_another_version_is_never_run(
    make_site, cache_home: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    first = _pages(site)
    cache = templates.CompiledTemplates()
    footer = cache.where / cache.get_cache_key("footer.html", str(templates.THEME / "footer.html"))
    assert footer.is_file()
    body = _forged(jinja2.Environment(), "footer.html", templates.code_version())
    # Sealed with this machine's key, it would run: the seal is what keeps it out.
    footer.write_bytes(seal.mac(body, purpose=templates.PURPOSE).encode() + b"\n" + body)
    assert b"FORGED" in _pages(site)["index.html"]
    for mark in (b"0" * 32, b""):  # another machine's seal, or none
        footer.write_bytes(mark + b"\n" + body)
        compiled.clear()
        assert _pages(site) == first
        assert "footer.html" in compiled  # compiled again from its text
    # Sealed here, by another version of briefings (whose settings may differ): compiled again.
    body = _forged(jinja2.Environment(), "footer.html", "0.0.0+another")
    footer.write_bytes(seal.mac(body, purpose=templates.PURPOSE).encode() + b"\n" + body)
    compiled.clear()
    assert _pages(site) == first
    assert "footer.html" in compiled
