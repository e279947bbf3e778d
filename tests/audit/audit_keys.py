"""Keys, verdicts and matching for the real-forms audit (issue 14), in one place.

``benchmarks/audit.py`` (the report, the review sample, the merge) and
``tests/audit/test_audit_verdicts.py`` (the check that every reviewed verdict still holds) both
import this module, so the two can never disagree about what a key is or what "still reported"
means. It lives beside the test because pytest already finds it there (like ``tests/ci/ci_helpers``);
the benchmark puts ``tests/`` and ``tests/audit/`` on ``sys.path`` to import it.

The audit set is 199 real NAV Form.io forms and their translation files in
``../shared/audit/navikt__skjemautfylling-formio`` (see its README): no rule was written for
them, so what the rules report there is an honest measure of their precision.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from corpus_path import CORPUS

if TYPE_CHECKING:
    from formlint.engine.runner import Engine

AUDIT_ROOT = CORPUS.parent / "audit"
AUDIT_SET = AUDIT_ROOT / "navikt__skjemautfylling-formio"
AUDIT_DIRS = (AUDIT_SET / "forms", AUDIT_SET / "translations")
VERDICTS = Path(__file__).resolve().with_name("verdicts.yaml")
SKIP_REASON = f"real-forms audit set not found at {AUDIT_SET} (a checkout without ../shared/audit)"

VERDICT_VALUES = ("tp", "fp")
SEP = " | "
# An anchor longer than this is shortened in the key (readability); so is any anchor that holds
# a source text the parser cut off (translation values: "nn-NO:<first 80 characters>").
MAX_WHERE = 100
SHORT_WHERE = 48


def audit_available() -> bool:
    """True when this checkout has the audit set beside it."""
    return all(d.is_dir() for d in AUDIT_DIRS)


# --------------------------------------------------------------------------- running the lint


@dataclass(slots=True)
class AuditRun:
    """The finding records of one lint of the audit set, plus what could not be read."""

    records: list[dict[str, Any]]
    documents: int
    errors: list[str]


def run_audit(engine: Engine | None = None) -> AuditRun:
    """Lint every form and translation file of the audit set in-process, with default settings.

    Default settings (no config file looked up), so the result does not depend on the directory
    the script or the tests run from.
    """
    from formlint.api import lint_paths, make_engine

    run = lint_paths(AUDIT_DIRS, engine or make_engine())
    return AuditRun(
        records=[f.to_record() for f in run.findings()],
        documents=len(run.documents),
        errors=run.errors,
    )


def rule_catalogue(engine: Engine) -> tuple[frozenset[str], dict[str, str]]:
    """Every rule id the engine knows (enabled or not), and its aliases (old id -> new id)."""
    return frozenset(s.id for s in engine.all_rules), dict(engine.aliases)


# --------------------------------------------------------------------------- places and keys


@dataclass(frozen=True, slots=True)
class Place:
    """One occurrence a finding reports: its primary location or one of its ``places``."""

    location: Mapping[str, Any]
    excerpt: str
    matched: str
    language: str | None


def places_of(record: Mapping[str, Any]) -> list[Place]:
    """The primary place of a finding record, then its further ``places`` when it has them.

    A grouped finding (one statutory term per form, a form string merged with its translations)
    stands for several places; a verdict about any of them is a verdict about this finding.
    """
    out = [
        Place(
            location=record.get("location") or {},
            excerpt=record.get("excerpt") or "",
            matched=record.get("matched") or "",
            language=record.get("language"),
        )
    ]
    for p in record.get("places") or ():
        out.append(
            Place(
                location=p.get("location") or {},
                excerpt=p.get("excerpt") or "",
                matched=p.get("matched") or record.get("matched") or "",
                language=p.get("language") or record.get("language"),
            )
        )
    return out


_WS = re.compile(r"\s+")


def norm_words(text: str) -> str:
    """Matched words as they appear in a key: NFKC, lower-cased, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def relative_path(source: str) -> str:
    """The file's path inside the audit set (``forms/nav141605.json``).

    Records carry the path as it was given to the linter, so an absolute path, another working
    directory or another checkout location would otherwise change every key.
    """
    path = Path(source.replace("\\", "/"))
    try:
        return path.resolve().relative_to(AUDIT_SET.resolve()).as_posix()
    except (ValueError, OSError):
        return "/".join(path.parts[-2:])


def _pointer_tokens(pointer: str) -> list[str]:
    """A JSON pointer's tokens, unescaped (``~1`` is ``/``, ``~0`` is ``~``)."""
    if not pointer.startswith("/"):
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def where_of(location: Mapping[str, Any]) -> str:
    """The place inside the file: the parser's anchor, readable and unambiguous.

    The anchor (component key and property, ``fornavn:label``) survives reordering the form,
    unlike the positional JSON pointer. A translation value without a component is anchored by
    its source text cut at 80 characters, and texts that start alike then share it: those, and
    any very long anchor, are shortened to 48 characters plus a digest of the full place, so the
    key stays one readable line.
    """
    anchor = str(location.get("anchor") or location.get("json_pointer") or "")
    anchor = anchor or str(location.get("component") or "")
    pointer = str(location.get("json_pointer") or "")
    tokens = _pointer_tokens(pointer)
    tail = tokens[-1] if tokens else ""
    texts = [t for t in (anchor, anchor.split(":", 1)[-1]) if t]
    cut_off = any(len(tail) > len(t) and tail.startswith(t) for t in texts)
    readable = _WS.sub(" ", anchor).strip()
    if cut_off or len(readable) > MAX_WHERE:
        return f"{readable[:SHORT_WHERE].rstrip()}…#{_digest(pointer if cut_off else anchor)}"
    return readable


def base_key(rule: str, place: Place) -> str:
    """``rule | path in the audit set | where | matched words``, before disambiguation.

    In a translation file (``translations/…``, keyed by locale at the top: ``nb-NO``, ``nn-NO``,
    ``en``) the place is prefixed with the locale unless the anchor already starts with it: a
    translated string may carry its form component's anchor, which every locale shares. The
    locale comes from the file, not from language detection, so a detector change cannot move a
    key.
    """
    loc = place.location
    path = relative_path(str(loc.get("source") or ""))
    where = where_of(loc)
    if path.startswith("translations/"):
        tokens = _pointer_tokens(str(loc.get("json_pointer") or ""))
        locale = tokens[0] if tokens else ""
        if locale and not where.startswith(f"{locale}:"):
            where = f"{locale}:{where}"
    words = norm_words(place.matched) or "-"
    return SEP.join((rule, path, where, words))


@dataclass(slots=True)
class KeyedFinding:
    """A finding record with the key of its primary place and the keys of all its places."""

    record: dict[str, Any]
    key: str
    place_keys: tuple[str, ...]
    places: tuple[Place, ...]

    @property
    def rule(self) -> str:
        return str(self.record["rule"])

    @property
    def words(self) -> str:
        return norm_words(str(self.record.get("matched") or "")) or "-"


@dataclass(slots=True)
class KeyReport:
    """How the keys of a run came out: the findings, and the keys that needed help to be unique."""

    findings: list[KeyedFinding]
    with_language: list[str] = field(default_factory=list)  # base keys shared by locales
    numbered: dict[str, int] = field(default_factory=dict)  # base key -> times it occurs
    duplicates: list[str] = field(default_factory=list)  # keys still not unique (a bug here)

    def reported(self) -> dict[str, KeyedFinding]:
        """Every place key of the run -> the finding that reports it."""
        return {k: kf for kf in self.findings for k in kf.place_keys}


def assign_keys(records: Sequence[dict[str, Any]]) -> KeyReport:
    """Give every place of every finding a key that is unique in this run.

    1. The base key: ``rule | path | where | matched words``.
    2. Places that still share a base key in different languages get `` [nn]`` appended. The
       locale prefix of translation files makes this a safeguard only: the detected language is
       not part of every key because the words decide it, and a detector change must not move
       a verdict.
    3. What still repeats is the same words reported twice in one text (``mor … mor``): the
       second and later occurrences, in run order, get `` #2``, `` #3``. Numbering goes over all
       places of the run, so it does not change when the engine groups occurrences into one
       finding with ``places``.
    """
    bases = [[base_key(str(r["rule"]), p) for p in places_of(r)] for r in records]
    all_places = [p for r in records for p in places_of(r)]
    flat = [b for bs in bases for b in bs]

    languages: dict[str, set[str]] = defaultdict(set)
    for b, p in zip(flat, all_places, strict=True):
        languages[b].add(p.language or "?")
    shared = {b for b, langs in languages.items() if len(langs) > 1}
    flat = [
        f"{b} [{p.language or '?'}]" if b in shared else b
        for b, p in zip(flat, all_places, strict=True)
    ]

    counts = Counter(flat)
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for b in flat:
        seen[b] += 1
        keys.append(b if seen[b] == 1 else f"{b} #{seen[b]}")

    findings: list[KeyedFinding] = []
    i = 0
    for r, bs in zip(records, bases, strict=True):
        n = len(bs)
        findings.append(
            KeyedFinding(
                record=r,
                key=keys[i],
                place_keys=tuple(keys[i : i + n]),
                places=tuple(places_of(r)),
            )
        )
        i += n
    dup = [k for k, c in Counter(keys).items() if c > 1]
    return KeyReport(
        findings=findings,
        with_language=sorted(shared),
        numbered={b: c for b, c in counts.items() if c > 1},
        duplicates=dup,
    )


def rule_of_key(key: str) -> str:
    return key.split(SEP, 1)[0].strip()


# --------------------------------------------------------------------------- the verdict file


def load_verdict_file(path: Path = VERDICTS) -> dict[str, Any]:
    """The verdict file as a mapping (``verdicts`` list, ``reviewed`` run summary)."""
    if not path.is_file():
        return {"verdicts": [], "reviewed": {}}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with a 'verdicts' list")
    data.setdefault("verdicts", [])
    data.setdefault("reviewed", {})
    if data["verdicts"] is None:
        data["verdicts"] = []
    return data


def load_verdicts(path: Path = VERDICTS) -> list[dict[str, Any]]:
    return list(load_verdict_file(path)["verdicts"])


def verdict_problems(entries: Iterable[Any]) -> list[str]:
    """What is wrong with the verdict list itself: one line per problem, none when well-formed."""
    problems: list[str] = []
    seen: set[str] = set()
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            problems.append(f"entry {n}: not a mapping: {e!r}")
            continue
        key = e.get("key")
        label = f"entry {n} ({key!r})"
        if not isinstance(key, str) or key.count(SEP) < 3:
            problems.append(f"{label}: key must read 'rule | path | where | matched words'")
        elif key in seen:
            problems.append(f"{label}: key appears more than once")
        else:
            seen.add(key)
        if e.get("verdict") not in VERDICT_VALUES:
            problems.append(f"{label}: verdict must be tp or fp, not {e.get('verdict')!r}")
        reason = e.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"{label}: needs a one-line reason")
        elif "\n" in reason.strip():
            problems.append(f"{label}: reason must be one line")
        if isinstance(key, str) and e.get("rule") and e["rule"] != rule_of_key(key):
            problems.append(f"{label}: rule {e['rule']!r} differs from the key's rule")
    return problems


def unknown_rule(key: str, rule_ids: frozenset[str], aliases: Mapping[str, str]) -> str | None:
    """Why a verdict's rule no longer exists, or None when it does."""
    rule = rule_of_key(key)
    if rule in rule_ids:
        return None
    if rule in aliases:
        return (
            f"rule {rule!r} was renamed to {aliases[rule]!r}: re-key this verdict "
            f"(benchmarks/audit.py --sample, review, --merge) and delete the old entry"
        )
    return (
        f"rule {rule!r} no longer exists: delete this verdict, or re-review its place under "
        f"the rule that reports it now"
    )


def one_line(text: str, width: int = 200) -> str:
    """A text as one line for the verdict file, cut at ``width`` characters."""
    t = _WS.sub(" ", text).strip()
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"


# --------------------------------------------------------------------------- comparing


@dataclass(slots=True)
class Comparison:
    """The current findings judged against the verdicts."""

    tp: Counter[str] = field(default_factory=Counter)  # rule -> current findings judged tp
    fp: Counter[str] = field(default_factory=Counter)  # rule -> current findings judged fp
    unreviewed: Counter[str] = field(default_factory=Counter)  # rule -> findings with no verdict
    regressions: list[tuple[dict[str, Any], KeyedFinding]] = field(default_factory=list)
    lost: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rules(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.unreviewed))


def compare(verdicts: Iterable[Mapping[str, Any]], keys: KeyReport) -> Comparison:
    """Judge the current findings by the verdicts and list what no longer holds.

    A finding counts as ``fp`` when any of its places has an ``fp`` verdict (it still reports
    something a reviewer found wrong), as ``tp`` when its places' verdicts are all ``tp``, and
    as unreviewed when none of its places has a verdict. ``regressions`` are ``fp`` verdicts
    that are still reported; ``lost`` are ``tp`` verdicts that no finding reports any more.
    """
    by_key = {str(v["key"]): dict(v) for v in verdicts if isinstance(v, Mapping) and "key" in v}
    reported = keys.reported()
    out = Comparison()
    for kf in keys.findings:
        judged = [by_key[k]["verdict"] for k in kf.place_keys if k in by_key]
        if not judged:
            out.unreviewed[kf.rule] += 1
        elif "fp" in judged:
            out.fp[kf.rule] += 1
        else:
            out.tp[kf.rule] += 1
    for key, v in sorted(by_key.items()):
        if v.get("verdict") == "fp" and key in reported:
            out.regressions.append((v, reported[key]))
        elif v.get("verdict") == "tp" and key not in reported:
            out.lost.append(v)
    return out


def precision(tp: int, fp: int) -> float | None:
    return tp / (tp + fp) if tp + fp else None


def reviewed_summary(records: Sequence[Mapping[str, Any]], verdicts: int) -> dict[str, Any]:
    """What the verdict file records about the run it was merged against (for 'what changed')."""
    return {
        "date": date.today().isoformat(),
        "verdicts": verdicts,
        "findings": dict(sorted(Counter(str(r["rule"]) for r in records).items())),
    }
