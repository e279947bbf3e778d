"""Benchmark the CI check: a 500-file form repository linted to SARIF, and CLI start-up.

    python benchmarks/ci_check.py [--files 500] [--runs 3] [--keep DIR] [--check]

Generates a repository of mixed form files in a temporary folder:

- HTML pages with forms (municipal services: barnehage, SFO, skoleskyss, helsestasjon, ...), some
  with binary gender radios, mor/far fields, "han eller hun" prose or Herr/Fru selects, some clean;
- Altinn 3 apps (each an ``App/ui/<task>/layouts/*.json`` set with ``App/config/texts``), read as one
  document per app;
- Form.io forms: copies of NAV's published forms from the shared corpus (when present) with their
  titles varied, plus generated ones;
- FHIR Questionnaires.

Then times, as subprocesses (wall time including interpreter start, as a CI job sees it):

- ``formlint lint --format sarif:OUT DIR`` (median of ``--runs``), target < 10 s;
- ``formlint --version`` (median of 7), target < 0.5 s;
- in process, what finding the line and column of JSON findings adds to linting the Form.io
  forms (NAV's corpus forms when present, else the generated ones): each form parsed and linted,
  then its findings' JSON pointers looked up in the file (best of 5 each), target <= 20 % in all.

Prints the figures; with ``--check`` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path("/work/shared/corpus")
TARGET_CHECK_S = 10.0
TARGET_STARTUP_S = 0.5
TARGET_POSITIONS = 0.20  # what the JSON positions add to linting a Form.io form

SERVICES = [
    ("barnehage", "Søknad om barnehageplass"),
    ("sfo", "Påmelding til SFO"),
    ("skoleskyss", "Søknad om skoleskyss"),
    ("helsestasjon", "Innkomstsamtale på helsestasjonen"),
    ("kulturskole", "Søknad om plass i kulturskolen"),
    ("parkering", "Søknad om parkeringstillatelse"),
    ("bostotte", "Søknad om kommunal bostøtte"),
    ("fritidskort", "Søknad om fritidskort"),
    ("tannhelse", "Timebestilling tannhelse"),
    ("avlastning", "Søknad om avlastning"),
]
GENDER_SETS = [("Gutt", "Jente"), ("Mann", "Kvinne"), ("Kvinne", "Mann"), ("M", "K")]
INCLUSIVE = ("Gutt", "Jente", "Annet", "Ønsker ikke å oppgi")
PROSE = [
    "Søkeren må bekrefte at han eller hun har foreldreansvar for barnet.",
    "Vi behandler opplysningene etter personopplysningsloven.",
    "Har du spørsmål, kan du kontakte servicetorget på telefon 72 54 00 00.",
    "Forelderen som søker, må legge ved dokumentasjon.",
    "Søknaden behandles fortløpende, og du får svar innen tre uker.",
    "Formannen i styret skal signere.",
]


def html_form(rng: random.Random, n: int) -> str:
    slug, title = rng.choice(SERVICES)
    fields = [
        '<label for="navn">Navn</label><input id="navn" name="navn" type="text" autocomplete="name">',
        '<label for="epost">E-post</label><input id="epost" name="epost" type="email" autocomplete="email">',
        '<label for="tlf">Telefon</label><input id="tlf" name="tlf" type="tel" autocomplete="tel">',
    ]
    kind = n % 5
    if kind in (0, 1):
        a, b = rng.choice(GENDER_SETS)
        fields.append(
            f'<fieldset><legend>Kjønn</legend><label><input type="radio" name="kjonn" value="{a.lower()}"> {a}</label>'
            f'<label><input type="radio" name="kjonn" value="{b.lower()}"> {b}</label></fieldset>'
        )
    if kind == 1:
        fields.append('<label for="mor">Mors navn</label><input id="mor" name="mor" type="text">')
        fields.append('<label for="far">Fars navn</label><input id="far" name="far" type="text">')
    if kind == 2:
        fields.append(
            '<label for="t">Tiltale</label><select id="t" name="tiltale"><option>Herr</option><option>Fru</option></select>'
        )
    if kind == 3:
        opts = "".join(
            f'<label><input type="radio" name="kjonn" value="{i}"> {o}</label>'
            for i, o in enumerate(INCLUSIVE)
        )
        fields.append(f"<fieldset><legend>Kjønn (valgfritt)</legend>{opts}</fieldset>")
    paras = "\n".join(f"<p>{rng.choice(PROSE)}</p>" for _ in range(rng.randint(3, 12)))
    nav = "\n".join(f'<li><a href="/tjenester/{s}/">{t}</a></li>' for s, t in SERVICES)
    return f"""<!doctype html>
<html lang="nb">
<head><meta charset="utf-8"><title>{title} – Trondheim kommune</title></head>
<body>
<header><nav><ul>
{nav}
</ul></nav></header>
<main>
<h1>{title}</h1>
{paras}
<form id="{slug}-{n}" action="/skjema/{slug}" method="post">
{chr(10).join(fields)}
<button type="submit">Send</button>
</form>
</main>
</body>
</html>
"""


def altinn_app(root: Path, rng: random.Random, n: int) -> int:
    """An Altinn 3 app with a few layout pages; returns the number of files written."""
    slug, title = rng.choice(SERVICES)
    app = root / f"{slug}-app-{n}" / "App"
    texts = [{"id": "appName", "value": title}]
    files = 0
    pages = rng.randint(2, 3)
    for p in range(pages):
        layout = [
            {
                "id": f"h{p}",
                "type": "Header",
                "size": "L",
                "textResourceBindings": {"title": f"side{p}.tittel"},
            }
        ]
        texts.append({"id": f"side{p}.tittel", "value": f"{title} – side {p + 1}"})
        layout.append(
            {
                "id": f"navn{p}",
                "type": "Input",
                "dataModelBindings": {"simpleBinding": f"S.Navn{p}"},
                "textResourceBindings": {"title": "felt.navn"},
            }
        )
        if p == 0 and n % 2 == 0:
            layout.append(
                {
                    "id": "rolle",
                    "type": "RadioButtons",
                    "dataModelBindings": {"simpleBinding": "S.Rolle"},
                    "textResourceBindings": {"title": "felt.rolle"},
                    "options": [
                        {"label": "opt.mor", "value": "mor"},
                        {"label": "opt.far", "value": "far"},
                    ],
                }
            )
        if p == 1 and n % 3 == 0:
            layout.append(
                {
                    "id": "kjonn",
                    "type": "Dropdown",
                    "optionsId": "kjønn",
                    "dataModelBindings": {"simpleBinding": "S.Kjonn"},
                    "textResourceBindings": {"title": "felt.kjonn"},
                }
            )
        path = app / "ui" / "Task_1" / "layouts" / f"Side{p + 1}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps({"data": {"layout": layout}}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        files += 1
    texts += [
        {"id": "felt.navn", "value": "Navn"},
        {"id": "felt.rolle", "value": "Hvem fyller ut?"},
        {"id": "opt.mor", "value": "Mor"},
        {"id": "opt.far", "value": "Far"},
        {"id": "felt.kjonn", "value": "Kjønn"},
    ]
    (app / "ui" / "Task_1" / "Settings.json").write_text(
        json.dumps({"pages": {"order": [f"Side{p + 1}" for p in range(pages)]}}), encoding="utf-8"
    )
    (app / "config" / "texts").mkdir(parents=True, exist_ok=True)
    (app / "config" / "texts" / "resource.nb.json").write_text(
        json.dumps({"language": "nb", "resources": texts}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    return files + 2


def formio_form(rng: random.Random, n: int) -> str:
    slug, title = rng.choice(SERVICES)
    comps: list[dict[str, object]] = [
        {"type": "textfield", "key": "fornavn", "label": "Fornavn", "input": True},
        {"type": "textfield", "key": "etternavn", "label": "Etternavn", "input": True},
    ]
    if n % 2 == 0:
        a, b = rng.choice(GENDER_SETS)
        comps.append(
            {
                "type": "radiopanel",
                "key": "kjonn",
                "label": "Kjønn",
                "input": True,
                "values": [{"label": a, "value": a.lower()}, {"label": b, "value": b.lower()}],
            }
        )
    if n % 3 == 0:
        comps.append(
            {
                "type": "htmlelement",
                "key": "info",
                "content": f"<p>{rng.choice(PROSE)}</p>",
                "input": False,
            }
        )
    return json.dumps(
        {
            "title": f"{title} ({n})",
            "path": f"{slug}{n}",
            "display": "wizard",
            "type": "form",
            "components": [
                {"type": "panel", "key": "side1", "title": "Opplysninger", "components": comps}
            ],
        },
        ensure_ascii=False,
    )


def fhir_questionnaire(rng: random.Random, n: int) -> str:
    slug, title = rng.choice(SERVICES)
    items: list[dict[str, object]] = [{"linkId": "navn", "text": "Navn", "type": "string"}]
    if n % 2 == 0:
        a, b = rng.choice(GENDER_SETS)
        items.append(
            {
                "linkId": "kjonn",
                "text": "Kjønn",
                "type": "choice",
                "answerOption": [
                    {"valueCoding": {"code": a.lower(), "display": a}},
                    {"valueCoding": {"code": b.lower(), "display": b}},
                ],
            }
        )
    else:
        items.append(
            {
                "linkId": "kjonn",
                "text": "Kjønn",
                "type": "choice",
                "answerValueSet": "http://hl7.org/fhir/ValueSet/administrative-gender",
            }
        )
    items.append({"linkId": "info", "text": rng.choice(PROSE), "type": "display"})
    return json.dumps(
        {
            "resourceType": "Questionnaire",
            "id": f"{slug}-{n}",
            "status": "active",
            "title": title,
            "language": "nb",
            "item": items,
        },
        ensure_ascii=False,
        indent=2,
    )


def generate(root: Path, total: int = 500, seed: int = 2027) -> dict[str, int]:
    """Write ``total`` form files under ``root``; returns counts per kind."""
    rng = random.Random(seed)
    counts = {
        "html": 0,
        "altinn-files": 0,
        "altinn-apps": 0,
        "formio": 0,
        "formio-corpus": 0,
        "fhir": 0,
    }
    corpus_forms = sorted((CORPUS / "formio").glob("*/forms/*.json")) if CORPUS.is_dir() else []
    n_html, n_altinn, n_formio = int(total * 0.4), int(total * 0.2), int(total * 0.2)
    for i in range(n_html):
        p = root / "web" / f"side-{i:04d}.html"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(html_form(rng, i), encoding="utf-8")
        counts["html"] += 1
    i = 0
    while counts["altinn-files"] < n_altinn:
        counts["altinn-files"] += altinn_app(root / "altinn", rng, i)
        counts["altinn-apps"] += 1
        i += 1
    fdir = root / "formio" / "forms"
    fdir.mkdir(parents=True, exist_ok=True)
    for i in range(n_formio):
        if corpus_forms and i % 2 == 0:
            # A real NAV form, its title varied so every copy is a distinct form.
            src = corpus_forms[(i // 2) % len(corpus_forms)]
            data = json.loads(src.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict):
                data["title"] = f"{data.get('title', 'Skjema')} (variant {i})"
                data["path"] = f"{data.get('path', 'skjema')}-{i}"
            (fdir / f"nav-{i:04d}.json").write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8"
            )
            counts["formio-corpus"] += 1
        else:
            (fdir / f"generert-{i:04d}.json").write_text(formio_form(rng, i), encoding="utf-8")
        counts["formio"] += 1
    written = counts["html"] + counts["altinn-files"] + counts["formio"]
    for i in range(total - written):
        p = root / "fhir" / f"questionnaire-{i:04d}.json"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(fhir_questionnaire(rng, i), encoding="utf-8")
        counts["fhir"] += 1
    return counts


def json_positions_cost(forms: list[Path]) -> tuple[float, float, float, int]:
    """Lint time of each Form.io form and the time of looking up its findings' positions:
    (total lint s, total positions s, worst ratio of one form, forms)."""
    from formlint.api import make_engine
    from formlint.document import FetchedDocument
    from formlint.parse.registry import parse_document
    from formlint.pipeline import Linter, place_in_json
    from formlint.sources.files import collect

    linter = Linter(make_engine(), collect_links=False)
    lint_s = place_s = worst = 0.0
    for path in forms:
        doc = next(d for d in collect([path]) if isinstance(d, FetchedDocument))
        lint_best = place_best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            parsed = parse_document(doc, linter.parse_options)
            findings = linter.parsed(parsed, sha256=doc.sha256).findings
            t1 = time.perf_counter()
            place_in_json(findings, doc)
            t2 = time.perf_counter()
            lint_best, place_best = min(lint_best, t1 - t0), min(place_best, t2 - t1)
        lint_s += lint_best
        place_s += place_best
        worst = max(worst, place_best / lint_best)
    return lint_s, place_s, worst, len(forms)


def formlint_command() -> list[str]:
    exe = shutil.which("formlint")
    return [exe] if exe else [sys.executable, "-m", "formlint"]


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - t0, proc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args(argv)

    tmp = None
    if args.keep:
        root = args.keep
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
    else:
        tmp = tempfile.mkdtemp(prefix="formlint-ci-bench-")
        root = Path(tmp)
    try:
        repo = root / "repo"
        t0 = time.perf_counter()
        counts = generate(repo, args.files)
        gen_s = time.perf_counter() - t0
        files = sum(1 for p in repo.rglob("*") if p.is_file())
        size = sum(p.stat().st_size for p in repo.rglob("*") if p.is_file())
        print(
            f"repository: {files} files, {size / 1e6:.1f} MB ({counts}), generated in {gen_s:.1f} s"
        )

        base = formlint_command()
        startup: list[float] = []
        for _ in range(7):
            s, proc = timed([*base, "--version"], root)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 2
            startup.append(s)

        checks: list[float] = []
        results = 0
        out = root / "out.sarif"
        for _ in range(args.runs):
            out.unlink(missing_ok=True)
            s, proc = timed([*base, "lint", "--format", f"sarif:{out}", "repo"], root)
            if proc.returncode not in (0, 1) or not out.is_file():
                print(
                    f"formlint lint exited {proc.returncode}:\n{proc.stderr[-2000:]}",
                    file=sys.stderr,
                )
                return 2
            checks.append(s)
            log = json.loads(out.read_text(encoding="utf-8"))
            results = len(log["runs"][0]["results"])
            docs = len(log["runs"][0].get("artifacts", []))

        corpus_forms = sorted(CORPUS.glob("formio/*/forms/*.json"))
        forms = corpus_forms or sorted(repo.rglob("forms/*.json"))
        lint_s, place_s, worst, n_forms = json_positions_cost(forms)
        share = place_s / lint_s

        med_check, med_start = statistics.median(checks), statistics.median(startup)
        ok_check, ok_start = med_check < TARGET_CHECK_S, med_start < TARGET_STARTUP_S
        ok_positions = share <= TARGET_POSITIONS
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (figures on a busy machine are pessimistic)"
        )
        print(f"command: {' '.join(base)} lint --format sarif:OUT repo")
        print(f"documents: {docs}, SARIF results: {results}")
        print(
            f"check   median {med_check:6.2f} s  min {min(checks):.2f} (runs: {', '.join(f'{c:.2f}' for c in checks)})  target < {TARGET_CHECK_S:.0f} s  {'OK' if ok_check else 'MISSED'}"
        )
        print(
            f"startup median {med_start:6.3f} s  (runs: {', '.join(f'{c:.3f}' for c in startup)})  target < {TARGET_STARTUP_S} s  {'OK' if ok_start else 'MISSED'}"
        )
        print(
            f"json positions +{share:6.1%} on linting {n_forms} Form.io forms "
            f"({'NAV corpus' if corpus_forms else 'generated'}: {lint_s * 1000:.0f} ms lint, "
            f"{place_s * 1000:.1f} ms positions; worst form +{worst:.0%})  target <= "
            f"{TARGET_POSITIONS:.0%}  {'OK' if ok_positions else 'MISSED'}"
        )
        if args.check and not (ok_check and ok_start and ok_positions):
            return 1
        return 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
