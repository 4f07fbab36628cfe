"""A place name in a parsed sentence: is it a place at all, and what does the phrase say around it.

Works on spaCy tokens but reads only their text, ``is_sent_start``, ``pos_`` and ``ent_type_``,
so the rules hold for a blank tokenizer as for the full model.

- :func:`plausible_hit`: no false names. Short all-capital words are codes, not towns ("UN",
  "SDF"); a piece of a longer name is not a place ("Maarat al-Numan" is not Numan, "on Human
  Rights" is not Uman); a common word, a sentence-initial word or a person's name is a place
  only after a locative cue ("in", "near", "the town of") or when it is strong (a city of
  100,000, an admin unit, a country, a supplement entry).
- :func:`qualifiers`: the units named with the place: "X, Y", "X (Y, Z)", "X in Y province",
  "the X district of Y", "X, a town in Ukraine's Donetsk region".
- :func:`names_unknown_place`: the hit is itself the qualifier of a name the gazetteer lacks
  ("near Foo (Loroum, Nord)"): the event is coded to it with a lower precision.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from etl.geo.gazetteer import Place, fold_admin
from etl.geo.words import geo_words

_MAX_QUALIFIER_SPAN = 16


def coded_to(doc: Any, e: int, first_qualifier: int) -> bool:
    """True when the words between a place and its first qualifier say "coded to"."""
    return any(doc[j].lower_ == "coded" for j in range(e, min(first_qualifier, len(doc))))


def locative_cue(doc: Any, s: int) -> bool:
    """True when the words before token ``s`` mark a location ("in", "near", "the town of"),
    or when the name is a news dateline ("BEIRUT (Reuters) -", "KYIV, Ukraine (AP) —")."""
    if s == 0:
        return is_dateline(doc, s)
    j = s - 1
    if j > 0 and doc[j].text in {"'s", "’s"}:
        # "in Zamfara state's Maru area", "in Ukraine's Donetsk region": the possessor's cue.
        k, steps = j - 1, 0
        while (
            k > 0
            and steps < 4
            and (doc[k].lower_ in geo_words().units or doc[k].text[:1].isupper())
        ):
            k, steps = k - 1, steps + 1
        if steps:
            return locative_cue(doc, k + 1)
    adjectives = 0
    while j >= 0 and (
        doc[j].lower_ in {"the", "a", "'s", "’s"} or (adjectives < 2 and _modifier(doc[j]))
    ):
        adjectives += doc[j].lower_ not in {"the", "a", "'s", "’s"}
        j -= 1
    if j < 0:
        return False
    w = doc[j].lower_
    if w == "of":
        return j > 0 and doc[j - 1].lower_ in geo_words().of_nouns
    if w in {"and", "between"}:
        # "in Aleppo and Idlib", "between Douentza and Boni": the list's first member decides.
        return j > 0 and locative_cue(doc, j - 1)
    words = geo_words()
    if w in words.air_locative:
        # "drones shot down over Kyiv", "in the skies above Odesa": over a place in the air;
        # elsewhere "over" is about something ("a protest over Khan's arrest").
        return air_sentence(doc)
    if w == "on":
        # "the assault on Avdiivka", "Drone attack on Belgorod": an attack on a place.
        return j > 0 and doc[j - 1].lower_ in words.on_nouns
    if doc[j].pos_ == "VERB" and doc[j].lemma_.lower() in words.place_object_verbs:
        # "Russian forces shelled Bakhmut", "Rebels seized Bunagana": what is shelled or
        # seized is a place, whatever the tagger made of its name.
        return True
    return w in words.locative


def air_sentence(doc: Any) -> bool:
    """The sentence tells of aircraft, drones, missiles or the sky ("drones", "airspace")."""
    air = geo_words().air_context
    return any(
        t.lower_ in air
        or t.lemma_.lower() in air
        or (t.lower_[-1:] == "s" and t.lower_[:-1] in air)
        for t in doc
    )


_DATELINE_END = frozenset({"(", ",", "-", "—", "–", ":"})


def is_dateline(doc: Any, s: int) -> bool:
    """The sentence opens with a capitalised place name followed by the agency or a dash:
    "BEIRUT (Reuters) - ...", "KYIV, Ukraine (AP) — ...", "MOGADISHU, Somalia — ..."."""
    if s != 0:
        return False
    e = s
    while e < len(doc) and e < s + 3 and doc[e].text.isalpha() and doc[e].text.isupper():
        e += 1
    if e == s or e >= len(doc) or doc[e].text not in _DATELINE_END:
        return False
    # A dateline split off as a segment of its own (etl.nlp.pipeline.split_sentences) ends
    # in its dash or colon.
    if doc[len(doc) - 1].text in {"—", "–", "-", "--", ":"}:
        return True
    # A headline in capitals is no dateline: the text after it has lower-case words.
    return any(t.text.islower() for t in doc[e : e + 12])


def _modifier(tok: Any) -> bool:
    """A lower-case adjective between a cue and a name: "in rural Tame", "in northern Bama"."""
    return tok.pos_ == "ADJ" and tok.text.isalpha() and tok.text.islower()


def _same_entity(tok: Any, nxt: Any) -> bool:
    """``nxt`` continues the named entity ``tok`` is part of, and is no country's name."""
    return (
        bool(tok.ent_type_)
        and nxt.ent_iob_ == "I"
        and nxt.ent_type_ == tok.ent_type_
        and nxt.lower_ not in _country_words()
    )


@cache
def _country_words() -> frozenset[str]:
    from etl.coding.reference import country_names

    return frozenset(n.lower() for n in country_names().values())


def _is_name_word(tok: Any) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha() and not tok.is_sent_start


def is_name_piece(doc: Any, s: int, e: int) -> bool:
    """The hit ``doc[s:e]`` is a piece of a longer proper name ("al-Numan", "Human Rights")."""
    if s > 0:
        k = s - 2 if doc[s - 1].text in {"-", "–"} and s > 1 else s - 1
        prev = doc[k]
        if k == s - 1 and prev.lower_ in geo_words().water_bodies and prev.text[:1].isupper():
            return True  # "Lake Chad", "River Kaduna": the water's name, not the country's
        if prev.lower_ in geo_words().name_particles and (
            prev.text[:1].isupper() or (k > 0 and doc[k - 1].text[:1].isupper())
        ):
            return True  # "Maarat al-Numan", "Abu Numan"
        if (
            _is_name_word(prev)
            and prev.lower_ not in geo_words().name_prefixes
            and prev.pos_ == "PROPN"
        ):
            return True  # "Commission Numan", "Sergei Kisel"
    if e < len(doc):
        nxt = doc[e]
        if (
            s > 0
            and doc[s - 1].text == "("
            and e + 1 < len(doc)
            and nxt.text.islower()
            and nxt.lower_ in geo_words().name_particles
            and _is_name_word(doc[e + 1])
        ):
            return True  # "(Lanao del Este)": the unit named in parentheses is not Lanao
        if (
            _is_name_word(nxt)
            and nxt.lower_ not in geo_words().name_suffixes
            # A GPE word after it is another name ("Aleppo Syria"), unless the tagger reads
            # both as one name ("Bulo Burde": not the Philippine village of Bulo).
            and (nxt.ent_type_ not in {"DATE", "TIME", "GPE"} or _same_entity(doc[e - 1], nxt))
        ):
            return True  # "Human Rights", "Donetsk People's Republic"
    return False


def common_noun_hit(doc: Any, s: int, e: int) -> bool:
    """The one-word match ``doc[s:e]`` is a weapon, force or event noun of the vocabulary
    ("Grenade attack on ...", "Militia fighters ..."), capitalised or not: no town's name
    unless a location cue says so."""
    return e - s == 1 and doc[s].lower_ in geo_words().common_capitalised


def place_payloads(doc: Any, s: int, e: int, payloads: list[Place]) -> list[Place]:
    """The candidates a gazetteer match in a sentence may stand for; empty when it is no place.

    An all-capital short word keeps only countries and places whose name is written so ("US"
    is the United States, not the French village of Us); see :func:`plausible_hit` for the rest.
    """
    letters = doc[s:e].text.replace(".", "")
    if e - s == 1 and letters.isupper() and len(letters) <= 4 and not is_dateline(doc, s):
        payloads = [p for p in payloads if p.kind == "COUNTRY" or p.name.isupper()]
    return payloads if payloads and plausible_hit(doc, s, e, payloads) else []


def plausible_hit(doc: Any, s: int, e: int, payloads: list[Place]) -> bool:
    """Whether a gazetteer match in a sentence can be a place (see the module doc)."""
    letters = doc[s:e].text.replace(".", "")
    if (
        e - s == 1
        and letters.isupper()
        and len(letters) <= 4
        and not any(p.kind == "COUNTRY" or p.name.isupper() for p in payloads)
        and not is_dateline(doc, s)  # "GAZA (Reuters) -", "KYIV, Ukraine (AP) -"
    ):
        return False  # a code or acronym, unless a country (US, DRC) or a capitals name
    if is_name_piece(doc, s, e):
        return False
    first = doc[s]
    # A weapon, force or event noun capitalised ("Grenade attack on ...", "Militia fighters
    # ...") is a common noun whatever the tagger says: "Grenade" is not Granada.
    common = e - s == 1 and (first.pos_ not in {"PROPN", ""} or common_noun_hit(doc, s, e))
    if common or first.is_sent_start or first.ent_type_ == "PERSON":
        if locative_cue(doc, s) or in_place_phrase(doc, s, e):
            return True
        # A one-word person's name ("Hassan") needs the cue; "Wad Madani" tagged PERSON does not.
        one_word_person = first.ent_type_ == "PERSON" and e - s == 1
        return not common and not one_word_person and any(p.strong for p in payloads)
    return True


def is_place_word(tok: Any) -> bool:
    """A word after a name that makes it a place's name ("city", "town", "district", ...)."""
    return tok.lower_ in geo_words().place_words_after


def in_place_phrase(doc: Any, s: int, e: int) -> bool:
    """The name stands in a "X (Y, Z)" structure: right before or inside the parentheses, or
    before a word for a place ("Kherson city", "Kanbalu township"), even when the tagger reads
    the name as a person's."""
    if e < len(doc) and (doc[e].text == "(" or doc[e].lower_ in geo_words().place_words_after):
        return True
    j = s - 1
    while j >= 0 and j >= s - _MAX_QUALIFIER_SPAN:
        t = doc[j].text
        if t == "(":
            return True
        if t in {")", ".", ";"} or (not t[:1].isupper() and t not in {",", "-", "–"}):
            return False
        j -= 1
    return False


def qualifiers(
    doc: Any, e: int, place_at: dict[int, tuple[int, int, list[Place]]]
) -> tuple[list[list[Place]], list[int]]:
    """Units and towns named right after a place ending at token ``e``, and their first tokens.

    Reads "X, Y", "X (Y, Z)", "X in Y province", "X district of Y", "X, a town in Ukraine's
    Donetsk region": a run of place names, unit words, commas, parentheses and "in/of/the".
    Inside parentheses unknown names are skipped ("(Loroum, Nord)"); outside them the run
    stops at the first other word.
    """
    found: list[list[Place]] = []
    starts: list[int] = []
    j, depth, n = e, 0, len(doc)
    limit = min(n, e + _MAX_QUALIFIER_SPAN)
    while j < limit:
        tok = doc[j]
        hit = place_at.get(j)
        if hit is not None and hit[0] == j:
            if depth > 0 and _name_goes_on(doc, hit[1], place_at):
                # "(Lanao del Sur)" read as the town "Lanao": only a whole name qualifies.
                j = hit[1]
                continue
            found.append(hit[2])
            starts.append(j)
            j = hit[1]
            continue
        if j == e and tok.text in {"'s", "’s"}:
            break  # "Ukraine's Kharkiv region": Kharkiv lies in Ukraine, it does not qualify it
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
            if depth <= 0:
                break
        elif tok.lower_ in geo_words().qualifier_filler or tok.text in {"-", "–"}:
            pass
        elif depth > 0 and (tok.text[:1].isupper() or tok.lower_ in geo_words().coded_to):
            pass  # an unknown district inside the parentheses
        else:
            break
        j += 1
    own = place_at.get(e - 1)
    owner = possessor(doc, own[0], place_at) if own is not None else None
    if owner is not None and owner[0] not in starts:
        # "in Zamfara state's Maru area": Maru lies in Zamfara, named before it (the widest
        # unit, so last: the list runs from the most specific).
        found.append(owner[2])
        starts.append(owner[0])
    return found, starts


_POSSESSIVE = frozenset({"'s", "’s"})


def _name_goes_on(doc: Any, e: int, place_at: dict[int, tuple[int, int, list[Place]]]) -> bool:
    """Inside parentheses, the name matched up to ``e`` is only the start of a longer one:
    a name particle ("del", "al") or a capitalised word that starts no match follows."""
    if e >= len(doc):
        return False
    nxt = doc[e]
    if nxt.lower_ in geo_words().name_particles:
        return True
    return (
        nxt.text[:1].isupper()
        and e not in place_at
        and nxt.lower_ not in geo_words().qualifier_filler
        and nxt.lower_ not in geo_words().coded_to
    )


def possessor(
    doc: Any, s: int, place_at: dict[int, tuple[int, int, list[Place]]]
) -> tuple[int, int, list[Place]] | None:
    """The place named as the owner of the place starting at ``s``: "Zamfara state's Maru",
    "Ukraine's (northern) Kharkiv region"; None when there is none."""
    j = s - 1
    while j > 0 and _modifier(doc[j]) and j >= s - 2:
        j -= 1
    if j <= 0 or doc[j].text not in _POSSESSIVE:
        return None
    hit = place_at.get(j - 1)
    return hit if hit is not None and hit[1] == j else None


def owns_next_place(doc: Any, e: int, place_at: dict[int, tuple[int, int, list[Place]]]) -> bool:
    """The place ending at ``e`` is the possessor of the next one ("Ukraine's Kharkiv region"):
    the next one is the more precise location."""
    if e >= len(doc) or doc[e].text not in _POSSESSIVE:
        return False
    j = e + 1
    while j < len(doc) and j <= e + 3 and _modifier(doc[j]):
        j += 1
    hit = place_at.get(j)
    return hit is not None and hit[0] == j


def names_unknown_place(
    doc: Any, s: int, place_at: dict[int, tuple[int, int, list[Place]]]
) -> bool:
    """True when the hit at ``s`` qualifies a preceding name the gazetteer does not know.

    "near Foo (Loroum, Nord)", "at Bar town (Kanbalu township, Sagaing region)": walking back
    over the parenthesis or comma list reaches a capitalised word that is no place.
    """
    j = s - 1
    steps = 0
    while j >= 0 and steps < _MAX_QUALIFIER_SPAN:
        tok = doc[j]
        hit = place_at.get(j)
        if tok.text in {"(", ","}:
            k = j - 1
            while k >= 0 and doc[k].lower_ in geo_words().unknown_place_heads:
                k -= 1
            if k >= 0 and doc[k].text[:1].isupper() and doc[k].text.isalpha():
                return place_at.get(k) is None and not doc[k].is_sent_start
            if tok.text == "(":
                return False
        elif hit is None and not (
            tok.text[:1].isupper()
            or tok.lower_ in geo_words().qualifier_filler
            or tok.lower_ in geo_words().coded_to
        ):
            return False
        j -= 1
        steps += 1
    return False


def near_cue(doc: Any, s: int, e: int) -> bool:
    """True when the phrase puts the event near the place at ``doc[s:e]``, not in it.

    "near/outside/around X", "the outskirts of X", "near the town of X", "the outskirts of
    the border town of X", "between X and Y", "25 km west of X", "X district/township" and
    "X and Y townships" (the surroundings of the town). Read from the words before the name
    only, so "a restaurant close to Villa Somalia in Mogadishu" is in Mogadishu.
    """
    if e < len(doc) and (
        _district_word(doc[e])
        or _shared_district_word(doc, e)
        or doc[e].lower_ in geo_words().area_after
    ):
        return True  # "Kanbalu township", "the Maru area": the town's surroundings
    j = s - 1
    titles = geo_words().settlement_titles
    while j >= 0 and (doc[j].lower_ in {"the", "a", "'s", "’s"} or doc[j].lower_ in titles):
        j -= 1
    if j < 0:
        return False
    w = doc[j].lower_
    if w in geo_words().near:
        return True
    if w in {"of", "to", "from"} and j > 0:
        before = doc[j - 1].lower_
        # "outskirts of X", "close to X", "west of X", "25 km north of X"
        if before in geo_words().near or before in geo_words().directions:
            return True
        # "near the town of X", "the outskirts of the border town of X"
        return before in geo_words().settlement_nouns and _near_before(doc, j - 2)
    if w == "and" and j > 0:
        # "between Kaura Namoda and Zurmi": the list's first member decides.
        k = j - 1
        while k >= 0 and doc[k].text[:1].isupper():
            k -= 1
        return k >= 0 and doc[k].lower_ == "between"
    return False


def _near_before(doc: Any, k: int) -> bool:
    """Before "town of X" (at ``k`` and earlier, over "the" and up to two modifiers such as
    "border"): "near/outside", or "outskirts of" / "west of"."""
    steps = 0
    while (
        k >= 0
        and steps < 3
        and (
            doc[k].lower_ in {"the", "a", "an"}
            or (doc[k].pos_ in {"ADJ", "NOUN"} and doc[k].text.isalpha() and doc[k].text.islower())
        )
    ):
        if doc[k].lower_ in geo_words().near:
            return True  # "the outskirts" read as a noun
        k -= 1
        steps += 1
    if k < 0:
        return False
    w = doc[k].lower_
    if w in geo_words().near:
        return True
    return (
        w in {"of", "to", "from"}
        and k > 0
        and (doc[k - 1].lower_ in geo_words().near or doc[k - 1].lower_ in geo_words().directions)
    )


def _district_word(tok: Any) -> bool:
    """ "district", "townships", "counties": a unit below a province, singular or plural."""
    w = tok.lower_
    return (
        w in geo_words().districts
        or (w.endswith("s") and w[:-1] in geo_words().districts)
        or (w.endswith("ies") and w[:-3] + "y" in geo_words().districts)
    )


def _shared_district_word(doc: Any, e: int) -> bool:
    """ "Kanbalu and Shwebo townships": a plural unit word after the list names every member."""
    if doc[e].lower_ not in {"and", ","}:
        return False
    k = e + 1
    while (
        k < len(doc) and k <= e + 8 and (doc[k].text[:1].isupper() or doc[k].lower_ in {",", "and"})
    ):
        k += 1
    return k < len(doc) and k > e + 1 and doc[k].lower_.endswith("s") and _district_word(doc[k])


_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "relcl", "conj", "parataxis"})


def in_other_clause(tok: Any, trigger: Any) -> bool:
    """True when ``tok`` sits in a clause of its own below ``trigger``.

    "officers fired tear gas, while a sit-in in Peshawar ended peacefully": Peshawar belongs
    to "ended", not to "fired". Walks from ``tok`` up to ``trigger``; a verb with its own
    clause relation on the way marks another clause.
    """
    h = tok
    for _ in range(40):
        if h is trigger or h.i == trigger.i:
            return False
        if h.dep_ in _CLAUSE_DEPS and h.pos_ in {"VERB", "AUX"}:
            return True
        if h.head is h or h.head.i == h.i:
            return False
        h = h.head
    return False


def nearest_places_first(
    doc: Any, anchor: int, place_at: dict[int, tuple[int, int, list[Place]]]
) -> list[Any]:
    """The first tokens of the sentence's place names, nearest to token ``anchor`` first.

    Each event takes the place named nearest its own trigger ("Police shot dead two protesters
    in Nairobi, while in Mombasa a march passed off peacefully": the march is in Mombasa), not
    the sentence's first place. A qualifier ("Kherson city (Kherson)", "Rutshuru (Rutshuru,
    North Kivu)") stands for the place it qualifies, at the distance of the nearer of the two.
    """
    starts = sorted({hit[0] for hit in place_at.values()})
    head_of: dict[int, int] = {}
    for s in starts:
        if s in head_of:
            continue
        _quals, q_starts = qualifiers(doc, place_at[s][1], place_at)
        for q in q_starts:
            head_of.setdefault(q, s)
    anchor_path = _path_to_root(doc[anchor])
    clause = _clause_of(doc[anchor])
    distance: dict[int, tuple[int, int, int]] = {}
    for s in starts:
        head = s
        for _ in range(4):  # "X (Y, Z)": Z qualifies X through Y at most a few steps deep
            head = head_of.get(head, head)
        span = range(s, place_at[s][1])
        if any(_clause_of(doc[i]) == clause for i in span):
            # In the trigger's own clause: the first place named, as in a plain sentence.
            d = (0, 0, s)
        else:
            # In another clause ("..., while in Mombasa a march passed off"): the nearest in
            # the parse first, then in words; a clause below the trigger's tells another event
            # ("officers fired tear gas, while a sit-in in Peshawar ended"): last.
            d = min(
                (
                    2 if _below_in_own_clause(doc[i], doc[anchor]) else 1,
                    _tree_distance(anchor_path, doc[i]),
                    abs(i - anchor),
                )
                for i in span
            )
        distance[head] = min(d, distance.get(head, d))
    return [doc[h] for h in sorted(distance, key=lambda h: (distance[h], h))]


def _below_in_own_clause(tok: Any, anchor: Any) -> bool:
    """``tok`` lies below ``anchor`` in the parse, in a clause of its own."""
    return anchor.i in _path_to_root(tok) and in_other_clause(tok, anchor)


def _clause_of(tok: Any) -> int:
    """The index of the verb heading ``tok``'s clause (the sentence root for the main one)."""
    h = tok
    for _ in range(60):
        if h.dep_ in _CLAUSE_DEPS and h.pos_ in {"VERB", "AUX"}:
            return h.i
        if h.head.i == h.i:
            return h.i
        h = h.head
    return h.i


def _path_to_root(tok: Any) -> dict[int, int]:
    """Token index -> number of steps from ``tok`` up to that ancestor (``tok`` itself: 0)."""
    path = {tok.i: 0}
    h, steps = tok, 0
    while h.head.i != h.i and steps < 60:
        h, steps = h.head, steps + 1
        path[h.i] = steps
    return path


def _tree_distance(anchor_path: dict[int, int], tok: Any) -> int:
    """Edges between the anchor (given by its path to the root) and ``tok`` in the parse."""
    h, steps = tok, 0
    while h.i not in anchor_path and h.head.i != h.i and steps < 60:
        h, steps = h.head, steps + 1
    return steps + anchor_path.get(h.i, 60)


#: A homonym this large beside the biggest place of the name makes the name ambiguous.
HOMONYM_SHARE = 0.1


def homonyms_abroad(hit: tuple[int, int, list[Place]] | None) -> bool:
    """A place name with sizeable towns of that name in several countries ("Tripoli": Libya
    and Lebanon): a dictionary actor of that name says nothing about the document's country.
    ("Damascus" stays Syria's: the American Damascus towns are villages beside it.)"""
    if hit is None or any(p.kind == "COUNTRY" for p in hit[2]):
        return False  # a country's name ("Jordan", "Georgia") votes for the country
    towns = [p for p in hit[2] if p.kind == "P"]
    if not towns:
        return False
    biggest = max(p.population for p in towns)
    sizeable = {p.iso3 for p in towns if p.population >= HOMONYM_SHARE * biggest}
    return len(sizeable) > 1


#: A document "is about" a country when its weight in the context reaches this.
ABOUT_COUNTRY = 1.0
#: A populated place smaller than this, in a country the document is not about, is taken for a
#: homonym of a place the gazetteer lacks rather than for the news' location.
HAMLET_POPULATION = 1_000


def small_homonym_abroad(place: Place, candidates: list[Place], ctx: dict[str, float]) -> bool:
    """The chosen town is a small one of a name found in several countries, none of them a
    country the document is about ("Boko Haram ... near Baga": the Nigerian town is missing
    from the gazetteer; Bagà in Spain and Baga in India are homonyms abroad), or a village too
    small to be news abroad ("Colombian troops retook El Plateado": not the Mexican hamlet)."""
    if place.kind != "P" or place.strong:
        return False
    own = ctx.get(place.iso3, 0.0)
    if not any(w >= ABOUT_COUNTRY for k, w in ctx.items() if "/" not in k and k != place.iso3):
        return False
    if place.population < HAMLET_POPULATION and not place.supplement and own < ABOUT_COUNTRY:
        return True  # its own name's vote for its country does not make the story about it
    if own > 0:
        return False
    return len({p.iso3 for p in candidates if p.kind == "P"}) > 1


def contains(area: Place, place: Place) -> bool:
    """``area`` is an administrative unit or region the place lies in ("Jabalia in northern
    Gaza": the Gaza Strip holds Jabalia), so naming it beside the place names no other place."""
    if area.kind not in {"ADM1", "ADM2", "REGION"} or area.iso3 != place.iso3 or area == place:
        return False
    if area.kind == "ADM2":
        return bool(place.admin2) and fold_admin(area.name) == fold_admin(place.admin2)
    return bool(area.admin1) and fold_admin(area.admin1) == fold_admin(place.admin1)


def sole_country_named(infos: list[Any]) -> Place | None:
    """The one country a document names by its name ("South Korea's president ..."), if only
    one: the place of a country-level event (ACLED: the capital, geo_precision 3).

    Demonyms ("Russian forces") and countries that act in a passive's "by" phrase do not count:
    they name an actor, often abroad.
    """
    found: dict[str, Place] = {}
    for info in infos:
        for s, _e, places in {v[0]: v for v in info.place_at.values()}.values():
            tok = info.doc[s]
            if tok.pos_ != "PROPN":
                continue
            if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
                continue  # "a ceasefire brokered by Qatar": the country acts, it is no place
            for p in places:
                if p.kind == "COUNTRY" and p.lat is not None:
                    found[p.iso3] = p
    return next(iter(found.values())) if len(found) == 1 else None


def votes_for_its_country(doc: Any, s: int, e: int, places: list[Place]) -> bool:
    """Whether a one-country match may raise its country in the document's context.

    A small place named without a locative cue ("Peru's president dissolved Congress": the
    village of Congress, Arizona) must not vote for its own country, which would then make
    it look like the document's place.
    """
    return any(p.strong for p in places) or locative_cue(doc, s) or in_place_phrase(doc, s, e)


def capital_phrases(
    doc: Any,
    place_at: dict[int, tuple[int, int, list[Place]]],
    actor_at: dict[int, tuple[int, int, list[Any]]],
    capital_of: Any,
) -> list[tuple[int, int, list[Place]]]:
    """ "the Somali capital", "Sudan's capital": the country's capital city as a place.

    Args:
        doc: the parsed sentence.
        place_at: its gazetteer matches (a country name before "capital").
        actor_at: its actor matches (a demonym before "capital": "Somali", "Afghan").
        capital_of: ISO3 -> the capital's :class:`Place` or None (``Gazetteer.capital``).

    Returns:
        (first token, end token, [capital]) for each phrase not followed by the city's name.
    """
    from etl.coding.reference import country_names

    names = country_names()
    out: list[tuple[int, int, list[Place]]] = []
    for i in range(1, len(doc)):
        if doc[i].lower_ != "capital" or doc[i].pos_ not in {"NOUN", "PROPN"}:
            continue
        if i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
            continue  # "the Sudanese capital Khartoum": the name itself is the place
        j = i - 2 if doc[i - 1].text in {"'s", "’s"} and i > 1 else i - 1
        iso3s: set[str] = set()
        start = j
        hit = place_at.get(j)
        if hit is not None:
            iso3s = {p.iso3 for p in hit[2] if p.kind == "COUNTRY"}
            start = hit[0]
        # A demonym that is also some village's name ("Somali", Ethiopia) is still a nationality.
        if not iso3s and j in actor_at:
            a = actor_at[j]
            start = a[0]
            for entry in a[2]:
                code = getattr(entry, "country", None) or getattr(entry, "code", "")[:3]
                if code in names:
                    iso3s.add(code)
        if len(iso3s) != 1:
            continue
        capital = capital_of(next(iter(iso3s)))
        if capital is not None:
            out.append((start, i + 1, [capital]))
    return out
