"""The GitHub Pages workflow: this repository's and the one `briefings init` writes, one text."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from briefings.scaffold import INSTALL, WORKFLOW, workflow_text

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


@pytest.mark.parametrize("install", [INSTALL, REPOSITORY_INSTALL])
def test_workflow_builds_with_the_pages_url_and_deploys(install: str) -> None:
    workflow = yaml.safe_load(workflow_text(install))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"

    build = workflow["jobs"]["build"]
    steps = _steps(build)
    order = list(steps)
    assert order.index("actions/checkout") < order.index("actions/configure-pages")
    assert steps["actions/setup-python"]["with"]["python-version"] == "3.11"
    configure = steps["actions/configure-pages"]
    assert configure["id"] == "pages"
    assert steps["Install briefings"]["run"] == install

    command = shlex.split(steps["Build the site"]["run"])
    assert command[:2] == ["briefings", "build"]
    # The base URL is the one GitHub gives the repository's Pages site, so a fork works unchanged.
    base_url = command[command.index("--base-url") + 1]
    assert base_url == "${{ steps.pages.outputs.base_url }}/"
    out = command[command.index("--out") + 1]
    check = shlex.split(steps["Check the links"]["run"])
    assert check[:2] == ["briefings", "check"] and base_url in check

    # The caches come back from the last run (any key of ours: the newest), before the build.
    cache = steps["actions/cache"]
    assert cache["with"]["path"] == ".briefings-cache"
    assert "${{ github.sha }}" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])
    assert order.index("actions/cache") < order.index("Build the site")

    upload = steps["actions/upload-pages-artifact"]
    assert upload["with"]["path"] == out
    assert upload["with"]["include-hidden-files"] is True  # .nojekyll
    assert order.index("Build the site") < order.index("actions/upload-pages-artifact")
    assert order.index("actions/configure-pages") < order.index("Build the site")

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    [step] = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"


def test_actions_are_pinned_to_a_major_version() -> None:
    workflow = yaml.safe_load(workflow_text())
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
