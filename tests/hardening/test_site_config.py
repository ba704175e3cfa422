"""site.yaml and the command line: where the site is published (`base_url`) and where it is
written (`output`, `--out`), and the ids that name its folders.

A cloned repository chooses all of them, so none may send a reader's browser to another host,
put the output outside the site or inside its sources, or crash the build.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from ..conftest import MINIMAL_SITE
from .support import aborts

# ---------------------------------------------------------------- ids


def test_a_topic_file_name_ending_in_a_newline_is_refused(site: Path, capsys) -> None:
    topic = MINIMAL_SITE["content/topics/gaza.md"].replace("Gaza", "Nl")
    problems = aborts(site, capsys, {"content/topics/nl\n.md": topic})
    message = "topic id 'nl␊' is not valid: the file name is the topic's id"
    assert problems == [("content/topics/nl␊.md", 1, 1, message)]


def test_a_person_id_ending_in_a_newline_is_refused(site: Path, capsys) -> None:
    people = textwrap.dedent(MINIMAL_SITE["content/people.yaml"]) + '"bad\\n":\n  name: Bad\n'
    problems = aborts(site, capsys, {"content/people.yaml": people})
    assert problems == [("content/people.yaml", 9, 1, "'bad␊' is not a valid id")]
