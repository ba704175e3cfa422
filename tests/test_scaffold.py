"""`briefings init DIR` and `briefings new TITLE`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from briefings import __version__
from briefings.commands.scaffold import WORKFLOW, scaffold_files, workflow_text

from .conftest import run


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_init_makes_a_site_that_builds_and_checks_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x"
    assert run("init", target) == 0
    monkeypatch.chdir(target)
    assert run("build") == 0
    assert run("check") == 0
    out = capsys.readouterr().out
    assert "built 2 articles into 2 dossiers" in out
    assert "0 error(s), 0 warning(s)" in out
    home = (target / "_site" / "index.html").read_text(encoding="utf-8")
    assert "Gaza" in home and "Ukraine" in home
    assert (target / "_site" / "dossiers" / "ukraine" / "feed.xml").is_file()


def test_init_writes_the_example_site_with_its_workflow_and_gitignore(tmp_path: Path) -> None:
    assert run("init", tmp_path / "veille") == 0
    site = tmp_path / "veille"
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert written == {
        "site.yaml",
        ".gitignore",
        WORKFLOW,
        "content/people.yaml",
        "content/sources.yaml",
        "content/topics/gaza.md",
        "content/topics/ukraine.md",
        "content/articles/2024/2024-06-10-conseil-de-securite-plan-cessez-le-feu-gaza.md",
        "content/articles/2024/2024-06-16-sommet-pour-la-paix-en-ukraine.md",
    }
    # The workflow installs the very release that wrote it, by its exact version.
    workflow = (site / WORKFLOW).read_text(encoding="utf-8")
    assert workflow == workflow_text(f'pip install "briefings=={__version__}"')
    assert f'run: pip install "briefings=={__version__}"\n' in workflow
    assert "run: pip install briefings\n" not in workflow
    assert "_site/" in (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    config = yaml.safe_load((site / "site.yaml").read_text(encoding="utf-8"))
    assert config["language"] == "fr"


def test_init_never_overwrites_a_file_it_adds_what_is_missing_and_says_so(
    tmp_path: Path, capsys
) -> None:
    """Issue 19, point 1: `init --force` on a working site replaced content/people.yaml."""
    target = tmp_path / "veille"
    assert run("init", target) == 0
    people = "fidan:\n  name: Hakan Fidan\nlavrov:\n  name: Sergueï Lavrov\n"
    (target / "content" / "people.yaml").write_text(people, encoding="utf-8")
    (target / "site.yaml").write_text("title: Mon site\n", encoding="utf-8")
    (target / WORKFLOW).unlink()
    capsys.readouterr()
    for flags in (("--force",), ()):
        assert run("init", target, *flags) == 0
        out = capsys.readouterr().out
        assert (target / "content" / "people.yaml").read_text(encoding="utf-8") == people
        assert (target / "site.yaml").read_text(encoding="utf-8") == "title: Mon site\n"
        assert "left alone, as they exist (init never replaces a file):" in out
        assert "\n  site.yaml\n" in out and "\n  content/ (the site's own" in out
    # What was missing is back, and said.
    assert (target / WORKFLOW).read_text(encoding="utf-8") == workflow_text(
        f'pip install "briefings=={__version__}"'
    )


def test_init_into_a_folder_of_other_files_adds_the_site_beside_them(
    tmp_path: Path, capsys
) -> None:
    target = tmp_path / "existant"
    target.mkdir()
    (target / "notes.md").write_text("Mes notes de veille.\n", encoding="utf-8")
    (target / ".gitignore").write_text("*.pdf\n", encoding="utf-8")
    assert run("init", target) == 0
    out = capsys.readouterr().out
    assert (target / "notes.md").read_text(encoding="utf-8") == "Mes notes de veille.\n"
    assert (target / ".gitignore").read_text(encoding="utf-8") == "*.pdf\n"
    assert (target / "site.yaml").read_bytes() == scaffold_files()["site.yaml"]
    assert (target / "content" / "people.yaml").is_file()
    # The .gitignore left alone does not ignore the output and the cache: said, with what to add.
    assert "  .gitignore (it does not list _site/ and .briefings-cache/: add them)" in out


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "fichier"
    target.write_text("", encoding="utf-8")
    assert run("init", target, "--force") == 2


@pytest.fixture
def site(tmp_path: Path) -> Path:
    assert run("init", tmp_path / "site") == 0
    return tmp_path / "site"


def test_new_writes_the_article_with_its_front_matter(site: Path, capsys) -> None:
    before = dt.date.today()
    title = "Érdogan reçoit Zelensky à Istanbul : « la paix passe par la mer Noire »"
    assert run("new", title, "--topic", "ukraine", "--source", "aa", "--site", site) == 0
    after = dt.date.today()
    printed = Path(capsys.readouterr().out.strip())
    slug = "erdogan-recoit-zelensky-a-istanbul-la-paix-passe-par-la-mer-noire"
    assert printed.name in (f"{before}-{slug}.md", f"{after}-{slug}.md")
    assert printed.parent.name in (str(before.year), str(after.year))
    assert printed.parent.parent == site / "content" / "articles"
    front = _front_matter(printed)
    assert front["title"] == title
    assert front["date"] in (before, after)
    assert front["source"] == "aa"
    assert front["topics"] == ["ukraine"]
    assert front["draft"] is True
    assert run("build", "--site", site, "--drafts") == 0
    assert (site / "_site" / "articles" / slug / "index.html").is_file()


def test_new_writes_a_draft_with_a_placeholder_and_guesses_no_source(site: Path, capsys) -> None:
    """Issue 19, point 2: `new` wrote a published, empty article credited to the first source."""
    assert run("new", "Trêve à Gaza", "--site", site) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.name == f"{dt.date.today()}-treve-a-gaza.md"
    rel = path.relative_to(site).as_posix()
    text = path.read_text(encoding="utf-8")
    front = _front_matter(path)
    assert front["draft"] is True
    assert front["source"] == "TODO"  # not 'aa', the first of sources.yaml
    placeholder = text.split("---\n", 2)[2].strip()
    assert placeholder.startswith("<!-- briefings new")
    body_line = text.splitlines().index(placeholder) + 1
    source_line = text.splitlines().index("source: TODO  # aa, onu-info (content/sources.yaml)") + 1

    # A draft: built without it, and the build names both placeholders.
    assert run("build", "--site", site) == 0
    err = capsys.readouterr().err
    assert not (site / "_site" / "articles" / "treve-a-gaza").exists()
    assert (
        f"{rel}:{source_line}:9: warning: 'source' is still TODO, as 'briefings new' wrote it"
        in err
    )
    assert f"{rel}:{body_line}:1: warning: the article's text is still the placeholder" in err
    assert run("check", "--site", site) == 0
    err = capsys.readouterr().err
    assert f"{rel}:{body_line}:1: warning: the article's text is still the placeholder" in err

    # Published with the source still TODO: an error, with the sources to choose from.
    path.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    assert run("build", "--site", site) == 1
    err = capsys.readouterr().err
    assert f"{rel}:{source_line}:9: error: 'source' is still TODO" in err
    assert "hint: write an id of content/sources.yaml (aa, onu-info)" in err

    # A source chosen, the text still the placeholder: build warns, check fails.
    published = text.replace("draft: true", "draft: false").replace(
        "source: TODO  # aa, onu-info (content/sources.yaml)", "source: aa"
    )
    path.write_text(published, encoding="utf-8")
    body_line = published.splitlines().index(placeholder) + 1
    assert run("build", "--site", site) == 0
    assert f"{rel}:{body_line}:1: warning: the article's text is still the placeholder" in (
        capsys.readouterr().err
    )
    assert run("check", "--site", site) == 1
    assert f"{rel}:{body_line}:1: error: the article's text is still the placeholder" in (
        capsys.readouterr().err
    )
    path.write_text(published.replace(placeholder, "Une trêve à Gaza."), encoding="utf-8")
    assert run("check", "--site", site) == 0
    assert "placeholder" not in capsys.readouterr().err


def test_new_cuts_a_long_title_at_a_word_boundary(site: Path, capsys) -> None:
    title = (
        "Le Conseil de sécurité adopte une résolution sur l'acheminement de l'aide humanitaire "
        "dans la bande de Gaza"
    )
    assert run("new", title, "--source", "aa", "--site", site) == 0
    path = Path(capsys.readouterr().out.strip())
    slug = path.stem.removeprefix(f"{dt.date.today()}-")
    assert len(slug) <= 80
    full = (
        "le-conseil-de-securite-adopte-une-resolution-sur-l-acheminement-de-l-aide-"
        "humanitaire-dans-la-bande-de-gaza"
    )
    assert full.startswith(slug + "-"), slug  # whole words only: never "humanit"
    assert slug == "le-conseil-de-securite-adopte-une-resolution-sur-l-acheminement-de-l-aide"


@pytest.mark.parametrize("title", ["", "   "])
def test_new_with_an_empty_title_is_a_usage_error(site: Path, capsys, title: str) -> None:
    before = sorted((site / "content" / "articles").rglob("*"))
    assert run("new", title, "--site", site) == 2
    assert "the title is empty" in capsys.readouterr().err
    assert sorted((site / "content" / "articles").rglob("*")) == before


def test_new_gives_a_title_without_letters_a_usable_slug(site: Path, capsys) -> None:
    made = []
    for title in ("???", "!!!", "Путин"):
        assert run("new", title, "--source", "aa", "--site", site) == 0
        made.append(Path(capsys.readouterr().out.strip()))
    assert len(set(made)) == 3 and all(path.is_file() for path in made)
    assert run("build", "--site", site, "--drafts") == 0, capsys.readouterr().err
    built = {p.name for p in (site / "_site" / "articles").iterdir()}
    slugs = {path.stem.removeprefix(f"{dt.date.today()}-") for path in made}
    assert slugs <= built


def test_new_refuses_to_overwrite(site: Path, capsys) -> None:
    assert run("new", "Trêve à Gaza", "--site", site) == 0
    path = Path(capsys.readouterr().out.strip())
    path.write_text(path.read_text(encoding="utf-8") + "Texte de la dépêche.\n", encoding="utf-8")
    edited = path.read_bytes()
    assert run("new", "Trêve à Gaza", "--site", site) == 2
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == edited


def test_new_refuses_a_slug_another_article_has(site: Path, capsys) -> None:
    title = "Sommet pour la paix en Ukraine"
    assert run("new", title, "--site", site) == 2
    err = capsys.readouterr().err
    assert "2024-06-16-sommet-pour-la-paix-en-ukraine.md already has the slug" in err


def test_new_names_unknown_topics_and_sources(site: Path, capsys) -> None:
    assert run("new", "Cessez-le-feu", "--topic", "gazza", "--site", site) == 2
    assert "unknown topic 'gazza': did you mean 'gaza'?" in capsys.readouterr().err
    assert run("new", "Cessez-le-feu", "--source", "afp", "--site", site) == 2
    assert "unknown source 'afp': known: aa, onu-info" in capsys.readouterr().err
    assert run("new", "Cessez-le-feu", "--source", "anadolu", "--site", site) == 2
    assert "unknown source 'anadolu': did you mean 'aa' (Agence Anadolu)?" in (
        capsys.readouterr().err
    )
    assert not list((site / "content" / "articles").rglob("cessez-le-feu.md"))


def test_new_outside_a_site_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert run("new", "Un titre", "--site", tmp_path) == 2
    assert "no site.yaml" in capsys.readouterr().err


def test_scaffold_ships_its_dotfiles_under_plain_names() -> None:
    files = scaffold_files()
    assert ".gitignore" in files and WORKFLOW in files
    assert not any(name.startswith(("gitignore", "github/")) for name in files)
