"""Draft grounded questions from a news article: `derive_deck(text, article_id)` is the entry point.

Pure Python: no textual, rich or sqlite3. spaCy is used for entity recognition only when it is
installed (`quiz[nlp]`); see `quiz.derive.spacy_ner`.
"""

from quiz.derive.generate import DEFAULT_COUNT, Draft, derive_deck, derive_drafts
from quiz.derive.source import ArticleError, read_article

__all__ = ["DEFAULT_COUNT", "ArticleError", "Draft", "derive_deck", "derive_drafts", "read_article"]
