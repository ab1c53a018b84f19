""" "Did you mean": the same rule on every backend, over the words of the index's titles.

Each word of the query the titles do not hold is replaced by two title words it joins
("samson" → "sam son", the beach "Sầm Sơn") or else by the closest title word; words the
titles hold stay. The service then keeps the proposal only if it finds something, so the
site never proposes a query that also finds nothing ("mam tom" → "mam tombs").
"""

import difflib
from collections import Counter
from collections.abc import Iterable

from .folding import fold, lower_words

CLOSENESS = 0.75


def correction(text: str, titles: Iterable[str]) -> str:
    """The query with its unknown words replaced, or "" when nothing was replaced."""
    vocabulary: Counter = Counter()
    accented: dict[str, Counter] = {}
    for title in titles:
        for word in lower_words(title):
            folded = fold(word)
            if len(folded) < 2:
                continue
            vocabulary[folded] += 1
            accented.setdefault(folded, Counter())[word] += 1

    def shown(folded: str) -> str:
        return accented[folded].most_common(1)[0][0]

    changed = False
    out = []
    for word in fold(text).split():
        if word in vocabulary:
            out.append(word)
            continue
        split = _split(word, vocabulary)
        if split:
            out.extend(shown(part) for part in split)
            changed = True
            continue
        match = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=CLOSENESS)
        if match:
            out.append(shown(match[0]))
            changed = True
        else:
            out.append(word)
    return " ".join(out) if changed else ""


def _split(word: str, vocabulary: Counter) -> tuple[str, str] | None:
    """Two title words typed without the space between them, the most common pair first."""
    pairs = [(word[:i], word[i:]) for i in range(2, len(word) - 1) if word[:i] in vocabulary and word[i:] in vocabulary]
    if not pairs:
        return None
    return max(pairs, key=lambda pair: min(vocabulary[pair[0]], vocabulary[pair[1]]))
