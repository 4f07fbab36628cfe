"""Token attributes of a parsed sentence read once, as plain tuples, for the coder's tree walks.

spaCy makes a new ``Token`` object on every ``doc[i]``, ``.head`` or ``.children`` access and
decodes each string attribute (``lower_``, ``lemma_``, ``pos_``, ...) from its string store on
every read. The coder's stages walk the same sentence for every trigger, so the hot walks read
these tuples instead: index ``i`` of each tuple is token ``i`` of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_KEY = "eventetl.sentence_tokens"


@dataclass(frozen=True)
class SentenceTokens:
    """The attributes of every token of one parsed ``Doc``, by token index.

    ``lemma`` is the lower-cased lemma (as the coder compares it); ``head`` is the index of the
    token's head (itself for a root); ``children`` are the indices of the token's children in
    sentence order, as ``Token.children`` yields them.
    """

    text: tuple[str, ...]
    lower: tuple[str, ...]
    lemma: tuple[str, ...]
    pos: tuple[str, ...]
    tag: tuple[str, ...]
    dep: tuple[str, ...]
    ent_type: tuple[str, ...]
    is_punct: tuple[bool, ...]
    is_space: tuple[bool, ...]
    head: tuple[int, ...]
    children: tuple[tuple[int, ...], ...]
    #: Subtrees already walked, by head index (filled by :func:`subtree`).
    subtrees: dict[int, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)
    #: Values other stages read once per sentence (filled by their helpers).
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


def sentence_tokens(doc: Any) -> SentenceTokens:
    """The token attributes of ``doc``, read once and kept on the ``Doc``.

    Args:
        doc: A parsed spaCy ``Doc`` the coder no longer changes (its sentences after parsing).

    Returns:
        The same :class:`SentenceTokens` for every call on the same ``Doc``.
    """
    cached = doc.user_data.get(_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    toks = list(doc)
    heads = tuple(t.head.i for t in toks)
    kids: list[list[int]] = [[] for _ in toks]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)  # ascending i: the order Token.children yields
    out = SentenceTokens(
        text=tuple(t.text for t in toks),
        lower=tuple(t.lower_ for t in toks),
        lemma=tuple(t.lemma_.lower() for t in toks),
        pos=tuple(t.pos_ for t in toks),
        tag=tuple(t.tag_ for t in toks),
        dep=tuple(t.dep_ for t in toks),
        ent_type=tuple(t.ent_type_ for t in toks),
        is_punct=tuple(t.is_punct for t in toks),
        is_space=tuple(t.is_space for t in toks),
        head=heads,
        children=tuple(tuple(k) for k in kids),
    )
    doc.user_data[_KEY] = out
    return out


def subtree(st: SentenceTokens, i: int) -> tuple[int, ...]:
    """Indices of the subtree of token ``i`` in the order ``Token.subtree`` yields them.

    Args:
        st: The sentence's token attributes.
        i: The index of the subtree's head.

    Returns:
        Each left child's subtree, then ``i``, then each right child's subtree (sentence order
        for a projective parse). Kept per token: the triggers of a sentence share heads.
    """
    found = st.subtrees.get(i)
    if found is None:
        out: list[int] = []
        _walk(st.children, i, out)
        found = st.subtrees[i] = tuple(out)
    return found


def _walk(kids: tuple[tuple[int, ...], ...], t: int, out: list[int]) -> None:
    for c in kids[t]:
        if c < t:
            _walk(kids, c, out)
    out.append(t)
    for c in kids[t]:
        if c > t:
            _walk(kids, c, out)


def clause_tokens(trigger: Any) -> set[int]:
    """Indices of the tokens of the trigger's own clause: the subtree of its clause verb less
    the clauses inside it that have a subject of their own."""
    # The kept sentence attributes: no Token object per walked token (a walk per trigger).
    st = sentence_tokens(trigger.doc)
    pos, dep, kids = st.pos, st.dep, st.children
    verb = trigger.i
    while pos[verb] not in {"VERB", "AUX"} and st.head[verb] != verb:
        verb = st.head[verb]
    inner: set[int] = set()
    for t in subtree(st, verb):
        own_subject = any(dep[c] in {"nsubj", "nsubjpass", "csubj"} for c in kids[t])
        if t != verb and pos[t] in {"VERB", "AUX"} and t not in inner and own_subject:
            inner.update(subtree(st, t))
    return set(subtree(st, verb)) - inner
