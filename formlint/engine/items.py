"""Every text of a document the text rules read, with where it sits."""

from __future__ import annotations

from typing import NamedTuple

from formlint.model import Form, Location, ParsedDocument, Scope, Suppressions


class TextItem(NamedTuple):
    """One text to lint, with where it sits (a tuple: a page makes hundreds of these)."""

    text: str
    scope: Scope
    location: Location
    language: str | None
    suppressions: Suppressions
    form: Form | None


class TextItems:
    """A document's texts to lint: its visible page text, then every form's texts.

    The page's texts are read as a column (:meth:`TextBlocks.texts`): a page has hundreds of
    blocks and the rules look closer at the few that hold a rule word, so a TextItem (and a
    TextBlock) is made only for those (:meth:`item`).
    """

    def __init__(self, doc: ParsedDocument) -> None:
        blocks = doc.text_blocks
        self.blocks = blocks
        hidden = blocks.hidden()
        texts = blocks.texts()
        # page blocks by their index among the visible ones
        self.visible = [i for i, h in enumerate(hidden) if not h]
        self.texts = [texts[i] for i in self.visible]
        self.n_page = len(self.texts)
        self.form_items = [
            TextItem(text, scope, loc, lang, sup, form)
            for form in doc.forms
            for text, scope, loc, lang, sup in form.all_texts()
        ]
        self.texts.extend(i.text for i in self.form_items)

    def item(self, index: int) -> TextItem:
        """The text at ``index`` of :attr:`texts` as a TextItem."""
        if index >= self.n_page:
            return self.form_items[index - self.n_page]
        b = self.blocks[self.visible[index]]
        return TextItem(b.text, b.scope, b.location, b.language, b.suppressions, None)

    def languages_marked(self) -> list[TextItem]:
        """The first page text of each marked language, then every form text: what the notes
        on skipped languages (Sámi markup) need to see."""
        languages = self.blocks.languages()
        marked = [languages[i] for i in self.visible]
        firsts = [self.item(marked.index(lang)) for lang in dict.fromkeys(marked)]
        return firsts + self.form_items
