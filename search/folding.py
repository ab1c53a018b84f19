"""Diacritic folding for Vietnamese, the same on every backend.

Unicode decomposition strips tone and vowel marks ("Hóa" → "Hoa") but leaves đ/Đ alone,
since đ is a letter of its own, not d plus a mark; we map it to d by hand, as PostgreSQL's
`unaccent` and Lucene's ASCIIFoldingFilter both do.
"""

import re
import unicodedata
from itertools import compress
from operator import not_

_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def strip_marks(text: str) -> str:
    """'Đặc sản Thanh Hóa' → 'Dac san Thanh Hoa' (case kept)."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_EXTRA))
    # The characters that are not combining marks, chosen in C (no Python call per character).
    return "".join(compress(decomposed, map(not_, map(unicodedata.combining, decomposed))))


def fold(text: str) -> str:
    """Lower-case, diacritic-free words separated by single spaces: 'Đặc sản!' → 'dac san'."""
    return _NOT_WORD.sub(" ", strip_marks(text).lower()).strip()


def words(text: str) -> list[str]:
    return fold(text).split()


def lower_words(text: str) -> list[str]:
    """Lower-case words that keep their accents, for the exact-accent bonus."""
    return [w for w in re.split(r"\W+", unicodedata.normalize("NFC", (text or "").lower())) if w]


# Score a document gains for each word typed with accents that it holds in exactly that form,
# on every backend. "chùa" (pagoda) and "chua" (sour) fold alike but are different words, so
# an exact word anywhere outweighs a folded-only match, even one that opens the title (the
# database backend gives that 8 + 4 + 2.5 a word).
EXACT_WORD = 20.0


def accented_words(text: str) -> list[str]:
    """The words of a query typed with accents (or đ), lower-case: 'Chùa cổ Ham' → ['chùa', 'cổ']."""
    return [w for w in lower_words(text) if w != strip_marks(w)]
