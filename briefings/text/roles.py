"""Roles with dates: `le président américain` names whoever held the position on the article's date.

A person's `roles:` in people.yaml give each position a title, other forms it takes in the copy
(`aliases`) and the days it was held (`from`, `to`). On an article's date, each form of a role held
that day is one more alias of its holder: found by the same rules as aliases, it is a mention, a
speaker, an antecedent for `il`. A form stands for the holder only when it stands alone:

- not inside a longer word or after a word that moves it in time or makes it anyone's
  (`vice-président américain`, `l'ancien président américain`, `former US president`,
  `un président américain`);
- not followed by `élu`, `designate` or `-elect` (`le président américain élu`);
- not followed by a name (`le président américain Joe Biden`, `the US president, Joe Biden`): the
  name decides, so an article misdated by a day still gives the right person.

A form two people hold on the same day names neither. A person's role, for `le ministre` and the
other bare titles, is on that date the title of the role held then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from ..model import Person, Role
from .matching import NameIndex, NameMatch, fold

# Words before a form that make it another holder than the one of the day, or nobody in particular.
_NOT_NOW_BEFORE = frozenset(
    """ancien ancienne anciens ex feu defunt defunte futur future prochain prochaine premier
    premiere dernier derniere former late future next incoming first last then un une aucun
    aucune chaque tout a an any every no each another autre vice deputy assistant under""".split()
)
_NOT_NOW_AFTER = frozenset("elu elue designe designee elect designate adjoint adjointe".split())
# After a form, a capitalised word is a name (`le président américain Joe Biden`); these are not.
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december""".split()
)
_WORD_BEFORE = re.compile(r"([^\W_]+)['\s]*$")
_NEXT_WORD = re.compile(r"\s*(,\s*)?(?:(?:M|Mme|Mr|Mrs|Ms|Dr)\.?\s+)?([^\W\d_][\w'’-]*)")


_ROLE = "=role="
"""Marks the ids of roles' forms in a `DatedNames`' index (people.yaml ids have no `=`)."""


@dataclass(frozen=True, slots=True)
class DatedNames(NameIndex):
    """People.yaml's aliases, and the forms of the roles held on one day standing for their
    holders, found in one pass (`find` returns both, never overlapping)."""

    plain: NameIndex = field(default_factory=lambda: NameIndex(None, {}))
    """The aliases alone, for the words of a form that does not stand alone."""

    def find(self, text: str) -> list[NameMatch]:
        found = NameIndex.find(self, text)
        if not any(m.id.startswith(_ROLE) for m in found):
            return found
        kept = []
        for match in found:
            if not match.id.startswith(_ROLE):
                kept.append(match)
            elif _stands_alone(text, match):
                kept.append(NameMatch(match.start, match.end, match.id[len(_ROLE) :]))
            else:  # `le secrétaire général de l'OTAN Jens Stoltenberg`: the OTAN still counts
                inside = self.plain.find(text[match.start : match.end])
                kept += [
                    NameMatch(m.start + match.start, m.end + match.start, m.id) for m in inside
                ]
        return kept


def _stands_alone(text: str, match: NameMatch) -> bool:
    """Whether a role's form in `text` names the holder of the day (the module's rules)."""
    folded = fold(text)
    if match.start and folded[match.start - 1] == "-":
        return False
    before = _WORD_BEFORE.search(folded, 0, match.start)
    if before is not None and before.group(1) in _NOT_NOW_BEFORE:
        return False
    if folded[match.end : match.end + 1] == "-":
        return False
    after = _NEXT_WORD.match(text, match.end)
    if after is None:
        return True
    word = after.group(2)
    if fold(word) in _NOT_NOW_AFTER:
        return False
    return not (word[0].isupper() and fold(word) not in _NOT_NAMES)


@dataclass(frozen=True, slots=True)
class RoleBook:
    """The dated roles of people.yaml, to look up by day."""

    names: NameIndex
    """The undated aliases."""
    people: Mapping[str, Person]
    held: tuple[tuple[str, Role], ...]
    """Every role with its holder's id."""
    _days: dict[tuple[int, ...], tuple[NameIndex, Mapping[str, Person]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """What `on` made, by the roles held: a site's articles fall in a few such periods."""

    @classmethod
    def build(cls, names: NameIndex, people: Mapping[str, Person]) -> RoleBook:
        held = tuple((p.id, role) for p in people.values() for role in p.roles)
        return cls(names, people, held)

    def on(self, day: dt.date) -> tuple[NameIndex, Mapping[str, Person]]:
        """The names to find and the people as they were on `day`."""
        if not self.held:
            return self.names, self.people
        key = tuple(i for i, (_, role) in enumerate(self.held) if role.held_on(day))
        made = self._days.get(key)
        if made is None:
            made = self._days[key] = self._make([self.held[i] for i in key])
        return made

    def _make(self, held: list[tuple[str, Role]]) -> tuple[NameIndex, Mapping[str, Person]]:
        holders: dict[str, set[str]] = {}
        for pid, role in held:
            for form in role.forms:
                holders.setdefault(form, set()).add(pid)
        # A form two people hold that day names neither.
        forms: dict[str, list[str]] = {}
        for form, pids in holders.items():
            if len(pids) == 1:
                forms.setdefault(_ROLE + next(iter(pids)), []).append(form)
        # The forms first: written like an undated alias, a form wins (`build` keeps the first).
        index = NameIndex.build(
            {**forms, **{p.id: p.aliases for p in self.people.values()}}, self.names.scanner
        )
        names = DatedNames(
            index.pattern, index.ids, index.acronyms, index.scanner, plain=self.names
        )
        return names, {pid: _as_on(person, held) for pid, person in self.people.items()}


def _as_on(person: Person, held: list[tuple[str, Role]]) -> Person:
    """The person with, as `role`, the title of the role they hold that day (the latest begun);
    outside their dated roles, their `role:` unless it is one of those titles."""
    if not person.roles:
        return person
    mine = [role for pid, role in held if pid == person.id]
    if mine:
        title = max(mine, key=lambda r: r.start or dt.date.min).title
    else:
        title = "" if person.role in {r.title for r in person.roles} else person.role
    return person if title == person.role else replace(person, role=title)
