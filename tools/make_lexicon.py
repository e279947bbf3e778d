#!/usr/bin/env python3
"""Write the ``forms:`` of every entry in rules/lexicon/nb.yaml and nn.yaml from their sources.

    python tools/make_lexicon.py            # rewrite the forms lines
    python tools/make_lexicon.py --check    # exit 1 (and show a diff) when a file is stale
    python tools/make_lexicon.py --report   # where each form comes from, homographs, collisions

Only the ``forms:`` line of each entry is written (added when an entry has none). Every other line
of the files, comments included, is hand-written and kept byte for byte: the entries' lemma,
concepts and *sources*, the compound tables and the marker words. en.yaml is hand-written and not
touched.

Sources of an entry
-------------------
Bokmål (nb.yaml), from Norsk Ordbank Bokmål 2005 (updated 2018-06-27; Språkbanken,
Nasjonalbiblioteket; CC BY 4.0) as shipped in the ``spacy-lookups-data`` package
(``spacy_lookups_data/data/nb_lemma_exc.json.gz``: part of speech -> surface form -> lemma). Only
this script needs the package (``pip install -e '.[dev]'``); formlint never loads it.

``ordbank: [...]``, each item one paradigm, read by inverting that table:
  ``mor``             every surface form Ordbank gives the noun lemma ``mor``
  ``adj:mannlig``     the same from the adjective table (also ``verb:``, ``adv:``)
  ``med+mor``         a compound Ordbank lacks: ``med`` glued before each form of the noun ``mor``
                      (``adj:ikke-+binær`` for an adjective)
``drop: {form: reason}``  forms of those paradigms that are not taken (homographs that are another
                      word in ordinary text, e.g. ``morer`` = the verb "more"). A drop that no
                      paradigm produces is an error (stale).
``hand: [...]``       forms Ordbank does not give this lemma, kept by hand. A hand form that a
                      paradigm already produces is an error, so ``hand`` lists exactly the forms
                      that are *not* from Ordbank. ``--report`` says where Ordbank has them instead.
``genitive: false``   no genitive forms. By default an entry with a noun paradigm gets the
                      s-genitive of each of its noun forms and hand forms (Ordbank has no
                      genitives): mor -> mors, moren -> morens, mødre -> mødres. Forms ending in
                      s, x or z, abbreviations and multi-word forms get none.

Why not all of Ordbank as it is: the table maps each surface form to *one* lemma, so a form shared
by two lemmas is listed under one of them only. "faren" is under "fare" (danger), "fedre" and
"fedrene" under "fader", "navnene" under "navne" (namesake), "mora" under "mora" (delay), and the
noun "far" gets the paradigm of "far" n. 'track' (fara, faret). Compounds newer than 2005
(medmor, foresatt as a noun, tiltalsnavn, fedrekvote, transperson) are missing, and so are
pronouns and function words (pronouns are hand entries). ``--report`` lists all of this.

Nynorsk (nn.yaml): there is no Nynorsk full-form lexicon on a package registry (Norsk Ordbank
nynorsk is published by Språkbanken but not packaged; Debian's hunspell-no has nn_NO under the GPL
and is not used). The paradigms are made by the regular Nynorsk inflection classes of the 2012
norm (Nynorskordboka), written out below, plus hand forms:

``inflect: [...]``, each item ``class:word``:
  ``m``     masculine:  gut, guten, gutar, gutane (a final -e drops before -ar/-ane: ektefellar)
  ``f``     feminine:   jente, jenta, jenter, jentene (final -e drops: kvinna, kvinner)
  ``f-ar``  feminine with -ar plural: fedrekvote, fedrekvota, fedrekvotar, fedrekvotane
  ``n``     neuter:     namn, namnet, namn, namna
  ``adj``   adjective:  ikkje-binær, ikkje-binært, ikkje-binære (-leg/-ig: einsleg, einslege;
            -nd: ukjend, ukjent, ukjende)
  ``irr``   an irregular noun, or a compound ending in one (medmor, rådmann, fosterforelder):
            mor, mora, mødrer, mødrene · far, faren, fedrar, fedrane · mann, mannen, menn,
            mennene · forelder, forelderen, foreldre, foreldra
``hand``, ``drop`` as for Bokmål (``hand`` holds Bokmål forms seen in Nynorsk text, e.g. "fedre",
and forms outside the classes). Genitives: the s-genitive of the *singular* forms the classes make
(mors, moras, fars, farens); Nynorsk uses the s-genitive little, and only there.

Every generated list starts with the lemma, then each source's forms in the order the entry lists
its sources (an Ordbank paradigm sorted by length and alphabet, a Nynorsk class in paradigm
order), then the hand forms as written, then the genitives in the order of their bases: the
output depends only on the entry and the Ordbank data, never on the forms line it replaces.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
LEXICON_DIR = ROOT / "rules" / "lexicon"
GENERATED = ("nb", "nn")
ORDBANK_PACKAGE = "spacy-lookups-data"
ORDBANK_VERSION = "1.0.5"  # the version the shipped nb.yaml was made from
WIDTH = 100

# --- Nynorsk inflection (2012 norm) -----------------------------------------------------------

NN_IRREGULAR: dict[str, tuple[str, ...]] = {
    # indefinite sg, definite sg, indefinite pl, definite pl
    "mor": ("mor", "mora", "mødrer", "mødrene"),
    "far": ("far", "faren", "fedrar", "fedrane"),
    "mann": ("mann", "mannen", "menn", "mennene"),
    "forelder": ("forelder", "forelderen", "foreldre", "foreldra"),
}


def _stem_e(word: str) -> str:
    return word[:-1] if word.endswith("e") else word


def nn_paradigm(cls: str, word: str) -> tuple[list[str], list[str]]:
    """(all forms, singular noun forms) of ``word`` in Nynorsk inflection class ``cls``."""
    if cls == "m":
        sg = [word, word + ("n" if word.endswith("e") else "en")]
        return [*sg, _stem_e(word) + "ar", _stem_e(word) + "ane"], sg
    if cls == "f":
        sg = [word, _stem_e(word) + "a"]
        return [*sg, _stem_e(word) + "er", _stem_e(word) + "ene"], sg
    if cls == "f-ar":
        sg = [word, _stem_e(word) + "a"]
        return [*sg, _stem_e(word) + "ar", _stem_e(word) + "ane"], sg
    if cls == "n":
        return [word, word + "et", word + "a"], [word, word + "et"]
    if cls == "adj":
        if word.endswith(("leg", "ig")):
            return [word, word + "e"], []
        if word.endswith("nd"):  # ukjend, ukjent, ukjende
            return [word, word[:-1] + "t", word + "e"], []
        return [word, word + "t", word + "e"], []
    if cls == "irr":
        for head in sorted(NN_IRREGULAR, key=len, reverse=True):
            if word.endswith(head):
                prefix = word[: len(word) - len(head)]
                forms = [prefix + f for f in NN_IRREGULAR[head]]
                return forms, forms[:2]
        raise LexiconError(f"irr:{word}: no irregular head ({', '.join(NN_IRREGULAR)}) ends it")
    raise LexiconError(f"unknown Nynorsk inflection class {cls!r} (m, f, f-ar, n, adj, irr)")


# --- Norsk Ordbank (Bokmål) ------------------------------------------------------------------


class LexiconError(Exception):
    pass


@dataclass
class Ordbank:
    """Norsk Ordbank Bokmål as spacy-lookups-data ships it, indexed both ways."""

    by_surface: dict[str, dict[str, list[str]]]  # pos -> surface -> [lemma]
    by_lemma: dict[tuple[str, str], set[str]]  # (pos, lemma) -> surfaces
    version: str

    def paradigm(self, pos: str, lemma: str) -> set[str]:
        return set(self.by_lemma.get((pos, lemma), ()))

    def elsewhere(self, form: str, own: set[tuple[str, str]]) -> list[str]:
        """Where Ordbank lists ``form`` other than under the entry's own paradigms."""
        out = []
        for pos, table in sorted(self.by_surface.items()):
            for lemma in table.get(form, []):
                if (pos, lemma) not in own:
                    out.append(f"{pos} {lemma}")
        return out


@cache
def load_ordbank() -> Ordbank:
    try:
        from importlib.metadata import version
        from importlib.resources import files

        data = files("spacy_lookups_data") / "data" / "nb_lemma_exc.json.gz"
        raw = data.read_bytes()
        ver = version(ORDBANK_PACKAGE)
    except (ImportError, FileNotFoundError, ModuleNotFoundError) as exc:
        raise LexiconError(
            f"Norsk Ordbank data not found ({exc}): install the dev tools, "
            f"pip install -e '.[dev]' (package {ORDBANK_PACKAGE}=={ORDBANK_VERSION})"
        ) from None
    tables: dict[str, dict[str, list[str]]] = json.loads(gzip.decompress(raw))
    by_lemma: dict[tuple[str, str], set[str]] = {}
    for pos, table in tables.items():
        for surface, lemmas in table.items():
            for lemma in lemmas:
                by_lemma.setdefault((pos, lemma), set()).add(surface)
    return Ordbank(tables, by_lemma, ver)


# --- entries ---------------------------------------------------------------------------------


@dataclass
class Made:
    """One entry's forms and where each came from."""

    lemma: str
    forms: list[str]
    origin: dict[str, str] = field(default_factory=dict)  # form -> "ordbank noun mor", "hand", …
    own: set[tuple[str, str]] = field(default_factory=set)  # the Ordbank paradigms used


def _ordered(lemma: str, groups: Iterable[Iterable[str]], genitives: dict[str, str]) -> list[str]:
    """The lemma; each group's forms (the sources in the entry's order, then the hand forms);
    then the genitives in the order of their bases."""
    key = lambda f: (len(f), f)  # noqa: E731
    out = [lemma]
    seen = {lemma}
    for group in groups:
        for f in group:
            if f not in seen:
                out.append(f)
                seen.add(f)
    bases = {base: g for g, base in genitives.items()}
    for f in list(out) + sorted(set(bases) - seen, key=key):
        g = bases.get(f)
        if g and g not in seen:
            out.append(g)
            seen.add(g)
    return out


def _genitive(form: str) -> str | None:
    if " " in form or "." in form or form.endswith(("s", "x", "z")) or not form[-1:].isalpha():
        return None
    return form + "s"


def make_entry(lang: str, raw: dict[str, object]) -> Made:
    lemma = str(raw["lemma"])
    made = Made(lemma, [])
    base: dict[str, str] = {}  # form -> origin
    groups: list[list[str]] = []  # each source's forms, then the hand forms
    key = lambda f: (len(f), f)  # noqa: E731
    noun_forms: set[str] = set()  # forms whose genitive is made
    has_noun = False
    if lang == "nb":
        for item in _strings(raw.get("ordbank"), lemma, "ordbank"):
            pos, _, spec = item.rpartition(":")
            pos = pos or "noun"
            prefix, _, word = spec.rpartition("+")
            ob = load_ordbank()
            found = ob.paradigm(pos, word)
            if not found:
                raise LexiconError(f"{lang} {lemma}: Ordbank has no {pos} {word!r}")
            made.own.add((pos, word))
            groups.append(sorted((prefix + f for f in found), key=key))
            for f in found:
                base.setdefault(
                    prefix + f, f"Ordbank {pos} {word}" + (f" after {prefix}" if prefix else "")
                )
            if pos == "noun":
                has_noun = True
                noun_forms |= {prefix + f for f in found}
    elif lang == "nn":
        for item in _strings(raw.get("inflect"), lemma, "inflect"):
            cls, _, word = item.partition(":")
            if not word:
                raise LexiconError(f"nn {lemma}: inflect item {item!r} is not class:word")
            made_forms, singular = nn_paradigm(cls, word)
            groups.append(made_forms)
            for f in made_forms:
                base.setdefault(f, f"class {cls} of {word}")
            if cls != "adj":
                has_noun = True
                noun_forms |= set(singular)
    drop = raw.get("drop") or {}
    if not isinstance(drop, dict):
        raise LexiconError(f"{lang} {lemma}: drop must be a mapping form -> reason")
    hand = _strings(raw.get("hand"), lemma, "hand")
    for f in hand:
        if f in base:
            raise LexiconError(
                f"{lang} {lemma}: hand form {f!r} is already made ({base[f]}): remove it from hand"
            )
        base[f] = "hand"
    groups.append(hand)
    made_base = set(base)
    for f in drop:
        base.pop(f, None)
    genitive = raw.get("genitive", has_noun)
    gens: dict[str, str] = {}
    if genitive:
        # Bokmål: every noun form and hand form; Nynorsk: the singular forms of the classes
        sources = (noun_forms | set(hand)) if lang == "nb" else noun_forms
        for f in sorted(sources & set(base)):
            g = _genitive(f)
            if g and g not in base:
                gens[g] = f
    for f in drop:
        if f not in made_base and f not in gens:
            raise LexiconError(f"{lang} {lemma}: drop {f!r} is made by no source (stale)")
        gens.pop(f, None)
    made.origin = {**base, **{g: f"genitive of {b}" for g, b in gens.items()}}
    made.origin.setdefault(lemma, "lemma")
    made.forms = _ordered(lemma, [[f for f in g if f in base] for g in groups], gens)
    return made


def _strings(value: object, lemma: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{lemma}: {key} must be a list of strings")
    return list(value)


# --- the file ------------------------------------------------------------------------------


def _scalar(form: str) -> str:
    """A YAML flow scalar: bare when it reads back as itself, else double-quoted."""
    try:
        if yaml.safe_load(f"[{form}]") == [form]:
            return form
    except yaml.YAMLError:
        pass
    return json.dumps(form, ensure_ascii=False)


def forms_lines(forms: list[str]) -> list[str]:
    """``    forms: [a, b, …]`` wrapped at WIDTH, continuation lines indented by six."""
    lines: list[str] = []
    cur = "    forms: ["
    items = [_scalar(f) for f in forms]
    for i, item in enumerate(items):
        piece = item + ("]" if i == len(items) - 1 else ",")
        if cur.endswith("["):
            cur += piece
        elif len(cur) + 1 + len(piece) > WIDTH:
            lines.append(cur)
            cur = "      " + piece
        else:
            cur += " " + piece
    lines.append(cur)
    return [ln + "\n" for ln in lines]


_ENTRY_START = re.compile(r"^  - lemma: (.+?)\s*$")
_FORMS = re.compile(r"^    forms:")


def render(lang: str, text: str) -> tuple[str, list[Made]]:
    """The file with every entry's forms line(s) made anew, and the entries made."""
    data = yaml.safe_load(text)
    entries = data.get("entries") or []
    made = [make_entry(lang, e) for e in entries]
    seen: set[str] = set()
    for m in made:
        if m.lemma in seen:
            raise LexiconError(f"{lang}: lemma {m.lemma!r} has two entries")
        seen.add(m.lemma)
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    n = 0
    in_entries = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("entries:"):
            in_entries = True
        elif in_entries and line[:1] not in ("", " ", "#", "\n"):
            in_entries = False
        start = _ENTRY_START.match(line) if in_entries else None
        if not start:
            if in_entries and line.startswith("  - "):
                raise LexiconError(
                    f"{lang}.yaml line {i + 1}: an entry must be a block starting '  - lemma: '"
                )
            out.append(line)
            i += 1
            continue
        if n >= len(made) or str(yaml.safe_load(start.group(1))) != made[n].lemma:
            raise LexiconError(f"{lang}.yaml line {i + 1}: entries out of step with the YAML")
        block = [line]
        i += 1
        while i < len(lines) and lines[i].startswith("    "):
            block.append(lines[i])
            i += 1
        new_block: list[str] = []
        j = 0
        wrote = False
        while j < len(block):
            if _FORMS.match(block[j]):
                depth = block[j].count("[") - block[j].count("]")
                j += 1
                while depth > 0 and j < len(block):
                    depth += block[j].count("[") - block[j].count("]")
                    j += 1
                new_block += forms_lines(made[n].forms)
                wrote = True
                continue
            new_block.append(block[j])
            j += 1
        if not wrote:
            new_block += forms_lines(made[n].forms)
        out += new_block
        n += 1
    if n != len(made):
        raise LexiconError(f"{lang}.yaml: {len(made)} entries, {n} entry blocks found")
    new_text = "".join(out)
    if yaml.safe_load(new_text).get("entries") is None:  # pragma: no cover - sanity
        raise LexiconError(f"{lang}.yaml: entries lost")
    return new_text, made


def report(lang: str, made: list[Made]) -> None:
    print(f"== {lang}.yaml: {len(made)} entries, {sum(len(m.forms) for m in made)} forms")
    ob = load_ordbank() if lang == "nb" else None
    owner: dict[str, list[str]] = {}
    for m in made:
        for f in m.forms:
            owner.setdefault(f, []).append(m.lemma)
    for m in made:
        print(f"{m.lemma}:")
        for f in m.forms:
            note = m.origin.get(f, "")
            if ob is not None:
                other = ob.elsewhere(f, m.own)
                if other and f != m.lemma:
                    note += f"; Ordbank also: {', '.join(other)}"
            if lang == "nn":
                other = [
                    o
                    for o in (load_ordbank().elsewhere(f, set()) if _have_ordbank() else [])
                    if o.split(" ", 1)[1] != m.lemma
                ]
                if other:
                    note += f"; a Bokmål word in Ordbank: {', '.join(other)}"
            print(f"    {f:24} {note}")
    shared = {f: ls for f, ls in owner.items() if len(ls) > 1}
    if shared:
        print("forms in more than one entry:")
        for f, ls in sorted(shared.items()):
            print(f"    {f}: {', '.join(ls)}")


def _have_ordbank() -> bool:
    try:
        load_ordbank()
    except LexiconError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when a file is not up to date")
    ap.add_argument("--report", action="store_true", help="print where every form comes from")
    ap.add_argument("--lang", action="append", choices=GENERATED, help="only this file")
    args = ap.parse_args(argv)
    stale = False
    try:
        if "nb" in (args.lang or GENERATED):
            ob = load_ordbank()
            if ob.version != ORDBANK_VERSION:
                print(
                    f"note: {ORDBANK_PACKAGE} {ob.version} installed; nb.yaml was made from "
                    f"{ORDBANK_VERSION}",
                    file=sys.stderr,
                )
        for lang in args.lang or GENERATED:
            path = LEXICON_DIR / f"{lang}.yaml"
            old = path.read_text(encoding="utf-8")
            new, made = render(lang, old)
            if args.report:
                report(lang, made)
            if new == old:
                continue
            if args.check:
                stale = True
                sys.stdout.writelines(
                    difflib.unified_diff(
                        old.splitlines(keepends=True),
                        new.splitlines(keepends=True),
                        f"{path.relative_to(ROOT)} (as it is)",
                        f"{path.relative_to(ROOT)} (as tools/make_lexicon.py writes it)",
                    )
                )
            else:
                path.write_text(new, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)}")
    except LexiconError as exc:
        print(f"make_lexicon: {exc}", file=sys.stderr)
        return 2
    if stale:
        print("\nrules/lexicon is stale: run  python tools/make_lexicon.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
