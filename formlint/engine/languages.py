"""The language of each text to lint: the words decide, markup is a hint."""

from __future__ import annotations

from formlint.engine.items import TextItem
from formlint.model import Form, ParsedDocument
from formlint.model.language import normalise_language
from formlint.nlp.langdetect import MIN_WORDS, SAMI_CODES, choose_language, form_language


class Languages:
    """The language of each text, the words winning over the markup.

    Markup is a hint (DOMAIN.md §7: Word styles say en-US on Norwegian forms, CMS templates ship
    lang="en" on Norwegian pages, resource.en.json holds Norwegian): a form's language is read
    from its words, and so is the document's when one of its own texts needs it; a text marked
    only with the mark those words contradict is taken in the words' language. A text with
    enough words of its own is then judged on them (``choose_language``); a single word ("Mor",
    "Kjønn") keeps that language.
    """

    def __init__(self, doc: ParsedDocument, texts: list[str], default: str) -> None:
        self.marked = normalise_language(doc.language)
        self.default = default
        self._sample = [doc.title or "", *(f.title or "" for f in doc.forms), *texts]
        self._doc: str | None = None
        self._forms: dict[int, tuple[str | None, str]] = {}  # id -> (its mark, its language)

    @property
    def doc(self) -> str:
        """The document's language from its words (read when first asked: most pages have no
        text a rule needs it for)."""
        if self._doc is None:
            self._doc = form_language(self._sample, self.marked, self.default)
        return self._doc

    def form(self, form: Form) -> str:
        known = self._forms.get(id(form))
        if known is None:
            marked = normalise_language(form.language) or self.marked
            words = form_language(_form_texts(form), marked, marked or self.default)
            known = self._forms[id(form)] = (marked, words)
        return known[1]

    def of(self, item: TextItem) -> str:
        """The language of one text to lint."""
        marked = normalise_language(item.language)
        if item.form is not None:
            lang = self.form(item.form)
            said = self._forms[id(item.form)][0]
        elif len(item.text.split()) >= MIN_WORDS:
            # page prose with words enough to judge itself: the page's words are not needed
            return choose_language(item.text, marked or self.marked, self.marked or self.default)
        else:
            lang, said = self.doc, self.marked
        if marked is None or (marked == said and lang != said):
            marked = lang  # unmarked, or marked only as the form or page whose words say otherwise
        return choose_language(item.text, marked, lang)


def _form_texts(form: Form) -> list[str]:
    """What a form says: its title, questions, options and texts (for its language)."""
    texts = [form.title or ""]
    for f in form.fields:
        texts.append(f.question)
        texts.extend(o.label for o in f.options)
        texts.extend(f.help)
    texts.extend(b.text for b in form.text_blocks)
    return texts


def skip_note(source: str, lang: str) -> str:
    """The note that text in a language without a lexicon was not linted."""
    what = "Sámi" if lang in SAMI_CODES else f"language {lang!r}"
    return f"{source}: text in {what} skipped: formlint has no lexicon for it (not linted)"
