"""Incremental = clean, as a property: random edits to a small site, and after every one the
preview's rebuild and `briefings build` with its cache write exactly what a clean build writes.

The state machine keeps three copies of one site: (a) rebuilt by the preview's `Builder`, told
which files changed, as `briefings serve` is; (b) built by `briefings build` with its on-disk
cache; (c) written anew into an empty folder and built with no cache at all. Each step makes the
same edit to all three; then (a) and (b) must succeed or fail as (c) does, report the same errors,
and hold byte for byte the files (c) holds. Pagefind takes a while, so the index is replaced by
the pages that would go into each of its shards and parts of the lexicon (`pagefind.index_all`):
they are compared instead, with shards of two articles, so that the site is cut into one to eight
of them. (tests/test_search.py compares Pagefind's own files after an edit.)

`tests/test_incremental.py` runs it in CI (200 steps); `scripts/soak-incremental` runs thousands.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from briefings.preview.serve import LiveState, Site
from briefings.preview.watch import Builder
from briefings.stages import pagefind, search
from briefings.stages.config import Overrides

from .conftest import manifest, run

ARTICLES = "content/articles/2024"
TOPIC_POOL = {
    "gaza": ("Gaza", ["Gaza", "Hamas", "israélien*", "Rafah"]),
    "ukraine": ("Ukraine", ["Ukraine", "ukrainien*", "Kiev", "mer Noire"]),
    "otan": ("OTAN", ["OTAN", "Alliance atlantique", "Rutte"]),
    "syrie": ("Syrie", ["Syrie", "Damas", "syrien*"]),
}
KEYWORD_POOL = ["Gaza", "Hamas", "Rafah", "Ukraine", "Kiev", "OTAN", "Damas", "trêve", "aide*"]
PEOPLE_POOL = {
    "fidan": ("Hakan Fidan", "Ministre turc des Affaires étrangères", ["Fidan"]),
    "blinken": ("Antony Blinken", "Secrétaire d'État américain", ["Blinken"]),
    "guterres": ("António Guterres", "Secrétaire général de l'ONU", ["Guterres"]),
    "lavrov": ("Sergueï Lavrov", "Ministre russe des Affaires étrangères", ["Lavrov"]),
}
ALIAS_POOL = ["le chef de la diplomatie", "le ministre", "M. Fidan", "le secrétaire d'État"]
SENTENCES = [
    "Hakan Fidan a rencontré Antony Blinken pour évoquer la situation à Gaza.",
    "« La trêve doit tenir à Gaza », a déclaré Fidan devant la presse.",
    "Selon Blinken, « l'aide doit entrer à Rafah sans délai ».",
    "Kiev a demandé de nouvelles livraisons à l'OTAN avant l'hiver.",
    "Le secrétaire général de l'ONU, António Guterres, a appelé à un cessez-le-feu.",
    "« Nous ne reculerons pas », a affirmé Lavrov au sujet de l'Ukraine.",
    "Les frappes ont repris près de Damas, selon des sources syriennes.",
    "L'Alliance atlantique a salué l'adhésion de la Suède.",
    "Une réunion est prévue la semaine prochaine.",
    # Values of Gaza's key figure (issue 20): the dossier's page and JSON show them.
    "Plus de 30 000 personnes ont été tuées à Gaza, selon Blinken.",
    "Le bilan de la guerre à Gaza atteint 31 500 morts, selon des sources médicales.",
    'Le ministre a parlé d\'un "moment décisif" pour la région.',
    "Plus de 30 000 personnes ont été tuées à Gaza, selon le ministère de la Santé.",
    "Kiev a reçu 2 milliards de dollars d'aide, a indiqué Blinken.",
    "« Les discussions avancent », a indiqué le secrétaire d'État américain.",
]
FIGURE_POOL = [["tués", "tuées"], ["morts", "bilan"], ["aide"], ["personnes"]]
"""Phrases of a topic's one figure (issue 20): the analysis must run again when they change."""
TITLES = [
    "Fidan et Blinken à Ankara",
    "Gaza : appel à la trêve",
    "L'OTAN promet des munitions",
    "Damas sous les frappes",
    "Guterres plaide pour l'aide",
]
NAMES = [f"2024-03-{day:02d}-{slug}" for day, slug in enumerate("abcdefghij", start=1)]
FOOTERS = [None, "<footer><p>Rédaction des dossiers</p></footer>\n", "<footer>Pied</footer>\n"]
STATICS = [None, "Rédaction : le desk international\n", "Équipe : veille\n"]
# The day Blinken's dated role begins (none: he has no `roles:`), between the articles' dates, so
# that `le secrétaire d'État américain` names him in some articles and not in others.
ROLE_STARTS = [None, "2024-03-04", "2024-03-07"]


def _records(
    jobs: Iterable[pagefind.Job],
    language: str,
    then: Callable[[], list[pagefind.Job]] | None = None,
    stop: threading.Event | None = None,
) -> dict[str, dict[str, bytes]]:
    """What would go into each index (shard, part of the lexicon), as one deterministic file."""
    made = {
        job.name: {
            "fragment/records.json": json.dumps(
                [language, list(job.pages)], ensure_ascii=False, indent=1
            ).encode()
        }
        for job in jobs
    }
    return {**made, **(_records(then(), language) if then is not None else {})}


def fake_index(patch: Callable[[object, str, object], object]) -> None:
    """Pagefind replaced by `_records`, and shards of two articles: `patch` is
    `monkeypatch.setattr` or `setattr`."""
    patch(pagefind, "index_all", _records)
    patch(search, "ARTICLES_PER_SHARD", 2)


class IncrementalSite(RuleBasedStateMachine):
    """The site's sources as data; every rule changes them, every step checks the builds."""

    def __init__(self) -> None:
        super().__init__()
        self.steps = 0

    # ------------------------------------------------------------ the sources

    @initialize()
    def start(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="briefings-incremental-"))
        self.config = {
            "title": "Dossiers de test",
            "language": "fr",
            "paginate": 2,  # pages paged from the start: an edit moves articles between them
            "base": "https://user.github.io/repo/",
        }
        self.topics = {t: (TOPIC_POOL[t][0], list(TOPIC_POOL[t][1])) for t in ("gaza", "ukraine")}
        self.figures: dict[str, list[str]] = {"gaza": list(FIGURE_POOL[0])}
        self.people = {p: (n, r, list(a)) for p, (n, r, a) in PEOPLE_POOL.items() if p != "lavrov"}
        self.articles: dict[str, dict[str, object]] = {}
        self.footer: str | None = None
        self.static: str | None = None
        self.role_start: str | None = None
        self._add(NAMES[0], TITLES[0], [SENTENCES[0], SENTENCES[1]], [])
        self.written: dict[str, str] = {}
        self.sites = {kind: self.root / kind for kind in ("preview", "build", "clean")}
        for folder in self.sites.values():
            folder.mkdir(parents=True)
        self.log: list[str] = []
        self.builder: Builder | None = None
        self.good: dict[str, dict[str, str]] = {}
        self._check(first=True)

    def _add(self, name: str, title: str, body: list[str], people: list[str]) -> None:
        self.articles[name] = {"title": title, "body": body, "people": people, "broken": False}

    def files(self) -> dict[str, str]:
        """The site's files as text, from the model."""
        config = self.config
        files = {
            "site.yaml": textwrap.dedent(f"""\
                title: {config["title"]}
                description: Un site de test
                language: {config["language"]}
                base_url: {config["base"]}
                paginate: {config["paginate"]}
                """),
            "content/sources.yaml": "aa:\n  name: Agence Anadolu\n  url: https://www.aa.com.tr/fr\n",
        }
        people = []
        for pid, (name, role, aliases) in self.people.items():
            listed = ", ".join(json.dumps(a, ensure_ascii=False) for a in aliases)
            people.append(f"{pid}:\n  name: {name}\n  role: {role}\n  aliases: [{listed}]\n")
            if pid == "blinken" and self.role_start:
                people.append(
                    "  roles: [{title: secrétaire d'État des États-Unis, aliases: [secrétaire"
                    f" d'État américain], from: {self.role_start}}}]\n"
                )
        files["content/people.yaml"] = "".join(people) or "{}\n"
        for order, (tid, (title, keywords)) in enumerate(self.topics.items(), start=1):
            listed = ", ".join(json.dumps(k, ensure_ascii=False) for k in keywords)
            said = self.figures.get(tid, [])
            phrases = ", ".join(json.dumps(p, ensure_ascii=False) for p in said)
            figures = (
                f"figures:\n  - {{id: chiffre, label: Le chiffre, unit: personnes, "
                f"phrases: [{phrases}]}}\n"
                if phrases
                else ""
            )
            files[f"content/topics/{tid}.md"] = (
                f"---\ntitle: {title}\nsummary: Le dossier {title}\nkeywords: [{listed}]\n"
                f"order: {order}\n{figures}---\nL'essentiel sur {title}.\n"
            )
        for name, article in self.articles.items():
            day = int(name[8:10])
            head = [
                "---",
                f"title: {json.dumps(article['title'], ensure_ascii=False)}",
                f"date: 2024-03-{day:02d}",
                "source: aa",
            ]
            if article["people"]:
                head.append(f"people: [{', '.join(article['people'])}]")  # type: ignore[arg-type]
            if not article["broken"]:
                head.append("---")  # a broken article's front matter is never closed
            files[f"{ARTICLES}/{name}.md"] = (
                "\n".join(head)
                + "\n\n"
                + "\n\n".join(
                    article["body"]  # type: ignore[arg-type]
                )
                + "\n"
            )
        if self.footer is not None:
            files["templates/footer.html"] = self.footer
        if self.static is not None:
            files["static/humans.txt"] = self.static
        return files

    # ------------------------------------------------------------ the edits

    @rule(
        data=st.data(),
        title=st.sampled_from(TITLES),
        body=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3),
    )
    def add_article(self, data: st.DataObject, title: str, body: list[str]) -> None:
        free = [n for n in NAMES if n not in self.articles]
        if not free:
            return
        name = data.draw(st.sampled_from(free))
        people = data.draw(st.lists(st.sampled_from(sorted(PEOPLE_POOL)), max_size=2, unique=True))
        self._add(name, title, body, people)

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), body=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    def edit_article(self, data: st.DataObject, body: list[str]) -> None:
        name = data.draw(st.sampled_from(sorted(self.articles)))
        self.articles[name]["body"] = body

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), title=st.sampled_from(TITLES))
    def retitle_article(self, data: st.DataObject, title: str) -> None:
        self.articles[data.draw(st.sampled_from(sorted(self.articles)))]["title"] = title

    @precondition(lambda self: self.articles)
    @rule(data=st.data())
    def rename_article(self, data: st.DataObject) -> None:
        free = [n for n in NAMES if n not in self.articles]
        if free:
            old = data.draw(st.sampled_from(sorted(self.articles)))
            self.articles[data.draw(st.sampled_from(free))] = self.articles.pop(old)

    @precondition(lambda self: self.articles)
    @rule(data=st.data())
    def delete_article(self, data: st.DataObject) -> None:
        del self.articles[data.draw(st.sampled_from(sorted(self.articles)))]

    @precondition(lambda self: self.articles)
    @rule(data=st.data())
    def break_or_fix_front_matter(self, data: st.DataObject) -> None:
        article = self.articles[data.draw(st.sampled_from(sorted(self.articles)))]
        article["broken"] = not article["broken"]

    @rule(pid=st.sampled_from(sorted(PEOPLE_POOL)))
    def add_or_remove_person(self, pid: str) -> None:
        if pid in self.people:
            del self.people[pid]
        else:
            name, role, aliases = PEOPLE_POOL[pid]
            self.people[pid] = (name, role, list(aliases))

    @precondition(lambda self: self.people)
    @rule(data=st.data(), alias=st.sampled_from(ALIAS_POOL))
    def add_or_remove_alias(self, data: st.DataObject, alias: str) -> None:
        pid = data.draw(st.sampled_from(sorted(self.people)))
        name, role, aliases = self.people[pid]
        aliases = [a for a in aliases if a != alias] if alias in aliases else [*aliases, alias]
        self.people[pid] = (name, role, aliases)

    @precondition(lambda self: self.topics)
    @rule(data=st.data(), keywords=st.lists(st.sampled_from(KEYWORD_POOL), min_size=1, max_size=3))
    def change_keywords(self, data: st.DataObject, keywords: list[str]) -> None:
        tid = data.draw(st.sampled_from(sorted(self.topics)))
        self.topics[tid] = (self.topics[tid][0], list(dict.fromkeys(keywords)))

    @precondition(lambda self: self.topics)
    @rule(data=st.data())
    def retitle_topic(self, data: st.DataObject) -> None:
        # A dossier's title is shown in its articles' and quotes' search results.
        tid = data.draw(st.sampled_from(sorted(self.topics)))
        title, keywords = self.topics[tid]
        retitled = TOPIC_POOL[tid][0] if title != TOPIC_POOL[tid][0] else f"{title} et ses voisins"
        self.topics[tid] = (retitled, keywords)

    @precondition(lambda self: self.topics)
    @rule(data=st.data(), phrases=st.sampled_from([[], *FIGURE_POOL]))
    def change_figure_phrases(self, data: st.DataObject, phrases: list[str]) -> None:
        tid = data.draw(st.sampled_from(sorted(self.topics)))
        self.figures[tid] = list(phrases)

    @rule(tid=st.sampled_from(sorted(TOPIC_POOL)))
    def add_or_delete_topic(self, tid: str) -> None:
        if tid in self.topics:
            if len(self.topics) > 1:
                del self.topics[tid]
        else:
            self.topics[tid] = (TOPIC_POOL[tid][0], list(TOPIC_POOL[tid][1]))

    @rule(
        title=st.sampled_from(["Dossiers de test", "Veille diplomatique", "Desk international"]),
        language=st.sampled_from(["fr", "en"]),
        paginate=st.sampled_from([1, 2, 20]),
        base=st.sampled_from(["https://user.github.io/repo/", "https://veille.example.org/"]),
    )
    def change_site_yaml(self, title: str, language: str, paginate: int, base: str) -> None:
        self.config = {"title": title, "language": language, "paginate": paginate, "base": base}

    @rule(start=st.sampled_from(ROLE_STARTS))
    def date_a_role(self, start: str | None) -> None:
        self.role_start = start

    @rule(footer=st.sampled_from(FOOTERS))
    def set_template_override(self, footer: str | None) -> None:
        self.footer = footer

    @rule(text=st.sampled_from(STATICS))
    def set_static_file(self, text: str | None) -> None:
        self.static = text

    # ------------------------------------------------------------ the property

    @invariant()
    def incremental_builds_equal_a_clean_build(self) -> None:
        if hasattr(self, "sites"):
            self._check()

    def _check(self, first: bool = False) -> None:
        files = self.files()
        changed = {
            p for p in files.keys() | self.written.keys() if files.get(p) != self.written.get(p)
        }
        if not changed and not first:
            return
        for kind in ("preview", "build"):
            _sync(self.sites[kind], self.written, files)
        clean = self.sites["clean"]
        shutil.rmtree(clean)
        _sync(clean, {}, files)
        self.written = files
        self.steps += 1

        outcomes = {
            kind: self._build(kind, changed, first) for kind in ("clean", "build", "preview")
        }
        ok = outcomes["clean"][0]
        OUTCOMES.append(ok)
        for kind in ("build", "preview"):
            assert outcomes[kind][0] == ok, (kind, outcomes)
            assert outcomes[kind][1] == outcomes["clean"][1], (kind, outcomes)
        if not ok:
            # A failed build changes nothing (the preview may have shown an edited article's
            # page first: that is the point of it; its next good build must still be clean's).
            assert manifest(self.sites["build"] / "_site") == self.good.get("build", {})
            return
        expected = manifest(clean / "_site")
        for kind in ("build", "preview"):
            found = manifest(self.sites[kind] / "_site")
            differ = sorted(
                p for p in found.keys() | expected.keys() if found.get(p) != expected.get(p)
            )
            assert not differ, (kind, differ, sorted(changed))
            self.good[kind] = found

    def _build(self, kind: str, changed: set[str], first: bool) -> tuple[bool, list[str]]:
        """Whether the build succeeded, and the errors it reported (file:line:col: message)."""
        site = self.sites[kind]
        if kind != "preview":
            return _run(site)
        if self.builder is None:
            site_of = Site(site / "_site", "/repo/")
            self.builder = Builder(site, Overrides(), LiveState(site_of), self.log.append)
        before = len(self.log)
        indexed = sum("search index updated" in line for line in self.log)
        ok = self.builder.build(None if first else changed)
        errors = _errors("\n".join(self.log[before:]))
        if ok and not first and self.builder._built:
            _wait(lambda: sum("search index updated" in line for line in self.log) > indexed)
        return ok, errors

    def teardown(self) -> None:
        if getattr(self, "builder", None) is not None:
            self.builder.close()
        if hasattr(self, "root"):
            shutil.rmtree(self.root, ignore_errors=True)


OUTCOMES: list[bool] = []
"""Whether each step's clean build succeeded: the soak reports how many steps were errors."""


def _sync(root: Path, before: dict[str, str], after: dict[str, str]) -> None:
    for name in before.keys() - after.keys():
        (root / name).unlink()
    for name, text in after.items():
        if before.get(name) != text:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def _run(site: Path) -> tuple[bool, list[str]]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = run("build", "--site", site)
    assert status in (0, 1), err.getvalue()
    return status == 0, _errors(err.getvalue())


def _errors(text: str) -> list[str]:
    assert "Traceback" not in text, text
    return sorted(line for line in text.splitlines() if ": error: " in line)


def _wait(done: object, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():  # type: ignore[operator]
        assert time.monotonic() < deadline, "the preview's search index never came"
        time.sleep(0.01)


def run_steps(steps: int, *, randomized: bool) -> int:
    """Run the machine for about `steps` steps (runs of 25 steps); returns the steps checked."""
    from hypothesis import HealthCheck, settings

    counted: list[int] = []

    class Counted(IncrementalSite):
        def teardown(self) -> None:
            counted.append(getattr(self, "steps", 0))
            super().teardown()

    test = Counted.TestCase
    test.settings = settings(
        max_examples=max(1, steps // 15),  # some draws change nothing and are not counted
        stateful_step_count=25,
        deadline=None,
        derandomize=not randomized,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    test().runTest()
    return sum(counted)
