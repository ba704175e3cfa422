"""The GitHub Pages workflow: this repository's and the one `briefings init` writes, one text."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefings.commands.scaffold import WORKFLOW, init_site, pinned_install, workflow_text

from .conftest import REPO

REPOSITORY_INSTALL = "pip install ."


def _steps(job: dict) -> dict[str, dict]:
    """The job's steps by what they use (`actions/configure-pages`) or by name."""
    found = {}
    for step in job["steps"]:
        key = step["uses"].split("@")[0] if "uses" in step else step["name"]
        found[key] = step
    return found


def test_the_repositorys_workflow_is_the_scaffolds_with_its_own_install_line() -> None:
    text = (REPO / WORKFLOW).read_text(encoding="utf-8")
    assert text == workflow_text(REPOSITORY_INSTALL)


@pytest.mark.parametrize("install", [pinned_install(), REPOSITORY_INSTALL])
def test_workflow_builds_with_the_pages_url_and_deploys(install: str) -> None:
    workflow = yaml.safe_load(workflow_text(install))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    # No permission by default; each job asks for its own, and only the deploy job may publish.
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["group"] == "pages"

    build = workflow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read"}
    steps = _steps(build)
    order = list(steps)
    assert order.index("actions/checkout") < order.index("actions/configure-pages")
    # The checkout's token is not left in .git/config for the later steps to read.
    assert steps["actions/checkout"]["with"]["persist-credentials"] is False
    assert steps["actions/setup-python"]["with"]["python-version"] == "3.11"
    configure = steps["actions/configure-pages"]
    assert configure["id"] == "pages"
    assert steps["Install briefings"]["run"] == install

    build_step = steps["Build the site"]
    command = shlex.split(build_step["run"])
    assert command[:2] == ["briefings", "build"]
    # The base URL is the one GitHub gives the repository's Pages site, so a fork works unchanged;
    # it reaches the shell as a variable, never expanded into the script's text.
    assert command[command.index("--base-url") + 1] == "$BASE_URL"
    assert build_step["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}/"}
    out = command[command.index("--out") + 1]
    # The site is built once: the check reads the folder the build wrote, with its base URL.
    check_step = steps["Check the links"]
    assert shlex.split(check_step["run"]) == ["briefings", "check", "--built", out]
    assert "env" not in check_step
    assert order.index("Build the site") < order.index("Check the links")
    assert order.index("Check the links") < order.index("actions/upload-pages-artifact")
    for step in workflow["jobs"]["build"]["steps"]:
        assert "${{" not in step.get("run", "")

    # The caches come back from the last run (any key of ours: the newest), before the build.
    cache = steps["actions/cache"]
    # The caches, and the key outside the site that seals them (without it they are not trusted).
    assert cache["with"]["path"].split() == [".briefings-cache", "~/.cache/briefings"]
    assert "${{ github.sha }}" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    assert order.index("actions/cache") < order.index("Build the site")

    upload = steps["actions/upload-pages-artifact"]
    assert upload["with"]["path"] == out
    assert upload["with"]["include-hidden-files"] is True  # .nojekyll
    assert order.index("Build the site") < order.index("actions/upload-pages-artifact")
    assert order.index("actions/configure-pages") < order.index("Build the site")

    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    [step] = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"


def test_actions_are_pinned_to_a_commit_with_the_version_beside_it() -> None:
    # A tag can be moved to other code; a commit hash cannot. The comment says which release.
    text = workflow_text()
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) == 6
    for action, comment in uses:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (action, comment)


# ---------------------------------------------------------------- every workflow passes the linters

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    """A linter installed beside this interpreter (the test environment's, from the lock)."""
    return str(Path(sys.executable).parent / name)


@pytest.fixture(scope="module")
def init_workflow(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflow as `briefings init` writes it into a new site."""
    site = tmp_path_factory.mktemp("init") / "veille"
    init_site(site)
    return site / WORKFLOW


def test_the_repository_has_its_three_workflows() -> None:
    assert [path.name for path in WORKFLOWS] == ["pages.yml", "release.yml", "test-latest.yml"]


@pytest.mark.parametrize("which", ["repository", "init"])
def test_every_workflow_matches_githubs_schema(which: str, init_workflow: Path) -> None:
    paths = WORKFLOWS if which == "repository" else [init_workflow]
    checked = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
        + [str(path) for path in paths],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok -- validation done" in checked.stdout


@pytest.mark.parametrize("which", ["repository", "init"])
def test_zizmor_finds_nothing_in_any_workflow(which: str, init_workflow: Path) -> None:
    # Unpinned actions, permissions wider than a job needs, persisted checkout credentials and
    # `${{ }}` expanded inside a script are what it reports; a workflow users copy has none.
    paths = WORKFLOWS if which == "repository" else [init_workflow]
    audited = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress"] + [str(path) for path in paths],
        capture_output=True,
        text=True,
    )
    assert audited.returncode == 0, audited.stdout + audited.stderr
    assert "No findings to report" in audited.stdout + audited.stderr


def test_zizmor_would_report_a_workflow_that_expands_an_output_in_a_script(tmp_path: Path) -> None:
    # The check above can fail: the old workflow's build line, pasted back, is a finding.
    text = workflow_text().replace(
        'run: briefings build --base-url "$BASE_URL" --out _site',
        'run: briefings build --base-url "${{ steps.pages.outputs.base_url }}/" --out _site',
    )
    assert text != workflow_text()
    bad = tmp_path / ".github" / "workflows" / "pages.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(text, encoding="utf-8")
    audited = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", str(bad)], capture_output=True, text=True
    )
    assert audited.returncode != 0
    assert "template-injection" in audited.stdout + audited.stderr
