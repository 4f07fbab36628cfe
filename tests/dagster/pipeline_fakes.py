"""A fake event coder for pipeline tests: keyword rules over sentences, hand-built events.

It has the real coder's ``code_documents`` shape and returns CodedEvents built from the rules
below (a fake, not a mock). Tests outside this folder import it by path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from etl.ingest import split_sentences
from etl.pipeline import CoderHandle
from etl.records import CodedEvent, Document
from etl.validation.reference import acled_sub_event_types, cameo_codes

FAKE_VERSION = "fake-coder-1"


def template(cameo: str | None, sub_event_type: str | None, **fields: Any) -> dict[str, Any]:
    """Event fields consistent with the reference tables for a CAMEO code and ACLED sub-type."""
    out: dict[str, Any] = {}
    if cameo:
        code = cameo_codes()[cameo]
        out.update(
            cameo_code=cameo,
            cameo_base=code.base,
            cameo_root=code.root,
            quad_class=cameo_codes()[code.root].quad_class,
            goldstein=code.goldstein,
        )
    if sub_event_type:
        sub = acled_sub_event_types()[sub_event_type]
        out.update(
            acled_event_type=sub.event_type,
            acled_sub_event_type=sub_event_type,
            disorder_type=sub.disorder_type,
        )
    inter1, inter2 = fields.get("inter1"), fields.get("inter2")
    if inter1 is not None and "interaction" not in fields:
        out["interaction"] = (
            inter1 * 10 if not inter2 else min(inter1, inter2) * 10 + max(inter1, inter2)
        )
    out.update(fields)
    return out


AIRSTRIKE_SARMADA = template(
    "195",
    "Air/drone strike",
    actor1_code="RUSMIL",
    actor2_code="SYRCVL",
    acled_actor1="Military Forces of Russia (2000-)",
    acled_actor2="Civilians (Syria)",
    inter1=8,
    inter2=7,
    fatalities=4,
    location="Sarmada",
    admin1="Idlib",
    country="Syria",
    iso3="SYR",
    latitude=36.19,
    longitude=36.72,
    geo_precision=1,
)
SHELLING_KHARKIV = template(
    "194",
    "Shelling/artillery/missile attack",
    actor1_code="RUSMIL",
    actor2_code="UKRCVL",
    acled_actor1="Military Forces of Russia (2000-)",
    acled_actor2="Civilians (Ukraine)",
    inter1=8,
    inter2=7,
    fatalities=2,
    location="Kharkiv",
    admin1="Kharkiv",
    country="Ukraine",
    iso3="UKR",
    latitude=49.99,
    longitude=36.23,
    geo_precision=2,
)
PROTEST_TBILISI = template(
    "141",
    "Peaceful protest",
    actor1_code="GEOOPP",
    acled_actor1="Protesters (Georgia)",
    inter1=6,
    location="Tbilisi",
    admin1="Tbilisi",
    country="Georgia",
    iso3="GEO",
    latitude=41.69,
    longitude=44.80,
    geo_precision=1,
)
PROTEST_YEREVAN = template(
    "141",
    "Peaceful protest",
    actor1_code="ARMOPP",
    acled_actor1="Protesters (Armenia)",
    inter1=6,
    location="Yerevan",
    admin1="Yerevan",
    country="Armenia",
    iso3="ARM",
    latitude=40.18,
    longitude=44.51,
    geo_precision=1,
)
DISMISSAL = template(
    None,
    "Change to group/activity",
    acled_actor1="Military Forces of Russia (2000-)",
    inter1=8,
    location="Syria",
    country="Syria",
    iso3="SYR",
    geo_precision=3,
)

#: Phrase (lower case) found in a sentence -> the event it yields.
SAMPLE_RULES: dict[str, dict[str, Any]] = {
    "warplanes struck": AIRSTRIKE_SARMADA,
    "shelled the northern suburbs of kharkiv": SHELLING_KHARKIV,
    "demonstrators gathered outside the parliament in tbilisi": PROTEST_TBILISI,
    "protesters marched through central yerevan": PROTEST_YEREVAN,
    "russia fired general": DISMISSAL,
}


@dataclass
class FakeCoder:
    """Finds each rule's phrase in each sentence and emits the rule's event there.

    ``calls`` counts ``code_documents`` calls, so tests can tell whether coding happened;
    ``coded`` lists the ids of the documents coded, in order, so they can tell which.
    """

    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: SAMPLE_RULES)
    version: str = FAKE_VERSION
    calls: int = 0
    coded: list[str] = field(default_factory=list)

    def code_documents(
        self, documents: Iterable[Document], batch_size: int = 64
    ) -> Iterator[tuple[Document, list[CodedEvent]]]:
        self.calls += 1
        for document in documents:
            self.coded.append(document.id)
            events: list[CodedEvent] = []
            for sentence in split_sentences(document):
                lowered = sentence.text.lower()
                for phrase, fields in self.rules.items():
                    if phrase in lowered:
                        values = {"time_precision": 1, "event_date": document.published}
                        values.update(fields)
                        events.append(
                            CodedEvent(
                                doc_id=document.id,
                                sentence_index=sentence.index,
                                sentence=sentence.text,
                                char_start=sentence.char_start,
                                char_end=sentence.char_end,
                                coder_version=self.version,
                                **values,
                            )
                        )
            yield document, events


def fake_handle(rules: Mapping[str, Mapping[str, Any]] | None = None, version: str = FAKE_VERSION):
    """A coder handle around a :class:`FakeCoder` (returns ``(handle, coder)``)."""
    coder = FakeCoder(rules=rules or SAMPLE_RULES, version=version)
    return CoderHandle(coder, version, {"verbs.tsv": "fake"}), coder


# --- Dagster side ------------------------------------------------------------------------------

#: Rule sets a FakeCoderResource can name (resources are config, so they refer by name).
RULE_SETS: dict[str, dict[str, dict[str, Any]]] = {"samples": SAMPLE_RULES}
#: Coders by rule-set name, shared so tests can read ``calls`` after a run.
CODERS: dict[str, FakeCoder] = {}


def shared_coder(rule_set: str = "samples", version: str = FAKE_VERSION) -> FakeCoder:
    """The shared fake coder for a rule set (created on first use)."""
    key = f"{rule_set}:{version}"
    if key not in CODERS:
        CODERS[key] = FakeCoder(rules=RULE_SETS[rule_set], version=version)
    return CODERS[key]


def fake_coder_resource(rule_set: str = "samples", version: str = FAKE_VERSION):
    """A CoderResource whose coder is the shared fake for ``rule_set``."""
    from dagster_project.defs.resources import CoderResource

    class FakeCoderResource(CoderResource):
        rule_set: str = "samples"
        version: str = FAKE_VERSION

        def handle(self) -> CoderHandle:
            coder = shared_coder(self.rule_set, self.version)
            return CoderHandle(coder, self.version, {"verbs.tsv": "fake"})

        def identity(self) -> tuple[str, dict[str, str]] | None:
            return self.version, {"verbs.tsv": "fake"}

    return FakeCoderResource(rule_set=rule_set, version=version)
