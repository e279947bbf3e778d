"""Parse-speed benchmark for documents: PDF pages/s, DOCX docs/s, Form.io/Altinn forms/s.

Generates a mixed set into a temporary folder (PDFs of 1-20 pages, AcroForm and print-and-fill;
DOCX forms of growing size; one ODT), reads the corpus's Form.io forms and Altinn apps, and times
*parsing only* (bytes already in memory, one process). Rates are per CPU second (one core; a
busy machine does not distort them), with wall-clock rates beside. Targets: >= 20 PDF pages/s,
>= 50 DOCX/s, >= 100 Form.io/Altinn forms/s per core. Exit status 1 when a target is missed.

    python benchmarks/documents.py [--rounds 3] [--corpus /work/shared/corpus]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from formlint.document import FetchedDocument
from formlint.model import ParsedDocument
from formlint.parse.registry import ParseOptions, parse_document

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
PDF_PAGES = (1, 1, 2, 2, 3, 4, 5, 8, 10, 12, 15, 20)
DOCX_SECTIONS = (1, 2, 3, 4, 5, 6, 8, 10, 12, 16)
TARGETS = {"pdf": 20.0, "docx": 50.0, "odt": 50.0, "formio": 100.0, "altinn": 100.0}


def _fixtures() -> ModuleType:
    path = ROOT / "tests" / "fixtures" / "documents" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("formlint_document_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Result:
    name: str
    unit: str
    count: int  # units per round (pages, documents, forms)
    docs: int
    seconds: float  # wall clock
    cpu: float  # process CPU time: what "per core" means on a busy machine
    rounds: int
    problems: int

    @property
    def rate(self) -> float:
        return self.count * self.rounds / self.cpu if self.cpu else float("inf")

    @property
    def wall_rate(self) -> float:
        return self.count * self.rounds / self.seconds if self.seconds else float("inf")


def _section_docx(mf: ModuleType, path: Path, sections: int) -> Path:
    r = mf._run
    box = mf._legacy(
        '<w:name w:val="Ja"/><w:checkBox><w:default w:val="0"/></w:checkBox>', "FORMCHECKBOX"
    )
    parts: list[str] = []
    for n in range(1, sections + 1):
        parts.append(
            f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{r(f"Del {n}: Opplysninger")}</w:p>'
            f"<w:p>{r('Skjemaet skal fylles ut av han eller hun som har foreldreansvar, ')}"
            f"{r('og sendes til kommunen innen fristen. Merk: opplysningene lagres.')}</w:p>"
            "<w:tbl><w:tr>"
            f"<w:tc><w:p>{r('Mor')}</w:p></w:tc><w:tc><w:p>{r('Far')}</w:p></w:tc></w:tr>"
            "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
            f"<w:p>{r('Kjønn: ☐ Gutt ☐ Jente')}</w:p>"
            f"<w:p>{r('Bekreft: ')}{box}{r(' Ja')}</w:p>"
            f"<w:p>{r('Navn: ____________  Fødselsdato: ____________')}</w:p>"
        )
    out: Path = mf.make_docx_from_body(path, "".join(parts))
    return out


def _generate(mf: ModuleType, folder: Path) -> dict[str, list[tuple[FetchedDocument, int]]]:
    """(document, units) per category; units = pages for PDF, 1 otherwise."""
    sets: dict[str, list[tuple[FetchedDocument, int]]] = {"pdf": [], "docx": [], "odt": []}
    for k, pages in enumerate(PDF_PAGES):
        path = folder / f"f{k}-{pages}p.pdf"
        mf.make_multipage_pdf(path, pages, acroform=k % 2 == 0)
        sets["pdf"].append((FetchedDocument.from_path(path), pages))
    for name in ("acroform.pdf", "print.pdf", "neutral.pdf"):
        path = mf.FIXTURES[name](folder / name)
        sets["pdf"].append((FetchedDocument.from_path(path), _pages(path)))
    sets["docx"].append((FetchedDocument.from_path(mf.make_docx(folder / "form.docx")), 1))
    for n in DOCX_SECTIONS:
        path = _section_docx(mf, folder / f"s{n}.docx", n)
        sets["docx"].append((FetchedDocument.from_path(path), 1))
    sets["odt"].append((FetchedDocument.from_path(mf.make_odt(folder / "form.odt")), 1))
    return sets


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def _corpus(corpus: Path) -> dict[str, list[tuple[FetchedDocument, int]]]:
    sets: dict[str, list[tuple[FetchedDocument, int]]] = {"formio": [], "altinn": []}
    for path in sorted(corpus.glob("formio/**/forms/*.json")):
        sets["formio"].append((FetchedDocument.from_path(path), 1))
    try:
        from formlint.sources.files import collect
    except ImportError as exc:
        print(f"Altinn apps skipped: formlint.sources.files not importable ({exc})")
        return sets
    for app in sorted({p.parent.parent for p in corpus.glob("altinn/**/App/ui")}):
        for item in collect([app]):
            if isinstance(item, FetchedDocument):
                # the target is per form: an app holds one form per task (or layout set) and language
                forms = len(parse_document(item).forms)
                sets["altinn"].append((item, max(forms, 1)))
    return sets


def _time(
    name: str,
    unit: str,
    docs: Sequence[tuple[FetchedDocument, int]],
    rounds: int,
    parse: Callable[[FetchedDocument, ParseOptions], ParsedDocument],
) -> Result:
    opts = ParseOptions()
    problems = sum(1 for d, _ in docs for p in parse(d, opts).problems if p.level == "error")
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for d, _units in docs:
            parse(d, opts)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Result(name, unit, sum(u for _, u in docs), len(docs), seconds, cpu, rounds, problems)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--rounds", type=int, default=3, help="times each set is parsed (default 3)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    mf = _fixtures()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="formlint-bench-") as tmp:
        sets = _generate(mf, Path(tmp))
        if args.corpus.is_dir():
            sets.update(_corpus(args.corpus))
        else:
            print(f"corpus not found at {args.corpus}: Form.io/Altinn skipped")
        # warm-up: lazy imports (pypdf, lxml) are paid once, outside the timings
        for docs in sets.values():
            if docs:
                parse_document(docs[0][0])
        units = {
            "pdf": "pages",
            "docx": "docs",
            "odt": "docs",
            "formio": "forms",
            "altinn": "forms",
        }
        for name, docs in sets.items():
            if not docs:
                print(f"{name}: nothing to parse, skipped")
                continue
            try:
                results.append(_time(name, units[name], docs, args.rounds, parse_document))
            except ImportError as exc:  # a parser still being written elsewhere
                print(f"{name}: parser not importable ({exc}); skipped")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n{'set':<8} {'docs':>5} {'units':>6} {'cpu s':>7} {'per CPU second':>20} "
        f"{'wall clock':>18} {'target':>7}  errors"
    )
    ok = True
    for r in results:
        target = TARGETS.get(r.name, 0.0)
        met = r.rate >= target
        ok &= met
        rate = f"{r.rate:,.1f} {r.unit}/s"
        wall = f"{r.wall_rate:,.1f} {r.unit}/s"
        print(
            f"{r.name:<8} {r.docs:>5} {r.count:>6} {r.cpu:>7.2f} {rate:>20} {wall:>18} "
            f"{'>=' + str(int(target)):>7} {'ok' if met else 'MISSED'}  {r.problems}"
        )
    print(f"peak RSS: {peak_mib:.0f} MiB (single process, {args.rounds} rounds)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
