"""More regression tests for the factuality and word-sense stage (issue 13), written with the fix.

Every sentence was written for this file (none is taken from an evaluation set). Each class comes
as pairs: a sentence that reports no political violence (a lone mentally ill shooter, accidents and
accidental explosions, a gang of thieves, a police raid on a drug den, history told in a relative
clause, sport told with war words) must get no violent CAMEO root (18, 19, 20), and a sentence
close to it that does report an attack must keep one, so that the stage cannot win by dropping
everything. Before the fix the coder gave a violent root to 14 of these negatives; the others
(a gas cylinder, a fuel tanker, a raided drug den, sport words) guard neighbours that already held.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import Document

pytestmark = pytest.mark.slow
PUB = date(2025, 3, 12)
VIOLENT = {"18", "19", "20"}
# An arrest beside a raid is coded as a seizure or arrest (17x), which is allowed.
VIOLENT_OR_REPRESSION = VIOLENT | {"17"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _roots(coder: Coder, text: str, published: date = PUB) -> set[str | None]:
    events = coder.code_document(Document(id="g", text=text, published=published))
    return {e.cameo_root for e in events}


# (class, no political violence, political violence close to it)
PAIRS = [
    (
        "mentally ill lone shooter",
        "A man with a history of mental illness opened fire in a shopping mall in Ohio on "
        "Sunday, killing three people before police subdued him.",
        "Gunmen opened fire in a shopping mall in Mogadishu on Sunday, killing three people.",
    ),
    (
        "psychiatric patient with a knife",
        "A psychiatric patient stabbed two nurses at a clinic in Osaka on Friday, police said.",
        "Militants stabbed two soldiers at a checkpoint in Hebron on Friday, the army said.",
    ),
    (
        "brake failure",
        "A lorry whose brakes had failed ploughed into a crowded market in Kisumu, killing "
        "seven people.",
        "A car bomb exploded in a crowded market in Kismayo, killing seven people.",
    ),
    (
        "gas cylinder explosion",
        "A gas cylinder exploded in a restaurant kitchen in Karachi on Monday, killing four.",
        "A grenade exploded in a restaurant in Karachi on Monday, killing four.",
    ),
    (
        "fuel tanker blast",
        "A fuel tanker exploded after overturning on a highway near Onitsha, killing 18 people.",
        "A suicide bomber blew up a fuel tanker at a checkpoint near Kirkuk, killing 18 people.",
    ),
    (
        "arms depot blast from heat",
        "Extreme heat set off blasts at an army ammunition depot near Brazzaville on Wednesday, "
        "injuring 12 residents.",
        "A drone strike set off blasts at an army ammunition depot near Khartoum on Wednesday, "
        "injuring 12 soldiers.",
    ),
    (
        "gang of thieves",
        "A gang of thieves attacked a jewellery shop in Nairobi and escaped with gold.",
        "A gang of armed militiamen attacked a police post in Ituri and killed two officers.",
    ),
    (
        "cattle thieves",
        "A band of burglars stormed a farmhouse near Durban overnight and stole cash and phones.",
        "Al-Shabaab fighters stormed a farmhouse near Baidoa overnight and killed three people.",
    ),
    (
        "police raid on a drug den",
        "Police raided a drug den in Manila on Tuesday and arrested nine suspects.",
        "Police raided an opposition office in Harare on Tuesday and beat nine activists.",
    ),
    (
        "raid on a narcotics lab",
        "Anti-narcotics officers raided a methamphetamine laboratory in Sinaloa and detained "
        "four men.",
        "Soldiers raided a village in Sinaloa and shot dead four men.",
    ),
    (
        "history in a relative clause",
        "Survivors gathered in Srebrenica to mark the 1995 massacre, in which Bosnian Serb "
        "forces killed about 8,000 men and boys.",
        "Bosnian Serb forces killed about 80 men and boys in Srebrenica on Monday.",
    ),
    (
        "history in a that-clause",
        "The museum tells the story of the 1982 siege that saw troops kill thousands of "
        "residents of Hama.",
        "Troops killed dozens of residents of Hama on Tuesday, activists said.",
    ),
    (
        "sport with war words",
        "Arsenal attacked relentlessly and bombarded the Chelsea goal in the second half "
        "at the Emirates.",
        "Rebels attacked relentlessly and bombarded army positions near Goma on Tuesday.",
    ),
    (
        "sport team invaded",
        "The visitors stormed back and crushed the hosts 4-0 in the cup tie in Lagos.",
        "Rebels stormed the barracks and crushed the garrison in Lagos on Sunday.",
    ),
    (
        "team attacking with no target",
        "Senegal attacked relentlessly but could not get past the Egyptian defence in Abidjan.",
        "Jihadists attacked relentlessly but could not take the army base near Djibo.",
    ),
    (
        "mentally ill gunman",
        "A mentally ill gunman shot dead two shoppers at a supermarket in Zurich on Monday.",
        "A jihadist gunman shot dead two shoppers at a market in Tillaberi on Monday.",
    ),
    (
        "police answering a crime",
        "Armed robbers killed a trader in Onitsha on Friday before police arrested them.",
        "Soldiers killed a trader in Onitsha on Friday before police arrested them.",
    ),
    (
        "hazard named as a cause on the verb",
        "Shells stored at a depot near Tbilisi exploded due to hot weather, injuring six.",
        "Shells fired by rebels exploded at a depot near Goma, injuring six.",
    ),
    (
        "hazard named as a cause on the noun",
        "A blast at a military depot in Lagos, blamed on the heat, killed nine people.",
        "A blast at a military depot in Lagos, blamed on a drone strike, killed nine people.",
    ),
    (
        "raided brothel",
        "Officers raided a brothel in Davao and detained 14 people on Saturday.",
        "Soldiers raided a village in Davao and shot 14 people on Saturday.",
    ),
    (
        "years after an act told in a complement clause",
        "Forty years after the coup that saw soldiers kill the president, Ghana held a memorial.",
        "Soldiers killed the president of the council in Accra on Tuesday.",
    ),
    (
        "killed by a relative in the passive",
        "A teacher was shot dead by her brother-in-law in Multan on Sunday, police said.",
        "A teacher was shot dead by gunmen in Multan on Sunday, police said.",
    ),
]


@pytest.mark.parametrize(("label", "negative", "positive"), PAIRS, ids=[p[0] for p in PAIRS])
def test_negative_gets_no_violent_root(
    coder: Coder, label: str, negative: str, positive: str
) -> None:
    assert not _roots(coder, negative) & VIOLENT, f"{label}: {negative}"


@pytest.mark.parametrize(("label", "negative", "positive"), PAIRS, ids=[p[0] for p in PAIRS])
def test_paired_attack_keeps_its_violent_root(
    coder: Coder, label: str, negative: str, positive: str
) -> None:
    assert _roots(coder, positive) & VIOLENT_OR_REPRESSION, f"{label}: {positive}"


def test_a_victims_trade_sets_no_business_scene(coder: Coder) -> None:
    """A trader or vendor killed by unknown men is an attack, not a business story."""
    text = "Two unknown men shot dead a trader near a market in Maiduguri on Friday."
    assert _roots(coder, text) & VIOLENT
    # The same word as the doer still sets the scene: traders selling off shares.
    assert not _roots(coder, "Traders hammered the shares of the bank in Lagos on Friday.") & (
        VIOLENT
    )
