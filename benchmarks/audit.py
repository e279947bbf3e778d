"""The real-forms audit: what every rule reports on 199 real NAV forms, and whether it is right.

    python benchmarks/audit.py                      # table per rule, precision, what changed
    python benchmarks/audit.py --check              # exit 1 if an fp is reported or a tp lost
    python benchmarks/audit.py --sample OUT.yaml    # review sample of findings with no verdict
    python benchmarks/audit.py --merge OUT.yaml     # add the reviewed entries to the verdicts
    python benchmarks/audit.py --json OUT.json      # the raw finding records, for diffing

Like a linter's ecosystem check: the forms in ``../shared/audit/navikt__skjemautfylling-formio``
were written by NAV, not for formlint, so a rule change is judged by the diff of its findings
there, and by the verdicts reviewers recorded in ``tests/audit/verdicts.yaml``
(``tests/audit/test_audit_verdicts.py`` holds them in CI).

Keys, verdict loading and matching live in ``tests/audit/audit_keys.py``, shared with that test
(tests cannot import ``benchmarks``, which is not a package nor on pytest's path; a benchmark
can put ``tests/`` on ``sys.path``, as the other benchmarks do with the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
# measure this checkout, not whichever formlint the venv has installed; and find the shared
# audit helpers (tests/audit/audit_keys.py, which imports tests/corpus_path.py)
for _p in (REPO / "tests" / "audit", REPO / "tests", REPO):
    sys.path.insert(0, str(_p))

from audit_keys import (  # noqa: E402
    AUDIT_SET,
    SKIP_REASON,
    VERDICT_VALUES,
    VERDICTS,
    KeyedFinding,
    KeyReport,
    Place,
    assign_keys,
    audit_available,
    compare,
    load_verdict_file,
    norm_words,
    one_line,
    precision,
    relative_path,
    reviewed_summary,
    rule_catalogue,
    run_audit,
    unknown_rule,
    verdict_problems,
)

SEVERITY_ORDER = {"error": 0, "warning": 1, "suggestion": 2, "info": 3}
PER_RULE = 30  # sample at least this many findings per rule (all when fewer)
FREQUENT_WORD = 10  # a matched word seen this often ...
PER_WORD = 3  # ... is sampled at least this many times
TOP_WORDS = 6


# --------------------------------------------------------------------------- the table


def print_table(keys: KeyReport, documents: int) -> None:
    """Per (rule, severity): findings, places by language, and the most frequent matched words.

    Languages and words are counted over places, so a grouped finding (one statutory term per
    form, a string merged with its translations) shows every place it stands for.
    """
    groups: dict[tuple[str, str], list[KeyedFinding]] = defaultdict(list)
    for kf in keys.findings:
        groups[(kf.rule, str(kf.record["severity"]))].append(kf)
    places = sum(len(kf.places) for kf in keys.findings)
    print(
        f"{len(keys.findings)} findings ({places} places) in {documents} documents of {AUDIT_SET}"
    )
    for (rule, severity), fs in sorted(
        groups.items(), key=lambda g: (g[0][0], SEVERITY_ORDER.get(g[0][1], 9))
    ):
        ps = [p for kf in fs for p in kf.places]
        langs = Counter(p.language or "?" for p in ps)
        words = Counter(norm_words(p.matched) or "-" for p in ps)
        lang_text = " ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
        word_text = ", ".join(f"{w} {n}" for w, n in words.most_common(TOP_WORDS))
        extra = f" ({len(ps)} places)" if len(ps) != len(fs) else ""
        print(f"{len(fs):5d} {rule:<22} {severity:<10} {lang_text}{extra} | {word_text}")
    if keys.numbered:
        repeats = sum(n - 1 for n in keys.numbered.values())
        print(
            f"keys: {len(keys.numbered)} keys repeat in one text ({repeats} places numbered #2…:"
            " the same words reported more than once in one string)"
        )
    if keys.with_language:
        print(f"keys: {len(keys.with_language)} anchors shared by locales (language appended)")
    for k in keys.duplicates:
        print(f"KEY COLLISION (not unique after numbering, a bug in audit_keys): {k}")


# --------------------------------------------------------------------------- verdicts


def print_verdicts(
    keys: KeyReport,
    verdict_file: dict[str, Any],
    path: Path,
    unknown: Callable[[str], str | None],
) -> int:
    """Precision per rule on the reviewed findings, and what changed since the review.

    ``unknown`` says why a key's rule no longer exists (None when it does). Returns how many
    verdicts no longer hold (what ``--check`` and the test fail on): fp verdicts still reported,
    tp verdicts no longer reported, verdicts about rules that are gone, malformed entries.
    """
    verdicts = verdict_file["verdicts"]
    reviewed = verdict_file.get("reviewed") or {}
    problems = verdict_problems(verdicts)
    cmp = compare([v for v in verdicts if isinstance(v, dict)], keys)
    print()
    when = f", merged {reviewed['date']}" if reviewed.get("date") else ""
    print(f"Verdicts: {len(verdicts)} in {_rel(path)}{when}")
    for p in problems:
        print(f"  BAD VERDICT: {p}")
    then = reviewed.get("findings") or {}
    now = Counter(kf.rule for kf in keys.findings)
    print(
        f"  {'rule':<22} {'tp':>4} {'fp':>4} {'precision':>9} {'no verdict':>10}"
        f" {'findings then -> now':>22}"
    )
    lost_by_rule = Counter(str(v["key"]).split(" | ", 1)[0] for v in cmp.lost)
    for rule in sorted(set(now) | set(then) | set(lost_by_rule)):
        tp, fp = cmp.tp[rule], cmp.fp[rule]
        prec = precision(tp, fp)
        change = f"{then.get(rule, 0)} -> {now[rule]}" if then else f"{now[rule]}"
        print(
            f"  {rule:<22} {tp:>4} {fp:>4} {_pct(prec):>9} {cmp.unreviewed[rule]:>10} {change:>22}"
        )
    tp, fp = sum(cmp.tp.values()), sum(cmp.fp.values())
    change = f"{sum(then.values())} -> {len(keys.findings)}" if then else f"{len(keys.findings)}"
    print(
        f"  {'overall':<22} {tp:>4} {fp:>4} {_pct(precision(tp, fp)):>9}"
        f" {sum(cmp.unreviewed.values()):>10} {change:>22}"
    )
    gone = [
        (v, why) for v in verdicts if isinstance(v, dict) and (why := unknown(str(v.get("key"))))
    ]
    if gone:
        print(f"  verdicts about rules that no longer exist: {len(gone)}")
        for v, why in gone:
            print(f"    {v['key']}\n      {why}")
    print(f"  fp still reported (regressions): {len(cmp.regressions)}")
    for v, kf in cmp.regressions:
        print(
            f"    {v['key']}\n      reason: {v.get('reason')}\n      now: {one_line(_excerpt(kf))}"
        )
    print(f"  tp no longer reported (lost): {len(cmp.lost)}")
    for v in cmp.lost:
        print(f"    {v['key']}\n      reason: {v.get('reason')}")
    return len(cmp.regressions) + len(cmp.lost) + len(gone) + len(problems)


def _pct(p: float | None) -> str:
    return "-" if p is None else f"{p:.0%}"


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


def _excerpt(kf: KeyedFinding) -> str:
    return str(kf.record.get("excerpt") or "")


# --------------------------------------------------------------------------- the review sample


def _rank(key: str) -> str:
    """A deterministic shuffle: the same findings are sampled on every run and machine."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Unit:
    """One reviewable place: a finding's primary place (``index`` 0) or one of its ``places``."""

    finding: KeyedFinding
    index: int

    @property
    def key(self) -> str:
        return self.finding.place_keys[self.index]

    @property
    def place(self) -> Place:
        return self.finding.places[self.index]

    @property
    def language(self) -> str:
        return self.place.language or "?"

    @property
    def word(self) -> str:
        return norm_words(self.place.matched) or "-"

    @property
    def form(self) -> str:
        return str(self.finding.record.get("form"))


class _RuleSample:
    """The picks for one rule: what is covered so far (reviewed places included) and what is left."""

    def __init__(
        self, units: list[Unit], judged: set[str], chosen: dict[str, tuple[Unit, list[str]]]
    ) -> None:
        self.units = units
        self.chosen = chosen
        self.picked = [u for u in units if u.key in judged]
        self.todo = sorted((u for u in units if u.key not in judged), key=lambda u: _rank(u.key))
        self.langs = Counter(u.language for u in self.picked)
        self.forms = Counter(u.form for u in self.picked)

    def take(self, u: Unit, why: str) -> None:
        if u.key not in self.chosen:
            self.chosen[u.key] = (u, [])
            self.picked.append(u)
            self.todo.remove(u)
            self.langs[u.language] += 1
            self.forms[u.form] += 1
        self.chosen[u.key][1].append(why)

    def best(self, candidates: Iterable[Unit]) -> Unit | None:
        """A primary place before a further one, then the least seen language and form."""
        return min(
            candidates,
            key=lambda u: (u.index > 0, self.langs[u.language], self.forms[u.form], _rank(u.key)),
            default=None,
        )

    def run(self) -> None:
        for u in list(self.todo):
            if u.index == 0 and u.finding.record.get("severity") in ("warning", "error"):
                self.take(u, f"severity {u.finding.record['severity']}")
        for lang in sorted({u.language for u in self.units}):
            if not any(u.language == lang for u in self.picked):
                pick = self.best(u for u in self.todo if u.language == lang)
                if pick:
                    self.take(pick, f"language {lang}")
        for word, n in sorted(Counter(u.word for u in self.units).items()):
            if n < FREQUENT_WORD:
                continue
            for _ in range(PER_WORD - sum(1 for u in self.picked if u.word == word)):
                pick = self.best(u for u in self.todo if u.word == word)
                if pick is None:
                    break
                self.take(pick, f"word {word!r} x{n}")
        findings = {u.finding.key for u in self.units}
        while len({u.finding.key for u in self.picked}) < min(PER_RULE, len(findings)):
            pick = self.best(u for u in self.todo if u.index == 0)
            if pick is None:
                break
            self.take(pick, f"{PER_RULE} per rule")


def choose_sample(keys: KeyReport, judged: set[str]) -> dict[str, tuple[Unit, list[str]]]:
    """The stratified review sample: key -> (the place to review, why it was chosen).

    A verdict is about one place, so the sample is made of places: a finding's primary place,
    and for the word and language quotas also the further places of grouped findings (a
    statutory ``legal-term`` finding per form stands for every "mor" in it). Places that
    already have a verdict are not chosen again but count toward each quota, so repeated rounds
    top up what is missing instead of growing forever. Per rule, in this order: every finding at
    warning or error; every language; every matched word seen ``FREQUENT_WORD`` times at least
    ``PER_WORD`` times; then findings up to ``PER_RULE``. Each pick prefers a finding's primary
    place, then the language and the form seen least so far, ties broken by a hash of the key.
    """
    chosen: dict[str, tuple[Unit, list[str]]] = {}
    by_rule: dict[str, list[Unit]] = defaultdict(list)
    for kf in keys.findings:
        by_rule[kf.rule].extend(Unit(kf, i) for i in range(len(kf.places)))
    for _rule, units in sorted(by_rule.items()):
        _RuleSample(units, judged, chosen).run()
    return chosen


class _ReviewDumper(yaml.SafeDumper):
    """Writes None as an empty value, so ``verdict:`` and ``reason:`` wait to be filled in."""


_ReviewDumper.add_representer(
    type(None), lambda d, _v: d.represent_scalar("tag:yaml.org,2002:null", "")
)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_ReviewDumper, allow_unicode=True, sort_keys=False, width=10**6)


def _location(loc: dict[str, Any]) -> dict[str, Any]:
    out = dict(loc)
    if "source" in out:
        out["source"] = relative_path(str(out["source"]))
    return out


def sample_entry(u: Unit, why: list[str]) -> dict[str, Any]:
    """One place to review, with what a reviewer needs to judge it without opening the form."""
    r, p = u.finding.record, u.place
    entry: dict[str, Any] = {
        "key": u.key,
        "rule": r["rule"],
        "severity": r["severity"],
        "language": p.language,
        "form": r.get("form"),
        "form_title": r.get("form_title"),
        "matched": p.matched,
        "scope": r.get("scope"),
        "excerpt": p.excerpt,
        "location": _location(dict(p.location)),
        "sampled_for": why,
    }
    if u.index:
        entry["place_of"] = u.finding.key
    elif len(u.finding.places) > 1:
        entry["further_places"] = len(u.finding.places) - 1
    entry["verdict"] = None
    entry["reason"] = None
    return entry


SAMPLE_HEADER = """\
# Review sample from benchmarks/audit.py --sample: findings with no verdict yet.
# For each entry set `verdict:` to tp (right, an editor should see it) or fp (should stay
# silent) and write a one-line `reason:`; leave both empty when unsure. Then run
#   .venv/bin/python benchmarks/audit.py --merge THIS_FILE
# which adds the filled entries to tests/audit/verdicts.yaml (the others are skipped).
# A verdict covers its key only. An entry with `place_of:` is a further place of a grouped
# finding (the finding's own key); `further_places:` says how many places a finding stands for.
"""


def write_sample(keys: KeyReport, judged: set[str], out: Path) -> Counter[str]:
    chosen = choose_sample(keys, judged)
    entries = [
        sample_entry(u, why)
        for u, why in sorted(chosen.values(), key=lambda c: (c[0].finding.rule, c[0].key))
    ]
    out.write_text(SAMPLE_HEADER + _dump({"sample": entries}), encoding="utf-8")
    return Counter(str(e["rule"]) for e in entries)


# --------------------------------------------------------------------------- merging


def read_reviewed(path: Path) -> list[dict[str, Any]]:
    """Entries of a reviewed sample: a ``sample:``/``verdicts:`` mapping or a plain list."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):
        data = data.get("sample") or data.get("verdicts") or []
    if not isinstance(data, list):
        raise SystemExit(f"{path}: expected a list of entries (or a 'sample:' list)")
    return [e for e in data if isinstance(e, dict)]


def verdict_entry(e: dict[str, Any]) -> dict[str, Any]:
    """The fields the verdict file keeps: what the test checks, then copies for a reader."""
    return {
        "key": e["key"],
        "verdict": e["verdict"],
        "reason": one_line(str(e["reason"]), 400),
        "rule": e.get("rule") or str(e["key"]).split(" | ", 1)[0],
        "matched": e.get("matched") or "",
        "excerpt": one_line(str(e.get("excerpt") or "")),
    }


def _header(path: Path) -> str:
    """The comment block at the top of the verdict file, kept when the file is rewritten."""
    if not path.is_file():
        return ""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#") or not line.strip():
            lines.append(line)
        else:
            break
    return "".join(lines)


def merge(reviewed_path: Path, verdicts_path: Path, keys: KeyReport) -> int:
    """Add the filled entries of a reviewed sample to the verdict file, sorted by key.

    Entries left empty are skipped; entries with a verdict but no reason (or another verdict
    than tp/fp) stop the merge, so nothing half-reviewed lands. A key already in the file is
    replaced (the newer review wins, and is listed).
    """
    entries = read_reviewed(reviewed_path)
    filled = [e for e in entries if e.get("verdict") not in (None, "")]
    skipped = len(entries) - len(filled)
    new = [
        {"key": e.get("key"), "verdict": e.get("verdict"), "reason": e.get("reason")}
        for e in filled
    ]
    problems = verdict_problems(new)
    if problems:
        print("not merged:", *problems, sep="\n  ")
        return 2
    data = load_verdict_file(verdicts_path)
    current = {str(v["key"]): v for v in data["verdicts"] if isinstance(v, dict) and "key" in v}
    replaced = [e["key"] for e in filled if e["key"] in current]
    for e in filled:
        current[str(e["key"])] = verdict_entry(e)
    reported = keys.reported()
    for e in filled:
        if e["key"] not in reported:
            print(f"note: {e['key']!r} is not reported by the current run")
    body = {
        "reviewed": reviewed_summary([kf.record for kf in keys.findings], len(current)),
        "verdicts": [current[k] for k in sorted(current)],
    }
    verdicts_path.write_text(_header(verdicts_path) + _dump(body), encoding="utf-8")
    print(
        f"merged {len(filled)} verdicts ({len(replaced)} replaced, {skipped} left empty) into "
        f"{_rel(verdicts_path)}: {len(current)} in all"
    )
    for k in replaced:
        print(f"  replaced: {k}")
    return 0


# --------------------------------------------------------------------------- main


def write_json(keys: KeyReport, out: Path) -> None:
    """The raw finding records with their audit keys, sorted by key so two runs diff cleanly."""
    records = [
        {**kf.record, "audit_key": kf.key, "audit_place_keys": list(kf.place_keys)}
        for kf in sorted(keys.findings, key=lambda k: k.key)
    ]
    out.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", type=Path, metavar="OUT.yaml", help="write a review sample")
    ap.add_argument("--merge", type=Path, metavar="REVIEWED.yaml", help="merge reviewed entries")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the raw finding records")
    ap.add_argument("--verdicts", type=Path, default=VERDICTS, help="the verdict file")
    ap.add_argument(
        "--profile",
        default=None,
        help="lint with this policy profile instead of the default (the verdicts hold for the "
        "default, standard: 'strict' turns the statutory context off, so --sample then shows "
        "the statutory wording that standard keeps out, to record as fp)",
    )
    ap.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if an fp is reported or a tp is lost, or a verdict is broken",
    )
    args = ap.parse_args(argv)
    if not audit_available():
        print(SKIP_REASON, file=sys.stderr)
        return 2

    from formlint.api import make_engine

    engine = make_engine(profile=args.profile)
    rule_ids, aliases = rule_catalogue(engine)
    run = run_audit(engine)
    for err in run.errors:
        print(f"error: {err}", file=sys.stderr)
    keys = assign_keys(run.records)

    if args.merge:
        return merge(args.merge, args.verdicts, keys)

    print_table(keys, run.documents)
    verdict_file = load_verdict_file(args.verdicts)
    broken = print_verdicts(
        keys, verdict_file, args.verdicts, lambda key: unknown_rule(key, rule_ids, aliases)
    )

    if args.json:
        write_json(keys, args.json)
        print(f"\nwrote {len(keys.findings)} records to {args.json}")
    if args.sample:
        judged = {
            str(v["key"])
            for v in verdict_file["verdicts"]
            if isinstance(v, dict) and v.get("verdict") in VERDICT_VALUES
        }
        sizes = write_sample(keys, judged, args.sample)
        per_rule = ", ".join(f"{r} {n}" for r, n in sorted(sizes.items()))
        print(f"\nwrote a review sample of {sum(sizes.values())} to {args.sample}: {per_rule}")
    if args.check and broken:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
