"""Headline grammar: verbs the parser misreads as nouns in headline-style sentences.

Headlines tell past events in the present tense and drop articles ("Troops battle jihadists near
Mopti", "Police fire tear gas at protesters in Lagos", "Thousands rally in Tbilisi"). Trained on
full news prose, the parser reads "battle", "fire" and "rally" as nouns in a noun compound and
the sentence has no verb at all. Such a sentence is parsed again with the headline verb in the
past tense ("Troops battled jihadists ..."), and the new analysis (tags, lemmas, heads,
dependencies, entities) is laid over the original words, so the text and character offsets the
rest of the coder reads stay those of the source.

The verbs (with their past forms) are data: ``etl/coding/data/headline_verbs.tsv``.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from etl.coding.dictionaries import data_dir, read_tsv
from etl.geo.context import common_noun_hit

#: A sentence whose root is one of these verbs still needs its headline clause read as a clause
#: ("Houthis fire missiles at ship in Red Sea, US says").
_REPORTING_ROOTS = frozenset({"say", "report", "claim", "announce", "confirm", "tell"})

#: Parts of speech a headline subject ends with, just before its verb ("Troops", "Police",
#: "Thousands", "They").
_SUBJECT_END = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


#: Dependencies of a word the parser tagged as a verb but attached as a noun's modifier
#: ("Hundreds protest fuel prices": "protest" as an adjective of "prices").
_NOUN_DEPS = frozenset({"amod", "compound", "nmod"})


@lru_cache(maxsize=1)
def headline_verbs() -> dict[str, str]:
    """Base form -> past form of the verbs headlines use for events."""
    return {
        row["base"].strip().lower(): row["past"].strip()
        for _n, row in read_tsv(data_dir() / "headline_verbs.tsv")
    }


def _needs_reparse(doc: Any, agent_nouns: Container[str] = ()) -> bool:
    """True when the sentence has no verb the parser took as its clause."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return False
    root = roots[0]
    if root.pos_ not in {"VERB", "AUX"}:
        return True
    # "Haiti gangs torch police station": the doer's plural noun read as the verb, and the
    # headline verb after it as a noun.
    misread = _misread_subject(doc, agent_nouns)
    if misread is not None and any(i > misread for i in _headline_verb_positions(doc, misread)):
        return True
    # "Gunmen attack church in Kogi, kill pastor": the first of two headline verbs read as a
    # noun, the second (a bare present, never a past) taken as the only clause.
    if root.tag_ in {"VBP", "VB"} and any(i < root.i for i in _headline_verb_positions(doc)):
        return True
    # "..., US says", "Police say ...": the headline around the reporting verb may still lack
    # its verb. A past tense after no comma tells a sentence ("Houthi rebels claimed
    # responsibility for a missile attack"), not a headline.
    headline_report = root.tag_ in {"VBP", "VBZ"} or any(
        doc[k].text in {",", ":"} for k in range(max(0, root.i - 3), root.i)
    )
    return (
        root.lemma_.lower() in _REPORTING_ROOTS
        and headline_report
        and not any(t.pos_ == "VERB" and t.i != root.i for t in doc)
    )


def _past_form(verbs: dict[str, str], word: str) -> str | None:
    """The past tense of a headline verb, also of its present form ("sanctions", "shells",
    "pushes"): headlines tell past events in the present tense."""
    stems = [
        word,
        word[:-1] if word.endswith("s") else "",
        word[:-2] if word.endswith("es") else "",
    ]
    return next((verbs[stem] for stem in stems if stem in verbs), None)


def _misread_subject(doc: Any, agent_nouns: Container[str]) -> int | None:
    """The root read as a verb that is a doer's noun ("gangs", "rebels"), or None."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.i == 0 or root.pos_ != "VERB" or not root.lower_.endswith("s"):
        return None
    if root.lower_ in agent_nouns or root.lemma_.lower() in agent_nouns:
        return int(root.i)
    return None


def _headline_verb_positions(doc: Any, subject_at: int | None = None) -> list[int]:
    """Tokens that may be a headline verb read as a noun: after a subject word, before more.
    ``subject_at`` is a doer's noun the parser read as a verb ("Haiti gangs torch ...")."""
    verbs = headline_verbs()
    out = []
    for t in doc:
        if t.i == 0 or t.i >= len(doc) - 1 or (t.pos_ == "VERB" and t.dep_ not in _NOUN_DEPS):
            continue  # a verb heading its clause already
        if doc[t.i + 1].text in {"-", "–"}:
            continue  # "tear-gas": the verb is the whole hyphenated word, tried at its end
        if doc[t.i + 1].tag_ in {"VBN", "VBD"}:
            continue  # "apartment block hit by ...": a noun before a headline passive
        if t.lower_ not in verbs and (
            _past_form(verbs, t.lower_) is None or t.dep_ in {"nsubj", "nsubjpass"}
        ):
            continue  # a present form ("sanctions", "shells") unless it is the subject noun
        if not t.text.islower():
            continue
        prev = doc[t.i - 1]
        # Plural names the tagger reads as adjectives ("Houthis", "Russians") are subjects too.
        plural_name = prev.pos_ == "ADJ" and prev.text[:1].isupper() and prev.lower_.endswith("s")
        if (
            prev.pos_ in _SUBJECT_END
            or plural_name
            or prev.i == subject_at
            or (prev.text in {"-", "–"} and t.i >= 2)
        ):
            out.append(t.i)
    return out


#: Dependencies of a verb that heads a clause of its own.
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "parataxis"})


def _overlay(original: Any, variant: Any, inserted: int | None = None, verb: int = 0) -> Any:
    """The original words with the variant's analysis.

    ``inserted`` is the index of a word the variant has and the original lacks (the auxiliary
    of "Hundreds had protested ..."); its children hang on the verb (``verb``) instead.
    """

    def var(o: int) -> int:
        return o if inserted is None or o < inserted else o + 1

    def orig(v: int) -> int:
        if inserted is None or v < inserted:
            return v
        return verb if v == inserted else v - 1

    toks = [variant[var(o)] for o in range(len(original))]
    return Doc(
        original.vocab,
        words=[t.text for t in original],
        spaces=[bool(t.whitespace_) for t in original],
        tags=[t.tag_ for t in toks],
        pos=[t.pos_ for t in toks],
        morphs=[str(t.morph) for t in toks],
        lemmas=[t.lemma_ for t in toks],
        heads=[orig(t.head.i) for t in toks],
        deps=[t.dep_ for t in toks],
        sent_starts=[o == 0 for o in range(len(original))],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in toks],
    )


def reparse_headline(nlp: Any, doc: Any, agent_nouns: Container[str] = ()) -> Any:
    """``doc``, or its headline reading when the parser found no verb in it.

    The headline verb is put in the past tense ("Troops battled ..."); when the parser still
    reads it as a noun's modifier, a past perfect is tried ("Hundreds had protested ...").
    """
    if len(doc) < 3:
        return doc
    passive = _reparse_headline_passive(nlp, doc)
    if passive is not None:
        return passive
    if not _needs_reparse(doc, agent_nouns):
        return doc
    verbs = headline_verbs()
    for i in _headline_verb_positions(doc, _misread_subject(doc, agent_nouns)):
        words = [t.text_with_ws for t in doc]
        words[i] = (_past_form(verbs, doc[i].lower_) or doc[i].text) + doc[i].whitespace_
        variant = nlp("".join(words))
        if (
            len(variant) == len(doc)
            and variant[i].pos_ == "VERB"
            and variant[i].dep_ in _CLAUSE_DEPS
        ):
            return _overlay(doc, variant)
        # "tear-gas": the auxiliary goes before the whole hyphenated word.
        k = i - 2 if doc[i - 1].text in {"-", "–"} and i >= 2 else i
        variant = nlp("".join([*words[:k], "had ", *words[k:]]))
        if (
            len(variant) == len(doc) + 1
            and variant[i + 1].pos_ == "VERB"
            and variant[i + 1].dep_ in _CLAUSE_DEPS
        ):
            return _overlay(doc, variant, inserted=k, verb=i)
    return doc


def _headline_passive(doc: Any) -> int | None:
    """The participle of a headline passive told without its auxiliary, or None.

    "Kharkiv hit by Russian missiles", "Goma shelled by M23 rebels": the parser reads the name
    as the subject of an active verb, or as a noun the participle describes, so the name is
    taken for the doer's side instead of the place acted upon. Only the sentence's first verb
    is looked at, and only when a "by" phrase names the doer: an active verb takes no "by"
    doer, and without one "Two soldiers killed in Kidal" reads well already.
    """
    for t in doc:
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        if t.tag_ not in {"VBN", "VBD"} or not any(c.dep_ == "agent" for c in t.children):
            return None
        if any(c.dep_ in {"aux", "auxpass", "nsubjpass"} for c in t.children):
            return None
        if t.dep_ == "ROOT" and any(c.dep_ == "nsubj" and c.i < t.i for c in t.children):
            return t.i
        head = t.head
        if t.dep_ != "acl" or head.pos_ not in {"NOUN", "PROPN"} or head.i > t.i:
            return None
        if head.dep_ == "ROOT":
            return t.i
        # "Kharkiv hit by missiles overnight, two killed": a second clause after the comma
        # took the name as a second subject; the participle's phrase ends at the comma. "FAMa,
        # supported by Wagner, retook Kidal" is a description set off by commas, no headline.
        end = t.right_edge.i + 1
        if (
            head.dep_ == "nsubj"
            and not doc[t.i - 1].is_punct
            and end < len(doc)
            and doc[end].text in {",", ";", ":"}
            and head.head.i > end
            and sum(c.dep_ == "nsubj" for c in head.head.children) > 1
        ):
            return t.i
        return None
    return None


def _reparse_headline_passive(nlp: Any, doc: Any) -> Any | None:
    """The reading of a headline passive with its auxiliary restored ("Kharkiv [was] hit by
    Russian missiles"), laid over the original words; None when there is none to restore."""
    i = _headline_passive(doc)
    if i is None:
        return None
    verb = doc[i]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), verb.head)
    aux = "were " if subject.tag_ in {"NNS", "NNPS"} else "was "
    words = [t.text_with_ws for t in doc]
    variant = nlp("".join([*words[:i], aux, *words[i:]]))
    if len(variant) != len(doc) + 1:
        return None
    v = variant[i + 1]
    if v.pos_ != "VERB" or not any(c.dep_ == "nsubjpass" for c in v.children):
        return None
    return _overlay(doc, variant, inserted=i, verb=i)


_SITE_CLASSES = ("place_modified_head", "place", "property", "acled_civilian_site")


def names_a_site(doc: Any, s: int, e: int, classes: Any) -> bool:
    """The name ``doc[s:e]`` modifies a site or event noun ("Kharkiv power plant", "Gaza
    school", "Waziristan raid"): it says where, as a location, not whose.

    ``classes`` is the lexicon's word-class lookup (``Lexicon.cls``).
    """
    if e >= len(doc) or doc[e].pos_ != "NOUN" or not doc[e].text.islower():
        return False
    words = frozenset().union(*(classes(c) for c in _SITE_CLASSES))
    head = doc[e - 1]
    for _ in range(4):  # up the noun compound: "Kharkiv" -> "plant"
        if head.dep_ != "compound" or head.head.i < e:
            break
        head = head.head
    return any(
        t.lemma_.lower() in words or t.lower_ in words for t in (head, doc[e]) if t.pos_ == "NOUN"
    )


def site_modifier_places(doc: Any, s: int, e: int, payloads: list[Any], classes: Any) -> list[Any]:
    """Well-known places whose name modifies a site noun, or is the object of a verb that takes
    places ("rebels seize Goma"), read as a place even when the tagger took the name for a
    person's or a common noun ("Artillery fire hits Kherson market", "Kharkiv apartment block
    hit by ..."): the site noun or the verb is the locative cue."""
    first = doc[s]
    letters = doc[s:e].text.replace(".", "")
    if not first.text[:1].isupper() or (letters.isupper() and len(letters) <= 4):
        return []  # lower case, or an acronym
    if s > 0 and doc[s - 1].text[:1].isupper() and doc[s - 1].pos_ == "PROPN":
        return []  # "Sergei Kherson": part of a longer name
    if e - s == 1 and (first.ent_type_ == "NORP" or first.pos_ == "ADJ"):
        return []  # "the Somali capital": a nationality, not the town of Somali
    if common_noun_hit(doc, s, e):
        return []  # "Grenade attack on ...": a weapon noun, not Granada
    strong = [p for p in payloads if getattr(p, "strong", False)]
    if not strong:
        return []
    return strong if names_a_site(doc, s, e, classes) or place_object(doc, s, e, classes) else []


def place_object(doc: Any, s: int, e: int, classes: Any) -> bool:
    """The name is the direct object of a verb whose object is a place ("seize Goma"), or is
    listed with one ("hit Kharkiv and Sumy"), or the subject of its passive ("Kharkiv was hit
    by missiles")."""
    head = doc[e - 1]
    for _ in range(4):
        if head.dep_ != "conj" or head.head is head:
            break
        head = head.head
    return (
        head.dep_ in {"dobj", "obj", "nsubjpass"}
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in classes("place_object_verbs")
    )


_HYPHENS = frozenset({"-", "–"})
#: Parts of speech that may stand before an inflected verb ("police tear-gassed", "were
#: tear-gassed", "later tear-gassed").
_BEFORE_INFLECTED = frozenset({"NOUN", "PROPN", "PRON", "AUX", "ADV", "PART", "NUM"})


@lru_cache(maxsize=1)
def compound_verbs() -> dict[str, tuple[str, str]]:
    """Joined lower-case form -> (lemma, stand-in verb) of verbs written as two words."""
    out: dict[str, tuple[str, str]] = {}
    for _n, row in read_tsv(data_dir() / "compound_verbs.tsv"):
        lemma, stand_in = row["lemma"].strip(), row["stand_in"].strip()
        for form in row["forms"].split():
            out[form.lower()] = (lemma, stand_in)
    return out


@lru_cache(maxsize=1)
def _compound_verb_prefixes() -> frozenset[str]:
    """Every prefix of every joined form of :func:`compound_verbs`."""
    return frozenset(f[:k] for f in compound_verbs() for k in range(1, len(f) + 1))


def _compound_verb_spans(doc: Any) -> list[tuple[int, int, str, str]]:
    """(start, end, lemma, stand-in) of each verb written as one, two or three tokens."""
    forms = compound_verbs()
    out: list[tuple[int, int, str, str]] = []
    # Plain lists: slicing the Doc makes Span and Token objects, and this runs on every sentence.
    texts = [t.text for t in doc]
    lowers = [t.lower() for t in texts]
    # A joined form begins with its first word (hyphens are left out of it): a sentence none of
    # whose words begins a form has none, and most sentences have none.
    prefixes = _compound_verb_prefixes()
    if not any(lo in prefixes for lo in lowers):
        return out
    glued = [t.whitespace_ == "" for t in doc]
    size = len(texts)
    i = 0
    while i < size:
        if texts[i] not in _HYPHENS and lowers[i] not in prefixes:
            i += 1  # no form begins with this word
            continue
        found = None
        for n in (3, 2, 1):
            if i + n > size or (n == 3 and texts[i + 1] not in _HYPHENS):
                continue
            if n == 2 and glued[i]:
                continue  # "tear-" glued on without a hyphen token is no word pair
            joined = "".join(lowers[k] for k in range(i, i + n) if texts[k] not in _HYPHENS)
            if joined in forms:
                found = (i, i + n, *forms[joined])
                break
        if found is None:
            i += 1
            continue
        s, e = found[0], found[1]
        last = doc[e - 1]
        prev = doc[s - 1] if s > 0 else None
        inflected = last.lower_.endswith(("ed", "ing"))
        # A bare form is a verb only right after its subject with no verb before it ("Police
        # tear-gas protesters"); "police fire tear gas" has its verb and "tear gas" is a noun.
        if inflected:
            ok = prev is not None and prev.pos_ in _BEFORE_INFLECTED
        else:
            ok = (
                prev is not None
                and prev.pos_ in _SUBJECT_END
                and not any(t.pos_ in {"VERB", "AUX"} for t in doc[:s])
                and e < len(doc)
                and doc[e].pos_ in {"NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"}
            )
        if ok:
            out.append(found)
        i = e
    return out


def reparse_compound_verbs(nlp: Any, doc: Any) -> Any:
    """``doc``, or its reading with each two-word verb taken as one ("tear-gassed").

    The sentence is parsed again with a stand-in verb for each such word; the stand-in's
    analysis goes to the word's last token, with the word's own lemma, and its first tokens
    hang on it as parts of one word.
    """
    spans = _compound_verb_spans(doc)
    if not spans:
        return doc
    pieces: list[str] = []
    to_variant: list[int] = []  # original token -> variant token
    lemma_at: dict[int, str] = {}
    pos = 0
    v = 0
    for s, e, lemma, stand_in in spans:
        for t in doc[pos:s]:
            pieces.append(t.text_with_ws)
            to_variant.append(v)
            v += 1
        pieces.append(stand_in + doc[e - 1].whitespace_)
        to_variant.extend([v] * (e - s))
        lemma_at[e - 1] = lemma
        v += 1
        pos = e
    for t in doc[pos:]:
        pieces.append(t.text_with_ws)
        to_variant.append(v)
        v += 1
    variant = nlp("".join(pieces))
    if len(variant) != v:
        return doc  # the stand-in text tokenised differently: keep the first reading
    # Variant token -> the original token carrying its analysis (a span's last token).
    to_original = {vi: o for o, vi in enumerate(to_variant)}
    heads, deps, tags, pos_, lemmas, morphs, ents = [], [], [], [], [], [], []
    for o, t in enumerate(doc):
        vt = variant[to_variant[o]]
        carrier = to_original[to_variant[o]]
        if carrier != o:  # "tear" and "-" of "tear-gassed": parts of the word at its end
            heads.append(carrier)
            deps.append("compound" if t.text not in _HYPHENS else "punct")
            tags.append(t.tag_)
            pos_.append(t.pos_)
            lemmas.append(t.lemma_)
            morphs.append(str(t.morph))
            ents.append("O")
            continue
        heads.append(to_original[vt.head.i])
        deps.append(vt.dep_)
        tags.append(vt.tag_)
        pos_.append(vt.pos_)
        lemmas.append(lemma_at.get(o, vt.lemma_))
        morphs.append(str(vt.morph))
        ents.append(f"{vt.ent_iob_}-{vt.ent_type_}" if vt.ent_type_ else "O")
    # Entities must not start on the inside of a span that the stand-in replaced.
    for o in range(1, len(ents)):
        if ents[o].startswith("I-") and ents[o - 1] == "O":
            ents[o] = "B-" + ents[o][2:]
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=tags,
        pos=pos_,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=[o == 0 for o in range(len(doc))],
        ents=ents,
    )
