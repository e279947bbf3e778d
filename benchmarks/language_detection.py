"""Language detection (issue 14): the marker-word detector formlint had, Lingua, and formlint's
decision now, measured on labelled real form strings.

Run: ``.venv/bin/python benchmarks/language_detection.py [--shared ../shared] [--limit N]``

What is labelled, and how (all read-only from the shared folder):

* **NAV Form.io translation files** (``audit/navikt__skjemautfylling-formio/translations`` and
  ``corpus/formio/*/translations``, plus NAV's ``resources/global-translations-*.json``). Each maps
  a Bokmål source string (the key; for a UUID key, its ``nb-NO`` value) to its ``nn-NO`` and
  ``en`` translations. Keys are Bokmål samples; ``nn-NO`` and ``en`` values are Nynorsk and English
  samples only where they differ from the key word for word (case and punctuation aside): an
  untranslated value is no label. A key whose Nynorsk translation is the same words is valid in
  both standards (or was left untranslated) and is scored apart as ``nb|nn``, where either answer
  is right. HTML tags, entities and ``{{placeholders}}`` are stripped; strings without a word of
  two letters, with a URL, or that are one program identifier (``invalidIBAN``) are dropped.
  De-duplicated on the text; a text that occurs under both a Norwegian and the English label
  ("Status") is dropped, one under both Bokmål and Nynorsk labels counts as ``nb|nn``.
* **English written as English**: CSIRO's FHIR Questionnaires (item texts, answer displays) and
  GOV.UK Design System pattern pages (``text``/``html``/``label``/``hint``/``title`` strings).
* **Sámi and Danish/Swedish/German**: no labelled source in the shared folder, so a handful of
  sentences and labels written for this script (below), plus the Sámi paragraphs of the demo
  site's ``sma`` page. For Sámi the right answer is "Sámi"; for the others any answer but nb, nn or
  en (not forced into a Norwegian lexicon).
* **Altinn text resources** (``corpus/altinn/**/resource.{nb,nn,en}.json``): the file name is a
  noisy label (the ``nb`` files of test apps hold English strings, the ``nn`` file is a copy of the
  ``nb`` one, and a ``resource.en.json`` may hold Norwegian), so they are not scored: the script
  shows, per file, what the final decision says of its strings and of the whole file.

Noise that remains: NAV keys and translations hold names, codes, form numbers and mixed text
("Skjema NAV 10-07.03"); some Nynorsk translations keep Bokmål words or whole Bokmål sentences;
some English values keep Norwegian names of benefits and offices; FHIR has units ("mmol/L").
Short strings are the noisiest. A few tenths of a per cent of "wrong" answers on long strings are
label noise, not detector errors.

Printed: per detector, the share right per true language and per length bucket (words: 1–2, 3–5,
6–15, 16+), unsure and wrong; microseconds per call, cold (nothing cached) and cached; then, for
``choose_language``, how often the text keeps a correct mark and puts right a wrong one, before
and after, and the threshold sweep the module's thresholds come from; then whole documents with
``form_language``.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# measure this checkout, not whichever formlint the venv has installed (a worktree shares a venv)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from formlint.nlp import langdetect as ld

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
BUCKETS = ("1-2", "3-5", "6-15", "16+")

_TAG = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}")
_SPACE = re.compile(r"\s+")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_URL = re.compile(r"https?://|www\.", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_IDENTIFIER = re.compile(r"^\S*(?:[a-zæøå][A-ZÆØÅ]|_)\S*$")

# Written for this benchmark (no labelled Sámi, Danish, Swedish or German source is in shared/).
HANDWRITTEN: dict[str, list[str]] = {
    "sma": [
        # Northern Sámi
        "Dát skovvi lea dutnje gii áigu ohcat mánáidgárdesaji.",
        "Čále du nama ja du čujuhusa.",
        "Mii dárbbašit dieđuid du birra ovdal go sáhttit meannudit ohcamuša.",
        "Vástit buot gažaldagaide ja sádde skovi min kantuvrii.",
        "Leat go dus mánát geat orrot du luhtte?",
        "Ohcamuš galgá sáddejuvvot ovdal njukčamánu loahpa.",
        "Riegádanbeaivi",
        "Mánnái lea dárbu veahkkái skuvllas.",
        # Southern Sámi
        "Dïhte mij vuesiehtamme, jïh gaajhkh maanah leah buerie.",
        "Daate lea åarjelsaemien gïelesne, jïh mijjieh dïsse bïevnesh vedtebe.",
    ],
    "other": [
        # Danish
        "Udfyld venligst skemaet med dine oplysninger.",
        "Ansøgningen skal være modtaget senest den 1. marts.",
        "Vi behandler dine personoplysninger fortroligt.",
        "Har du børn under 18 år, som bor hos dig?",
        "Navn og adresse",
        "Køn",
        # Swedish
        "Fyll i blanketten och skicka den till oss.",
        "Ansökan ska ha kommit in senast den 1 mars.",
        "Vi behandlar dina personuppgifter konfidentiellt.",
        "Har du barn under 18 år som bor hos dig?",
        "Namn och adress",
        "Födelsedatum",
        # German
        "Bitte füllen Sie das Formular vollständig aus.",
        "Der Antrag muss bis zum 1. März eingegangen sein.",
        "Wir behandeln Ihre personenbezogenen Daten vertraulich.",
        "Haben Sie Kinder unter 18 Jahren, die bei Ihnen wohnen?",
        "Name und Anschrift",
        "Geschlecht",
    ],
}


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    label: str  # nb, nn, en, nb|nn (right either way), sma, other (right unless nb/nn/en)
    source: str


@dataclass(slots=True)
class Document:
    """A whole form's texts in one language (a translation file's locale, an Altinn resource file)."""

    texts: list[str]
    label: str
    source: str


def clean(text: str) -> str:
    """Visible text: tags, ``{{placeholders}}`` and entities out, whitespace collapsed."""
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\xa0", " ")
    text = _PLACEHOLDER.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def bucket(text: str) -> str:
    n = len(words(text))
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-15" if n <= 15 else "16+"


def usable(text: str) -> bool:
    """A text with a word of two letters or more, no URL, and not a program identifier (NAV's
    global translations key some messages by ``camelCase`` names, which are no language)."""
    return (
        not _URL.search(text)
        and not _IDENTIFIER.match(text)
        and any(len(w) >= 2 for w in words(text))
    )


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _same(a: str, b: str) -> bool:
    """Word-for-word the same text (an untranslated value), case and punctuation aside."""
    return [w.casefold() for w in words(a)] == [w.casefold() for w in words(b)]


def _translation_maps(shared: Path) -> list[tuple[str, dict[str, dict[str, str]]]]:
    """(source, {locale: {key: value}}) for every Form.io translation file and NAV's globals."""
    out: list[tuple[str, dict[str, dict[str, str]]]] = []
    paths = sorted((shared / "audit").glob("navikt__skjemautfylling-formio/translations/*.json"))
    paths += sorted((shared / "corpus" / "formio").glob("*/translations/*.json"))
    for path in paths:
        data = _read_json(path)
        maps = {loc: m for loc, m in data.items() if isinstance(m, dict)}
        out.append((f"formio:{path.parent.parent.parent.name}/{path.stem}", maps))
    for resources in sorted((shared / "corpus" / "formio").glob("*/resources")):
        glob_maps: dict[str, dict[str, str]] = {}
        for loc in ("nb-NO", "nn-NO", "en"):
            path = resources / f"global-translations-{loc}.json"
            if not path.is_file():
                continue
            merged = glob_maps.setdefault(loc, {})
            for entry in _read_json(path).get(loc, []):
                for key, val in (entry.get("translations") or {}).items():
                    if isinstance(val, dict) and isinstance(val.get("value"), str):
                        merged[key] = val["value"]
        out.append((f"formio:{resources.parent.name}/global", glob_maps))
    return out


def formio_samples(shared: Path) -> tuple[list[Sample], list[Document]]:
    raw: list[Sample] = []
    docs: list[Document] = []
    for source, maps in _translation_maps(shared):
        nb_map, nn_map, en_map = (maps.get(k, {}) for k in ("nb-NO", "nn-NO", "en"))
        per_doc: dict[str, list[str]] = defaultdict(list)
        for key in dict.fromkeys([*nb_map, *nn_map, *en_map]):
            # a UUID key stands for a long text: its Bokmål is the nb-NO value
            nb_text = clean(nb_map.get(key, "") if _UUID.match(key) else key)
            if not usable(nb_text):
                continue
            nn_text = clean(nn_map.get(key, ""))
            en_text = clean(en_map.get(key, ""))
            both = bool(nn_text) and _same(nn_text, nb_text)
            raw.append(Sample(nb_text, "nb|nn" if both else "nb", source))
            per_doc["nb"].append(nb_text)
            if nn_text and not both and usable(nn_text):
                raw.append(Sample(nn_text, "nn", source))
                per_doc["nn"].append(nn_text)
            if en_text and not _same(en_text, nb_text) and usable(en_text):
                raw.append(Sample(en_text, "en", source))
                per_doc["en"].append(en_text)
        for lang, texts in per_doc.items():
            docs.append(Document(texts, lang, f"{source} ({lang})"))
    return raw, docs


def _altinn_resources(shared: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(app, language of the file name, {id: text}) for every Altinn resource file."""
    out = []
    for path in sorted((shared / "corpus" / "altinn").glob("**/config/texts/resource.*.json")):
        lang = path.name.split(".")[1]
        app = path.parents[3].name
        data = _read_json(path)
        texts = {
            r["id"]: clean(r["value"])
            for r in data.get("resources", [])
            if isinstance(r.get("value"), str) and isinstance(r.get("id"), str)
        }
        out.append((app, lang, texts))
    return out


def altinn_documents(shared: Path) -> list[Document]:
    """Each Altinn resource file, labelled by its name: a noisy label (nb files hold English test
    strings, nn files are copies of nb, en files hold Norwegian); reported apart, never scored."""
    return [
        Document(
            [t for t in texts.values() if usable(t)], lang, f"altinn:{app} resource.{lang}.json"
        )
        for app, lang, texts in _altinn_resources(shared)
    ]


def _fhir_texts(items: list[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item.get("text"), str):
            out.append(item["text"])
        for opt in item.get("answerOption", []):
            coding = opt.get("valueCoding") or {}
            if isinstance(coding.get("display"), str):
                out.append(coding["display"])
            if isinstance(opt.get("valueString"), str):
                out.append(opt["valueString"])
        out += _fhir_texts(item.get("item", []))
    return out


_NJK_TEXT = re.compile(r"""\b(?:text|html|label|hint|title)\s*:\s*(["'])((?:(?!\1).)*)\1""", re.S)


def english_samples(shared: Path) -> tuple[list[Sample], list[Document]]:
    """English written as English: CSIRO's FHIR Questionnaires and GOV.UK's pattern pages."""
    samples: list[Sample] = []
    docs: list[Document] = []
    for path in sorted((shared / "corpus" / "fhir").glob("**/*.json")):
        texts = [clean(t) for t in _fhir_texts(_read_json(path).get("item", []))]
        texts = [t for t in texts if usable(t)]
        samples += [Sample(t, "en", f"fhir:{path.stem}") for t in texts]
        docs.append(Document(texts, "en", f"fhir:{path.stem}"))
    for path in sorted((shared / "corpus" / "html").glob("**/*.njk")):
        texts = [clean(m.group(2)) for m in _NJK_TEXT.finditer(path.read_text(encoding="utf-8"))]
        texts = [t for t in texts if usable(t)]
        samples += [Sample(t, "en", f"govuk:{path.parent.name}") for t in texts]
        docs.append(Document(texts, "en", f"govuk:{path.parent.name}/{path.name}"))
    return samples, docs


def other_samples() -> list[Sample]:
    """The handwritten Sámi and Danish/Swedish/German strings, and the demo site's Sámi page."""
    out = [Sample(t, label, "handwritten") for label, texts in HANDWRITTEN.items() for t in texts]
    page = ROOT / "formlint" / "demo" / "site" / "sma" / "index.html"
    if page.is_file():
        main = re.search(r"<main.*?</main>", page.read_text(encoding="utf-8"), re.S)
        for m in re.finditer(
            r"<(?:p|h1)[^>]*>(.*?)</(?:p|h1)>", main.group(0) if main else "", re.S
        ):
            text = clean(m.group(1))
            if usable(text) and not re.search(r"\d", text):  # not the address line
                out.append(Sample(text, "sma", "demo-site"))
    return out


def labelled(raw: Sequence[Sample]) -> tuple[list[Sample], int]:
    """One sample per text; a text under both a Norwegian and the English label is dropped."""
    labels: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Sample] = {}
    for s in raw:
        labels[s.text].add(s.label)
        first.setdefault(s.text, s)
    out: list[Sample] = []
    dropped = 0
    for text, found in labels.items():
        if len(found) == 1:
            label = next(iter(found))
        elif found <= {"nb", "nn", "nb|nn"}:
            label = "nb|nn"
        else:
            dropped += 1
            continue
        out.append(Sample(text, label, first[text].source))
    return out, dropped


# ---------------------------------------------------------------- detectors

Detector = Callable[[str], str | None]


_OLD_SAMI_WORDS = frozenset(
    [
        "lea",
        "leat",
        "dahje",
        "ahte",
        "go",
        "gos",
        "jïh",
        "dïhte",
        "dle",
        "aaj",
        "gaajhkh",
        "mij",
        "jis",
        "daan",
        "dan",
        "mov",
        "ij",
        "lij",
        "sijjen",
        "dïsse",
        "gïele",
        "bïjre",
    ]
)


def _old_looks_sami(text: str) -> bool:
    if len(ld._SAMI_LETTERS.findall(text)) >= 2:
        return True
    ws = [w.lower() for w in ld._WORD.findall(text)]
    return len(ws) >= 4 and sum(w in _OLD_SAMI_WORDS for w in ws) >= 2


def old_detect_with_margin(text: str) -> tuple[str | None, int]:
    """The marker-word detector as it was before issue 14 (commit dfb146d), verbatim."""
    if _old_looks_sami(text):
        return "sma", 99
    sc = ld.scores(text)
    norwegian = sc["nb"] + sc["nn"] + sc["no"]
    if sc["en"] > norwegian and (norwegian == 0 or sc["en"] >= 2 * norwegian):
        return "en", sc["en"] - norwegian
    if norwegian > sc["en"]:
        if sc["nn"] > sc["nb"] and (sc["nb"] == 0 or sc["nn"] >= 2 * sc["nb"]):
            return "nn", sc["nn"] - sc["nb"]
        if sc["nb"] > sc["nn"] and (sc["nn"] == 0 or sc["nb"] >= 2 * sc["nn"]):
            return "nb", sc["nb"] - sc["nn"]
    return None, 0


def old_detect(text: str) -> str | None:
    return old_detect_with_margin(text)[0]


def old_choose_language(text: str, marked: str | None, fallback: str) -> str:
    """``choose_language`` as it was before issue 14, verbatim."""
    if marked in ld.SAMI_CODES:
        return marked
    detected, margin = old_detect_with_margin(text)
    if detected in ld.SAMI_CODES:
        return "sma"
    if not marked:
        return detected or fallback
    if marked not in ("nb", "nn", "en"):
        return marked
    if detected and detected != marked:
        crosses = "en" in (detected, marked)
        if margin >= (2 if crosses else 3):
            return detected
    return marked


_CODES = {
    Language.BOKMAL: "nb",
    Language.NYNORSK: "nn",
    Language.ENGLISH: "en",
    Language.DANISH: "da",
    Language.SWEDISH: "sv",
    Language.GERMAN: "de",
}


def lingua_argmax(detector: LanguageDetector) -> Detector:
    """Lingua's most likely language, never unsure (None only for a text without letters)."""

    def detect(text: str) -> str | None:
        values = detector.compute_language_confidence_values(text)
        return _CODES[values[0].language] if values and values[0].value > 0 else None

    return detect


def lingua_confident(detector: LanguageDetector, threshold: float) -> Detector:
    """Lingua's most likely language when its confidence reaches ``threshold``, else unsure."""

    def detect(text: str) -> str | None:
        values = detector.compute_language_confidence_values(text)
        return _CODES[values[0].language] if values and values[0].value >= threshold else None

    return detect


def fused_argmax(text: str) -> str | None:
    """formlint's probabilities (Lingua + distinctive words), most likely, no threshold."""
    if ld.looks_sami(text):
        return "sma"
    p = ld.probabilities(text)
    best = max(p._fields, key=lambda f: float(getattr(p, f)))
    return best if max(p) > 0 else None


@functools.cache
def wide_detector() -> LanguageDetector:
    """Lingua with Danish, Swedish and German besides (high accuracy)."""
    return LanguageDetectorBuilder.from_languages(
        Language.BOKMAL,
        Language.NYNORSK,
        Language.ENGLISH,
        Language.DANISH,
        Language.SWEDISH,
        Language.GERMAN,
    ).build()


def detectors() -> dict[str, tuple[Detector, Callable[[], None] | None]]:
    """name -> (detect, clear its caches, None if it has none). Lingua variants are built here."""
    three = (Language.BOKMAL, Language.NYNORSK, Language.ENGLISH)
    low = LanguageDetectorBuilder.from_languages(*three).with_low_accuracy_mode().build()
    wide = wide_detector()
    cached_old = functools.lru_cache(maxsize=8192)(old_detect_with_margin)

    def clear_final() -> None:
        ld.probabilities.cache_clear()
        ld.detect_with_margin.cache_clear()

    return {
        "markers (before)": (lambda t: cached_old(t)[0], cached_old.cache_clear),
        "lingua nb/nn/en": (lingua_argmax(ld._lingua()), None),
        "lingua nb/nn/en low-acc": (lingua_argmax(low), None),
        "lingua +da/sv/de": (lingua_argmax(wide), None),
        "lingua +da/sv/de >= 0.9": (lingua_confident(wide, 0.9), None),
        "now: probabilities, argmax": (fused_argmax, ld.probabilities.cache_clear),
        "now: detect()": (ld.detect, clear_final),
    }


# ---------------------------------------------------------------- scoring


def right(label: str, answer: str | None) -> bool:
    if label == "other":
        return answer not in ("nb", "nn", "en")
    if label == "sma":
        return answer in ld.SAMI_CODES
    return answer is not None and answer in label.split("|")


def score(samples: Sequence[Sample], detect: Detector) -> dict[tuple[str, str], Counter[str]]:
    """(label, bucket or "all") -> counts of n, right, unsure, wrong."""
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for s in samples:
        answer = detect(s.text)
        verdict = "right" if right(s.label, answer) else "unsure" if answer is None else "wrong"
        for key in ((s.label, "all"), (s.label, bucket(s.text))):
            out[key]["n"] += 1
            out[key][verdict] += 1
    return out


def timing(
    texts: Sequence[str], detect: Detector, clear: Callable[[], None] | None
) -> tuple[float, float]:
    """CPU microseconds a call (the machine is shared): cold (caches cleared, each text once),
    then cached (the first 4,000 texts, a site's worth of labels that fits the caches, again). A
    detector without a cache of its own (``clear`` None) is timed through an ``lru_cache``."""
    if clear is not None:
        clear()
    t = time.process_time()
    for text in texts:
        detect(text)
    cold = (time.process_time() - t) / len(texts) * 1e6
    some = texts[:4000]
    if clear is None:
        detect = functools.lru_cache(maxsize=8192)(detect)
    for text in some:
        detect(text)
    t = time.process_time()
    for _ in range(5):
        for text in some:
            detect(text)
    return cold, (time.process_time() - t) / (5 * len(some)) * 1e6


def taken_for_other(samples: Sequence[Sample]) -> list[str]:
    """How often the six-language detector sends a Norwegian or English string to Danish, Swedish
    or German: as its first answer, and with 0.9 confidence (when formlint would skip the text)."""
    detector = wide_detector()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in samples:
        if s.label not in ("nb", "nn", "nb|nn", "en"):
            continue
        b = mark_bucket(s.text)
        values = detector.compute_language_confidence_values(s.text)
        top = values[0] if values else None
        counts[b]["n"] += 1
        if top is not None and _CODES[top.language] in ("da", "sv", "de"):
            counts[b]["first"] += 1
            counts[b]["confident"] += top.value >= 0.9
    return [
        "| nb/nn/en strings, lingua +da/sv/de | "
        + " | ".join(f"{b} words" for b in MARK_BUCKETS)
        + " |",
        "|---|" + "---|" * len(MARK_BUCKETS),
        "| taken for da/sv/de (first answer) | "
        + " | ".join(pct(counts[b]["first"], counts[b]["n"]) for b in MARK_BUCKETS)
        + " |",
        "| taken for da/sv/de at >= 0.9 | "
        + " | ".join(f"{counts[b]['confident']} of {counts[b]['n']}" for b in MARK_BUCKETS)
        + " |",
    ]


# ---------------------------------------------------------------- choose_language

MARK_BUCKETS = ("1", "2", "3-5", "6-15", "16+")
Chooser = Callable[[str, str | None, str], str]


def mark_bucket(text: str) -> str:
    n = len(words(text))
    return str(n) if n <= 2 else bucket(text)


def marking(samples: Sequence[Sample], choose: Chooser) -> dict[tuple[str, str], Counter[str]]:
    """For every nb/nn/en string marked each of nb, nn, en (the document's language the same):
    ("kept", bucket): a correct mark kept; ("fixed en/no", bucket): a mark on the wrong side of
    English/Norwegian put right; ("fixed nb/nn", bucket): the wrong Norwegian standard put right."""
    out: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for s in samples:
        if s.label not in ("nb", "nn", "en", "nb|nn"):
            continue
        labs = s.label.split("|")
        b = mark_bucket(s.text)
        for marked in ("nb", "nn", "en"):
            if marked in labs:
                row = "kept"
            elif ("en" in labs) != (marked == "en"):
                row = "fixed en/no"
            else:
                row = "fixed nb/nn"
            ok = choose(s.text, marked, marked) in labs
            for key in ((row, b), (row, "all")):
                out[key]["n"] += 1
                out[key]["ok"] += ok
    return out


def sweep(samples: Sequence[Sample], kind: str, thresholds: Sequence[float]) -> list[str]:
    """The harm (a correct mark overridden) and fix (a wrong mark put right) of one threshold of
    ``langdetect._override``, the other held at the module's value. ``en/no`` counts sides only."""
    lines = [
        "| threshold | " + " | ".join(f"{b} words: harm / fix" for b in MARK_BUCKETS) + " |",
        "|---|" + "---|" * len(MARK_BUCKETS),
    ]
    probs = {s.text: ld.probabilities(s.text) for s in samples}
    for th in thresholds:
        c: dict[str, Counter[str]] = defaultdict(Counter)
        for s in samples:
            if s.label not in ("nb", "nn", "en", "nb|nn"):
                continue
            labs = s.label.split("|")
            b = mark_bucket(s.text)
            p = probs[s.text]
            english = "en" in labs
            for marked in ("nb", "nn", "en"):
                if kind == "en/no":
                    answer = ld._override(p, marked, marked, cross=th)
                    good = (answer == "en") == english
                    mark_good = (marked == "en") == english
                else:
                    if english or marked == "en":
                        continue
                    answer = ld._override(p, marked, marked, nb_nn=th)
                    good = answer in labs
                    mark_good = marked in labs
                if mark_good:
                    c[b]["right marks"] += 1
                    c[b]["harm"] += not good
                else:
                    c[b]["wrong marks"] += 1
                    c[b]["fix"] += good
        cells = [
            f"{pct(c[b]['harm'], c[b]['right marks'])} / {pct(c[b]['fix'], c[b]['wrong marks'])}"
            for b in MARK_BUCKETS
        ]
        lines.append(f"| {th} | " + " | ".join(cells) + " |")
    return lines


# ---------------------------------------------------------------- documents


MIN_DOCUMENT_STRINGS = 10


def document_rows(docs: Sequence[Document]) -> list[str]:
    """Whole documents of ten strings or more (many translation files hold only a form's title):
    the marker detector and Lingua on the form sample, ``form_language`` unmarked, marked right,
    and marked wrong (each other language)."""
    lingua = lingua_argmax(ld._lingua())
    c: dict[str, Counter[str]] = defaultdict(Counter)
    times: list[float] = []
    for d in docs:
        texts = [t for t in d.texts if usable(t)]
        if len(texts) < MIN_DOCUMENT_STRINGS:
            continue
        sample = ld._form_sample(list(dict.fromkeys(texts)))
        row = c[d.label]
        row["docs"] += 1
        row["markers"] += old_detect(sample) == d.label
        row["lingua"] += lingua(sample) == d.label
        t = time.perf_counter()
        answer = ld.form_language(texts, None, "und")
        times.append(time.perf_counter() - t)
        row["final"] += answer == d.label
        row["final unsure"] += answer == "und"
        row["kept"] += ld.form_language(texts, d.label, d.label) == d.label
        for wrong in ("nb", "nn", "en"):
            if wrong != d.label:
                row["wrong marks"] += 1
                row["fixed"] += ld.form_language(texts, wrong, wrong) == d.label
    lines = [
        "| documents | n | markers (before) right | lingua right | form_language right (unsure)"
        " | correct mark kept | wrong mark fixed |",
        "|---|---|---|---|---|---|---|",
    ]
    for label in ("nb", "nn", "en"):
        r = c[label]
        if not r["docs"]:
            continue
        lines.append(
            f"| {label} | {r['docs']} | {pct(r['markers'], r['docs'])} | {pct(r['lingua'], r['docs'])}"
            f" | {pct(r['final'], r['docs'])} ({pct(r['final unsure'], r['docs'])})"
            f" | {pct(r['kept'], r['docs'])} | {pct(r['fixed'], r['wrong marks'])} |"
        )
    times.sort()
    lines.append(
        f"\nform_language: {1e3 * sum(times) / len(times):.2f} ms a document on average"
        f" (median {1e3 * times[len(times) // 2]:.2f} ms; ~3,000 characters read, uncached)"
    )
    return lines


def altinn_rows(docs: Sequence[Document]) -> list[str]:
    lines = [
        "| Altinn file (noisy label) | strings | detect() per string: nb / nn / en / Sámi / unsure"
        " | form_language marked as the file | unmarked |",
        "|---|---|---|---|---|",
    ]
    for d in docs:
        answers = Counter(ld.detect(t) or "unsure" for t in d.texts)
        per = " / ".join(str(answers[k]) for k in ("nb", "nn", "en", "sma", "unsure"))
        lines.append(
            f"| {d.source} | {len(d.texts)} | {per} | {ld.form_language(d.texts, d.label, d.label)}"
            f" | {ld.form_language(d.texts, None, 'und')} |"
        )
    return lines


# ---------------------------------------------------------------- report


def pct(k: float, n: float) -> str:
    return f"{100 * k / n:.1f} %" if n else "–"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    ap.add_argument("--limit", type=int, default=0, help="score a random sample of N strings")
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()

    # Lingua's first call loads its models (the n-gram orders a text needs): measured first
    rss0 = rss_mb()
    t = time.perf_counter()
    ld.detect("Skjemaet må fylles ut av den som søker, og sendes til oss innen fristen.")
    load_s = time.perf_counter() - t
    rss1 = rss_mb()

    formio, formio_docs = formio_samples(args.shared)
    english, english_docs = english_samples(args.shared)
    samples, dropped = labelled([*formio, *english, *other_samples()])
    if args.limit and args.limit < len(samples):
        samples = random.Random(args.seed).sample(samples, args.limit)
    counts = Counter(s.label for s in samples)
    sources = Counter(s.source.split(":")[0] for s in samples)
    print(
        f"labelled strings: {len(samples)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f"); sources: {dict(sources)}; {dropped} dropped as both Norwegian and English"
    )
    print(
        f"formlint's detector: first call {load_s:.2f} s (Lingua's models), "
        f"RSS {rss0:.0f} -> {rss1:.0f} MB\n"
    )

    texts = [s.text for s in samples]
    warm = "Dette er ein lang nok tekst til at alle modellane blir lasta, and this is English too."
    header = (
        "| detector | true language | n | all | "
        + " | ".join(f"{b} words" for b in BUCKETS)
        + " | unsure | wrong |"
    )
    rows = [header, "|---|---|---|---|" + "---|" * len(BUCKETS) + "---|---|"]
    speed = ["| detector | µs a call, cold | µs a call, cached |", "|---|---|---|"]
    for name, (detect, clear) in detectors().items():
        detect(warm)  # load this detector's models before it is timed
        cold, cached = timing(texts, detect, clear)
        speed.append(f"| {name} | {cold:.1f} | {cached:.2f} |")
        result = score(samples, detect)
        for label in ("nb", "nn", "nb|nn", "en", "sma", "other"):
            a = result.get((label, "all"))
            if not a:
                continue
            cells = []
            for b in BUCKETS:
                r = result.get((label, b), Counter())
                cells.append(pct(r["right"], r["n"]) if r["n"] else "–")
            rows.append(
                f"| {name} | {label} | {a['n']} | **{pct(a['right'], a['n'])}** | "
                + " | ".join(cells)
                + f" | {pct(a['unsure'], a['n'])} | {pct(a['wrong'], a['n'])} |"
            )
    print("\n".join(rows))
    print("\n" + "\n".join(speed))
    print("\n" + "\n".join(taken_for_other(samples)))

    print("\nchoose_language(text, marked, marked): a correct mark kept, a wrong one put right")
    lines = [
        "| function | case | all | " + " | ".join(f"{b} words" for b in MARK_BUCKETS) + " |",
        "|---|---|---|" + "---|" * len(MARK_BUCKETS),
    ]
    for name, choose in (
        ("before", old_choose_language),
        ("now", ld.choose_language),
    ):
        m = marking(samples, choose)
        for row in ("kept", "fixed en/no", "fixed nb/nn"):
            cells = [pct(m[row, b]["ok"], m[row, b]["n"]) for b in ("all", *MARK_BUCKETS)]
            lines.append(f"| {name} | {row} | " + " | ".join(cells) + " |")
    print("\n".join(lines))

    print(
        "\noverride sweep, English/Norwegian threshold (harm: a correct mark overridden; fix: a"
        f" wrong mark put right; Bokmål/Nynorsk held at {ld.NB_NN_CONFIDENCE})"
    )
    print("\n".join(sweep(samples, "en/no", (0.6, 0.7, 0.8, 0.9, 0.95, 0.99))))
    print(
        f"\noverride sweep, Bokmål/Nynorsk threshold (English/Norwegian held at {ld.CROSS_CONFIDENCE})"
    )
    print("\n".join(sweep(samples, "nb/nn", (0.6, 0.7, 0.8, 0.9, 0.95))))

    print(
        "\nwhole documents of 10 strings or more (Form.io translation files per locale, FHIR,"
        " GOV.UK pages)"
    )
    print("\n".join(document_rows([*formio_docs, *english_docs])))
    print("\nAltinn resource files (file name as label: noisy, not scored)")
    print("\n".join(altinn_rows(altinn_documents(args.shared))))
    print(f"\npeak RSS {rss_mb():.0f} MB (four Lingua detectors loaded)")


if __name__ == "__main__":
    main()
