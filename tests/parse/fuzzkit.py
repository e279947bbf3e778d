"""Parser fuzzing: a seed document per format, mutations of it, and the one property checked.

The property: neither the format sniffer nor a parser raises, whatever the bytes (parsers
report bad input in ``ParsedDocument.problems``). Binary formats are mutated as bytes (flips,
cuts, splices) and, for zip packages, inside one member so the archive still opens and the
XML parsers see the damage; JSON formats are mutated as JSON trees (a value replaced by
another of any type), which reaches the parsers' own code instead of stopping at
``json.loads``. Used by ``test_fuzz.py`` (a short fixed-seed run) and ``benchmarks/soak.py``
(a time budget).
"""

from __future__ import annotations

import io
import json
import random
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from document_fixtures import mf

from formlint.document import FetchedDocument
from formlint.parse.registry import ParseOptions, get_parser, parse_document, sniff

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
CI_REPO = TESTS / "fixtures" / "ci" / "repo"
OPTIONS = ParseOptions(max_decompressed_bytes=32 * 1024 * 1024, max_pdf_pages=20)

NJK = """{% from "govuk/components/radios/macro.njk" import govukRadios %}
{{ govukRadios({ name: "kjonn", fieldset: { legend: { text: "Kjønn" } },
  items: [ { value: "m", text: "Mann" }, { value: "k", text: "Kvinne", checked: true } ] }) }}
{{ govukInput({ label: { text: "Mors navn" }, id: "mor", name: "mor" }) }}
"""


@dataclass(frozen=True)
class Seed:
    fmt: str  # the parser the seed is for (registry name)
    name: str
    body: bytes
    kind: str  # "bytes", "zip" or "json"


def seeds(tmp: Path) -> list[Seed]:
    """One valid document per format (files under ``tmp`` are built by the fixture module)."""
    demo = REPO / "formlint" / "demo" / "site" / "dokumenter"
    return [
        Seed("html", "soknad.html", (TESTS / "fixtures/html/soknad.html").read_bytes(), "bytes"),
        Seed("govuk-njk", "kjonn.njk", NJK.encode(), "bytes"),
        Seed("pdf", "acroform.pdf", mf.make_acroform_pdf(tmp / "a.pdf").read_bytes(), "bytes"),
        Seed("pdf", "xfa.pdf", mf.make_xfa_pdf(tmp / "x.pdf").read_bytes(), "bytes"),
        Seed("pdf", "skoleskyss.pdf", (demo / "soknad-om-skoleskyss.pdf").read_bytes(), "bytes"),
        Seed("docx", "form.docx", mf.make_docx(tmp / "f.docx").read_bytes(), "zip"),
        Seed("docx", "notes.docx", mf.make_docx_with_notes(tmp / "n.docx").read_bytes(), "zip"),
        Seed("odt", "form.odt", mf.make_odt(tmp / "f.odt").read_bytes(), "zip"),
        Seed("formio", "skjema.json", _read(CI_REPO / "forms/formio/forms/skjema-stotte.json"), "json"),
        Seed("fhir", "helsestasjon.json", _read(CI_REPO / "forms/fhir/helsestasjon.json"), "json"),
        Seed("altinn-layout", "Side1.json",
             _read(CI_REPO / "altinn/skoleskyss/App/ui/Task_1/layouts/Side1.json"), "json"),
        Seed("altinn-texts", "resource.nb.json",
             _read(CI_REPO / "altinn/skoleskyss/App/config/texts/resource.nb.json"), "json"),
    ]  # fmt: skip


def _read(path: Path) -> bytes:
    return path.read_bytes()


# -- mutations ----------------------------------------------------------------------------------


def mutate_bytes(rnd: random.Random, body: bytes) -> bytes:
    """A few random edits: flipped bytes, a cut, a spliced chunk, bytes inserted."""
    data = bytearray(body)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(5)
        if not data:
            data = bytearray(rnd.randbytes(rnd.randint(1, 64)))
        pos = rnd.randrange(len(data))
        if op == 0:  # flip a few bits
            for _ in range(rnd.randint(1, 8)):
                i = rnd.randrange(len(data))
                data[i] ^= 1 << rnd.randrange(8)
        elif op == 1:  # cut
            data = data[:pos] if rnd.random() < 0.5 else data[pos:]
        elif op == 2:  # duplicate a chunk somewhere else
            chunk = data[pos : pos + rnd.randint(1, 512)]
            at = rnd.randrange(len(data) + 1)
            data[at:at] = chunk
        elif op == 3:  # insert random or interesting bytes
            junk = rnd.choice([rnd.randbytes(rnd.randint(1, 32)), b"\x00", b"\xff" * 8,
                               b"<", b"</", b"]]>", b"%", b"\\", b"9" * 40, b"-1"])  # fmt: skip
            data[pos:pos] = junk
        else:  # delete a chunk
            del data[pos : pos + rnd.randint(1, 256)]
    return bytes(data)


def mutate_zip(rnd: random.Random, body: bytes) -> bytes:
    """The same package with one member's bytes mutated (half the time), else the bytes."""
    if rnd.random() < 0.3:
        return mutate_bytes(rnd, body)
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    target = rnd.randrange(len(members))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for n, (info, data) in enumerate(members):
            zf.writestr(info.filename, mutate_bytes(rnd, data) if n == target else data)
    return out.getvalue()


_WORDS = ("", "Mann", "Kvinne", "Mor", "Far", "kjønn", "radio", "select", "Input",
          "RadioButtons", "choice", "x" * 300, "\u0000", "{{var}}")  # fmt: skip
_ANY: list[Callable[[random.Random], Any]] = [
    lambda r: None,
    lambda r: r.choice([True, False]),
    lambda r: r.randint(-(2**40), 2**40),
    lambda r: r.random() * 1e12,
    lambda r: r.choice(_WORDS),
    lambda r: [],
    lambda r: {},
    lambda r: [{"label": "Mann", "value": "m"}, {"label": "Kvinne", "value": "k"}],
    lambda r: {"type": "radio", "label": "Kjønn", "values": None, "key": 7},
]


def mutate_json(rnd: random.Random, body: bytes) -> bytes:
    """The seed's JSON with one to three values (at any depth) replaced by values of any type."""
    tree = json.loads(body)
    for _ in range(rnd.randint(1, 3)):
        tree = _replace_somewhere(rnd, tree)
    return json.dumps(tree, ensure_ascii=False).encode()


def _replace_somewhere(rnd: random.Random, node: Any) -> Any:
    if rnd.random() < 0.25 or not isinstance(node, (dict, list)) or not node:
        return rnd.choice(_ANY)(rnd)
    if isinstance(node, dict):
        key = rnd.choice(list(node))
        if rnd.random() < 0.1:
            node.pop(key)
        else:
            node[key] = _replace_somewhere(rnd, node[key])
        return node
    i = rnd.randrange(len(node))
    node[i] = _replace_somewhere(rnd, node[i])
    return node


MUTATORS = {"bytes": mutate_bytes, "zip": mutate_zip, "json": mutate_json}


def mutant(rnd: random.Random, seed: Seed) -> bytes:
    return MUTATORS[seed.kind](rnd, seed.body)


def crash(seed: Seed, body: bytes) -> str | None:
    """None when sniffing, the seed's parser and the registry all took ``body`` without
    raising; else the exception and where it came from, in one line."""
    doc = FetchedDocument(url=f"https://fuzz.example/{seed.name}", body=body)
    parser = get_parser(seed.fmt)
    assert parser is not None
    try:
        sniff(doc)
        parser(doc, OPTIONS)
        parse_document(doc, OPTIONS)
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        return f"{seed.name}: {type(exc).__name__} at {where}: {str(exc)[:160]}"
    return None
