"""The ACLED codebook: the ACLED coding of an event, read from its frame alone.

The decision rules are in :mod:`etl.coding.acled` (:func:`~etl.coding.acled.acled_coding`); this
module feeds them the frame's action class, actor classes, weapon and cues, then names the actors
as ACLED does ("Military Forces of Sudan (2019-)", "Protesters (Kenya)"), orders them (the
demonstrators first in a Protest with intervention), fills in the side a sentence leaves unnamed
and gives their inter codes. It reads only :class:`~etl.coding.frame.EventFrame`, never the CAMEO
codebook.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from etl.coding.acled import INTER_OF_CLASS, AcledCoding, acled_coding, interaction, unnamed
from etl.coding.dictionaries import data_dir, read_tsv
from etl.coding.frame import EventFrame, FrameActor
from etl.coding.reference import country_names

# ACLED actor classes of a crowd.
_CROWD = frozenset({"protesters", "rioters"})
_POLITICAL_VIOLENCE = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)
# Where ACLED's country names differ from GeoNames' (as recalled from ACLED's country list).
_ACLED_COUNTRY = {
    "PSE": "Palestine",
    "COD": "Democratic Republic of Congo",
    "COG": "Republic of Congo",
    "CZE": "Czech Republic",
    "SWZ": "eSwatini",
    "TLS": "East Timor",
}


def _load_periods() -> dict[str, list[tuple[date, date | None, str]]]:
    out: dict[str, list[tuple[date, date | None, str]]] = {}
    for _n, r in read_tsv(data_dir() / "acled_periods.tsv"):
        end = date.fromisoformat(r["end"]) if r["end"] else None
        out.setdefault(r["iso3"], []).append((date.fromisoformat(r["start"]), end, r["suffix"]))
    return out


# ACLED regime-period suffixes by country and date (acled_periods.tsv); unknown -> no suffix.
_ACLED_PERIODS = _load_periods()


def acled_period(iso3: str | None, when: date | None) -> str | None:
    """The ACLED regime-period suffix of a country's state actors on ``when`` (or None)."""
    periods = _ACLED_PERIODS.get(iso3 or "")
    if not periods:
        return None
    if when is None:
        return next((p[2] for p in periods if p[1] is None), None)
    for start, end, suffix in periods:
        if start <= when and (end is None or when < end):
            return suffix
    return None


def country_name(iso3: str | None) -> str:
    """ACLED's name of a country ("Democratic Republic of Congo"); "" for none."""
    if not iso3:
        return ""
    return _ACLED_COUNTRY.get(iso3) or country_names().get(iso3, iso3)


def _unidentified(iso3: str | None) -> str:
    return (
        f"Unidentified Armed Group ({country_name(iso3)})" if iso3 else "Unidentified Armed Group"
    )


def acled_actor_name(
    a: FrameActor | None, event_iso3: str | None, violent: bool = False, when: date | None = None
) -> str | None:
    """ACLED-style actor name: "Military Forces of Russia (2000-)", "Protesters (Georgia)"..."""
    if a is None:
        return None
    if a.acled_name:
        iso = a.country or event_iso3
        period = acled_period(iso, when)
        if period and a.acled_name in {
            f"Military Forces of {country_name(iso)}",
            f"Police Forces of {country_name(iso)}",
        }:
            # A named state force ("Sudanese Armed Forces") takes the dated period suffix too.
            return f"{a.acled_name} ({period})"
        return a.acled_name
    country = a.country if a.country in country_names() else None
    cname = country_name(country or event_iso3) if (country or event_iso3) else ""
    cls = a.kind
    period = acled_period(country, when)
    suffix = f" ({period})" if period else ""
    if cls == "state" and country:
        if a.role == "COP":
            return f"Police Forces of {cname}{suffix}"
        if a.role in {"GOV", "LEG", "JUD"} and not violent:
            return f"Government of {cname}{suffix}"
        branch = f" {a.branch}" if a.branch and a.branch != "Police" else ""
        return f"Military Forces of {cname}{suffix}{branch}"
    if cls == "rebel":
        return f"Rebel Groups ({cname})" if cname else "Rebel Groups"
    if cls == "militia":
        return f"Unidentified Armed Group ({cname})" if cname else "Unidentified Armed Group"
    if cls == "identity":
        return f"Communal Militia ({cname})" if cname else "Communal Militia"
    if cls in {"protesters", "rioters", "civilians"}:
        label = {"protesters": "Protesters", "rioters": "Rioters", "civilians": "Civilians"}[cls]
        return f"{label} ({cname})" if cname else label
    if a.code and a.code.startswith("IGO"):
        return a.name or "International Organization"
    return a.name or None


def inter_for(actor: FrameActor | None, event_iso3: str | None) -> int | None:
    """ACLED inter code of an actor; state forces outside their own country are 8."""
    if actor is None:
        return None
    if actor.inter:
        if actor.inter == 1 and actor.country and event_iso3 and actor.country != event_iso3:
            return 8
        return actor.inter
    # The class the actor's name is read from too: a trader or a company (class "none", a
    # civilian role in its code) is a civilian, not its country's state.
    cls = actor.kind
    if cls in {None, "none", "country"}:
        cls = "state" if actor.country else None
    if cls is None:
        return None
    inter = INTER_OF_CLASS.get(cls)
    if inter == 1 and actor.country and event_iso3 and actor.country != event_iso3:
        return 8
    return inter


def acled_types(frame: EventFrame) -> AcledCoding | None:
    """Event type, sub-event type, disorder type and civilian targeting of the frame.

    ACLED's rules are keyed on the act's CAMEO-style action code. A crowd's fight is a riot
    (and the crowd rioters), forces fighting a crowd repress it; an act only threatened
    ("will withdraw ... unless") is not the act its dictionary row names.
    """
    code = frame.action.code
    class1 = frame.source.kind if frame.source is not None else None
    class2 = frame.target.kind if frame.target is not None else None
    if class1 in _CROWD | {"civilians"} and _suspect(frame.target):
        class2 = "civilians"  # "residents beat a suspected thief": mob justice on a civilian
    if code and code[:2] == "19":
        if class1 in _CROWD:
            code, class1 = "145", "rioters"
        elif class2 in _CROWD and class1 == "state":
            code = "175"
    if code and code[:3] == "171" and class1 in _CROWD:
        code, class1 = "145", "rioters"  # protesters destroying property: a riot
    hint = None if frame.modality.threat else frame.action.acled_hint
    return acled_coding(code, hint, frame.weapon, class1, class2, frame.cues)


def _suspect(a: FrameActor | None) -> bool:
    """A criminal suspect no group is named for ("a suspected thief", "kidnappers"): armed
    as an actor, a civilian when a crowd takes the law into its own hands against them."""
    return a is not None and a.role == "CRM" and not a.acled_name


def _default_source(event_type: str, iso3: str | None) -> FrameActor | None:
    """The side ACLED names when the sentence names nobody who acted."""
    if event_type == "Protests":
        return FrameActor(name="", acled_class="protesters", country=iso3)
    if event_type == "Riots":
        return FrameActor(name="", acled_class="rioters", country=iso3)
    if event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        return FrameActor(
            name="", acled_class="militia", country=iso3, acled_name=_unidentified(iso3)
        )
    return None


def code_acled(frame: EventFrame) -> AcledCoding | None:
    """Code the frame in ACLED: types, actors in ACLED's order, their names and inter codes.

    Args:
        frame: the event frame.

    Returns:
        The coding, or None when ACLED records no such event.
    """
    coding = acled_types(frame)
    if coding is None:
        return None
    iso3 = frame.iso3
    src, tgt = frame.source, frame.target
    if coding.sub_event_type == "Protest with intervention":
        # ACLED: the demonstrators are actor1 and the intervening force actor2.
        crowd = tgt if tgt is not None and tgt.kind in _CROWD else None
        src, tgt = crowd or FrameActor(name="", acled_class="protesters", country=iso3), src
    if src is None:
        src = _default_source(coding.event_type, iso3)
    if coding.event_type == "Riots" and tgt is not None and _suspect(tgt):
        tgt = replace(tgt, acled_class="civilians")
    violent = coding.event_type not in {"Strategic developments", "Protests"}
    a_tgt = None if (tgt is not None and tgt.is_place_only) else tgt
    if (
        coding.event_type == "Violence against civilians"
        and a_tgt is not None
        and a_tgt.kind in {None, "none"}
        and not a_tgt.acled_name
    ):
        # "abducted 17 missionaries": whoever violence against civilians is done to is a
        # civilian, named as ACLED names them.
        a_tgt = replace(a_tgt, acled_class="civilians", country=a_tgt.country or iso3)
    a1 = src
    if (
        coding.event_type in {"Protests", "Riots"}
        and src is not None
        and (
            src.kind in {None, "civilians", "country", "none"}
            or (coding.event_type == "Riots" and src.kind == "protesters")
        )
        and not src.acled_name
    ):
        # Students, workers or "residents" who demonstrate are Protesters (Rioters); supporters
        # or demonstrators who riot are Rioters (inter 5).
        label = "protesters" if coding.event_type == "Protests" else "rioters"
        a1 = replace(src, acled_class=label, country=src.country or iso3)
    elif (
        coding.event_type in _POLITICAL_VIOLENCE - {"Riots"}
        and src is not None
        and src.kind == "civilians"
        and not src.acled_name
    ):
        # "Unknown men shot dead a trader": attackers nobody names are an unidentified armed
        # group for ACLED, not civilians.
        a1 = replace(src, acled_class="militia", acled_name=_unidentified(iso3))
    name1 = acled_actor_name(a1, iso3, violent, frame.day)
    name2 = acled_actor_name(a_tgt, iso3, False, frame.day)  # a target office is no force
    if name2 is not None and name2 == name1 and not unnamed(name1):
        # A side read twice ("the air force said it shot down drones": the drones' owner is
        # not the air force) is no second side.
        a_tgt, name2, tgt = None, None, None
    inter1 = inter_for(a1, iso3) if a1 else None
    inter2 = inter_for(a_tgt, iso3) if a_tgt else None
    if coding.event_type == "Protests" and inter1 is None:
        inter1 = 6
    return replace(
        coding,
        actor1=src,
        actor2=tgt,
        actor1_name=name1,
        actor2_name=name2,
        inter1=inter1,
        inter2=inter2 if inter1 else None,
        interaction=interaction(inter1, inter2),
    )
