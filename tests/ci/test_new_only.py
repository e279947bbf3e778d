"""--new-only against a git ref: only findings a change introduced survive."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from ci_helpers import git, init_repo, needs_git
from sample_runs import make_doc, make_finding, make_run

from formlint.api import DocumentResult, RunResult
from formlint.ci.git import changed_paths, repo_toplevel, resolve_ref
from formlint.ci.new_only import filter_new, new_only
from formlint.engine.runner import Engine
from formlint.errors import UsageError
from formlint.findings import Finding

pytestmark = needs_git

MARK = "KJØNN:"


def fake_lint_file(path: Path, source: str) -> list[Finding]:
    """A stand-in rule: every line with ``KJØNN:`` is a finding; the anchor is the text after it."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if MARK in line:
            text = line.split(MARK, 1)[1].strip()
            out.append(
                make_finding(
                    source=source,
                    line=n,
                    excerpt=text,
                    anchor=text.split()[0] if text else None,
                    form_key="f",
                )
            )
    return out


def fake_linter(paths: Sequence[Path]) -> RunResult:
    docs: list[DocumentResult] = []
    for p in paths:
        if p.is_dir():
            findings = [f for q in sorted(p.rglob("*.html")) for f in fake_lint_file(q, str(q))]
        else:
            findings = fake_lint_file(p, str(p))
        docs.append(make_doc(str(p), findings, forms=[]))
    return make_run(*docs)


def write(path: Path, *lines: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = init_repo(tmp_path / "repo")
    write(root / "forms/a.html", "<form>", f"{MARK} gutt jente", "</form>")
    write(root / "forms/b.html", "<form>", f"{MARK} mann kvinne", "</form>")
    write(root / "app/App/ui/layouts/Side1.html", f"{MARK} mor far")
    write(root / ".gitignore", "build/")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "tag", "base")
    monkeypatch.chdir(root)
    return root


def lint_tree(*sources: str) -> RunResult:
    return fake_linter([Path(s) for s in sources])


def excerpts(run: RunResult) -> dict[str, list[str]]:
    return {d.source: [f.excerpt for f in d.findings] for d in run.documents}


def test_unchanged_files_contribute_nothing(repo: Path) -> None:
    run = lint_tree("forms/a.html", "forms/b.html")
    out = new_only(run, "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/a.html": [], "forms/b.html": []}
    assert len(out.documents) == 2  # documents stay (JUnit still lists them as passing)


def test_changed_file_keeps_only_new_findings_despite_line_shift(repo: Path) -> None:
    write(
        repo / "forms/a.html",
        "<!-- ny topp -->",
        "<p>mer</p>",
        "<form>",
        f"{MARK} gutt jente",
        f"{MARK} herr fru",
        "</form>",
    )
    run = lint_tree("forms/a.html", "forms/b.html")
    out, stats = filter_new(run, "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/a.html": ["herr fru"], "forms/b.html": []}
    assert (stats.kept, stats.dropped, stats.changed_documents, stats.unchanged_documents) == (
        1,
        2,
        1,
        1,
    )
    assert "1 new findings, 2 existed before" in stats.summary()


def test_staged_and_committed_changes_count(repo: Path) -> None:
    write(repo / "forms/b.html", "<form>", f"{MARK} mann kvinne", f"{MARK} M K", "</form>")
    git(repo, "add", "forms/b.html")
    git(repo, "commit", "-q", "-m", "change b")
    out = new_only(lint_tree("forms/b.html"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/b.html": ["M K"]}
    # against HEAD nothing is new any more
    assert excerpts(new_only(lint_tree("forms/b.html"), "HEAD", repo, linter=fake_linter)) == {
        "forms/b.html": []
    }


def test_added_and_untracked_files_are_all_new(repo: Path) -> None:
    write(repo / "forms/c.html", f"{MARK} gutt jente")
    out = new_only(lint_tree("forms/c.html"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/c.html": ["gutt jente"]}
    git(repo, "add", "forms/c.html")
    out = new_only(lint_tree("forms/c.html"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/c.html": ["gutt jente"]}


def test_renamed_file_keeps_old_findings_out(repo: Path) -> None:
    git(repo, "mv", "forms/a.html", "forms/renamed.html")
    out = new_only(lint_tree("forms/renamed.html"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"forms/renamed.html": []}


def test_ignored_files_cannot_be_compared_and_are_kept(repo: Path) -> None:
    write(repo / "build/gen.html", f"{MARK} gutt jente")
    out = new_only(lint_tree("build/gen.html"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"build/gen.html": ["gutt jente"]}


def test_altinn_app_folder_compared_as_a_whole(repo: Path) -> None:
    assert excerpts(new_only(lint_tree("app"), "base", repo, linter=fake_linter)) == {"app": []}
    write(repo / "app/App/ui/layouts/Side2.html", f"{MARK} herr fru")
    out = new_only(lint_tree("app"), "base", repo, linter=fake_linter)
    assert excerpts(out) == {"app": ["herr fru"]}


def test_run_from_a_subfolder_with_absolute_and_relative_paths(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(repo / "forms/a.html", "<form>", f"{MARK} gutt jente", f"{MARK} ny", "</form>")
    monkeypatch.chdir(repo / "forms")
    out = new_only(
        lint_tree("a.html", str(repo / "forms/b.html")), "base", repo / "forms", linter=fake_linter
    )
    assert excerpts(out) == {"a.html": ["ny"], str(repo / "forms/b.html"): []}


def test_unchanged_unreadable_document_is_not_an_error(repo: Path) -> None:
    run = make_run(make_doc("forms/b.html", [], forms=[], errors=["forms/b.html: broken"]))
    out = new_only(run, "base", repo, linter=fake_linter)
    assert out.documents[0].errors == []
    assert out.documents[0].notes == ["(unchanged since base) forms/b.html: broken"]


def test_urls_are_kept(repo: Path) -> None:
    url = "https://example.org/skjema"
    run = make_run(make_doc(url, [make_finding(source=url)]))
    assert len(new_only(run, "base", repo, linter=fake_linter).documents[0].findings) == 1


def test_changed_paths_lists_all_kinds(repo: Path) -> None:
    write(repo / "forms/a.html", "x")
    git(repo, "mv", "forms/b.html", "forms/b2.html")
    write(repo / "forms/new.html", "y")
    (repo / "app/App/ui/layouts/Side1.html").unlink()
    top = repo_toplevel(repo)
    changes = changed_paths(top, resolve_ref(top, "base"))
    assert changes == {
        "forms/a.html": "forms/a.html",
        "forms/b2.html": "forms/b.html",
        "forms/new.html": None,
    }


def test_unknown_ref_is_a_usage_error(repo: Path) -> None:
    with pytest.raises(UsageError, match=r"unknown git ref 'no-such-branch'") as exc:
        new_only(lint_tree("forms/a.html"), "no-such-branch", repo, linter=fake_linter)
    assert exc.value.exit_code == 2
    assert "\n" not in exc.value.one_line()
    with pytest.raises(UsageError, match="invalid git ref"):
        new_only(lint_tree("forms/a.html"), "--output=x", repo, linter=fake_linter)


def test_not_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(UsageError, match="not a git repository") as exc:
        new_only(make_run(), "main", plain, linter=fake_linter)
    assert exc.value.exit_code == 2
    with pytest.raises(UsageError, match="not a directory"):
        new_only(make_run(), "main", plain / "missing", linter=fake_linter)


def test_git_missing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    with pytest.raises(UsageError, match="git is not installed"):
        new_only(make_run(), "base", repo, linter=fake_linter)


def test_with_real_engine(repo: Path, engine: Engine) -> None:
    """End to end: the default linter lints the base version with the real engine."""
    from formlint.api import lint_paths

    html = (
        '<!doctype html><html lang="nb"><body><form id="s"><fieldset><legend>Kjønn</legend>'
        '<label><input type="radio" name="kjonn" value="g"> Gutt</label>'
        '<label><input type="radio" name="kjonn" value="j"> Jente</label></fieldset></form></body></html>\n'
    )
    write(repo / "forms/real.html", html)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "real")
    # shift everything down: the gender question is not new
    write(repo / "forms/real.html", "<!-- endret -->\n" * 5 + html)
    run = lint_paths([Path("forms/real.html")], engine)
    assert any(f.rule == "gender-binary-options" for f in run.findings())
    out = new_only(run, "HEAD", repo, engine=engine)
    assert list(out.findings()) == []
    assert os.getcwd() == str(repo)


def test_formio_translation_change_makes_the_form_changed(repo: Path) -> None:
    """A Form.io form is read with translations/<id>.json: a new finding there is new."""

    def linter_with_translations(paths: Sequence[Path]) -> RunResult:
        docs = []
        for p in paths:
            findings = fake_lint_file(p, str(p))
            t = p.parent.parent / "translations" / p.name
            if t.is_file():
                findings += fake_lint_file(t, str(p))
            docs.append(make_doc(str(p), findings, forms=[]))
        return make_run(*docs)

    write(repo / "nav/forms/nav1.json", f"{MARK} mann kvinne")
    write(repo / "nav/translations/nav1.json", f"{MARK} man woman")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "formio")
    git(repo, "tag", "formio")
    run = linter_with_translations([Path("nav/forms/nav1.json")])
    assert excerpts(new_only(run, "formio", repo, linter=linter_with_translations)) == {
        "nav/forms/nav1.json": []
    }
    write(repo / "nav/translations/nav1.json", f"{MARK} man woman", f"{MARK} male female")
    run = linter_with_translations([Path("nav/forms/nav1.json")])
    out = new_only(run, "formio", repo, linter=linter_with_translations)
    assert excerpts(out) == {"nav/forms/nav1.json": ["male female"]}
