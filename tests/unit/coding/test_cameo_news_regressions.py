"""Regression tests for non-violent CAMEO events in wire-news sentences (roots 01-17).

Written with the fixes they check, on sentences written for them (none from an eval set):
announcements and declared mourning (01), visits, calls, thanks and congratulations (04, 05),
aid announced or pledged as a noun phrase and relief goods sent (07), ambassadors withdrawn,
trade suspended and membership suspended (16), legal action filed (11), offers of forces to
help another country (03, not a threat; a boundary test keeps other offers of force threats),
ceasefires agreed, prisoners returned, internet shutdowns and closed newspapers (17), and a
plain statement that must not stand beside the act it announces nor hide a specific one.
"""

from datetime import date

import pytest

from etl.coding import Coder
from etl.records import Document

PUB = date(2024, 6, 20)
VIOLENT = {"18", "19", "20"}


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def _roots(coder: Coder, text: str) -> set[str]:
    events = coder.code_document(Document(id="t", text=text, published=PUB))
    return {e.cameo_root for e in events if e.cameo_root}


def _codes(coder: Coder, text: str) -> set[str]:
    events = coder.code_document(Document(id="t", text=text, published=PUB))
    return {e.cameo_code for e in events if e.cameo_code}


@pytest.mark.parametrize(
    ("root", "text"),
    [
        # 01: an announcement whose clause codes nothing else, a declared mourning period
        ("01", "The Namibian government announced that the border post would close at night."),
        ("01", "Jordan announced the creation of a new anti-corruption agency on Sunday."),
        ("01", "The Bolivian president declared three days of mourning for the miners."),
        ("01", "Lebanon's caretaker cabinet declared a day of national mourning on Friday."),
        # 07: aid as a noun phrase after "announced" or "pledged"
        ("07", "Germany announced 200 million euros in humanitarian aid for Sudan."),
        ("07", "The Pentagon announced $400 million in new military assistance for Taiwan."),
        ("07", "Kuwait pledged $500 million in aid to Pakistan's flood victims."),
        ("07", "The Netherlands announced new humanitarian funding for Yemen."),
        # 16: an organisation suspending a member
        ("16", "The Pacific Islands Forum suspended Fiji's membership over the coup."),
        ("16", "The regional bloc suspended Guinea from the community after the putsch."),
        ("16", "Moscow suspended its participation in the grain deal."),
        # 11: legal action filed, brought or lodged
        ("11", "Ukraine filed a case against Russia at the International Court of Justice."),
        ("11", "The Philippines brought a case against China before an arbitration tribunal."),
        ("11", "Pakistan lodged a case against India at the Permanent Court of Arbitration."),
        # 05: thanks
        ("05", "The Somali president thanked Turkey for its support."),
        # 04: a phone call
        ("04", "Scholz spoke by telephone with the Chinese premier on Monday."),
        # 15: forces put on alert
        ("15", "Taiwan put its navy on high alert after the drills."),
        # 08: prisoners returned, an internet shutdown lifted
        ("08", "Ukraine returned 45 Russian prisoners of war in an exchange."),
        ("08", "The authorities lifted the internet blackout in Kashmir."),
        # 17: the internet blocked, newspapers shut down
        ("17", "Authorities in Gabon blocked internet services after the vote."),
        ("17", "The ruling council shut down two opposition newspapers in Conakry."),
        # 04 / 05: a visit, a call held, congratulations, relations normalised, embassy reopened
        ("04", "The Egyptian foreign minister arrived in Ankara for talks on Libya."),
        ("04", "The Indian prime minister held a phone call with his Ukrainian counterpart."),
        ("05", "The Kenyan president congratulated Ghana's president-elect on his victory."),
        ("05", "Morocco and Israel normalised relations in December 2020."),
        ("05", "Britain reopened its embassy in Tehran after four years."),
        # 16: trade suspended or imports banned is an embargo
        ("16", "China suspended imports of Japanese seafood on Thursday."),
        ("16", "Russia banned imports of Moldovan wine."),
        # 16: an ambassador withdrawn is a recall, not a pull-back of troops
        ("16", "Peru withdrew its ambassador from Mexico over the president's remarks."),
        # 07: relief goods sent or shipped ("sent ... to" is not "sent to prison")
        ("07", "Bangladesh sent 20 tonnes of relief material to Sri Lanka."),
        ("07", "Algeria shipped fuel to Lebanon after the power station shut down."),
        # 03: forces offered to help another country are no threat
        ("03", "Benin said it was ready to send troops to Haiti to help restore security."),
        ("03", "Rwanda said it was prepared to deploy police to Mozambique to assist the army."),
    ],
)
def test_nonviolent_news_root_regression(coder: Coder, root: str, text: str) -> None:
    roots = _roots(coder, text)
    assert root in roots, (text, roots)
    assert not roots & VIOLENT, (text, roots)


def test_agreed_ceasefire_is_intent_to_de_escalate_regression(coder: Coder) -> None:
    # CAMEO 1.1b3 gives "agreed to a ceasefire" as its example of 0356 (root 03).
    codes = _codes(coder, "The two militias agreed to a ceasefire in the disputed district.")
    assert "0356" in codes, codes


def test_announced_killing_is_not_also_a_statement_regression(coder: Coder) -> None:
    codes = _codes(coder, "The army announced that it had killed 14 militants in Kunar.")
    assert "010" not in codes, codes
    assert any(c[:2] in VIOLENT for c in codes), codes


def test_threat_without_a_helping_purpose_stays_a_threat(coder: Coder) -> None:
    roots = _roots(coder, "Beijing said it was ready to send warships to the disputed reef.")
    assert "13" in roots and "03" not in roots, roots


def test_announced_measures_are_no_threat_regression(coder: Coder) -> None:
    roots = _roots(coder, "Nigeria announced new measures to ease the fuel shortage on Monday.")
    assert "13" not in roots and "01" in roots, roots


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("173", "Police in Lagos announced the arrest of nine suspects."),
        ("0831", "The Peruvian prime minister announced his resignation on Thursday."),
        ("1044", "Kosovo declared independence from Serbia in 2008."),
    ],
)
def test_specific_announcements_keep_their_code(coder: Coder, code: str, text: str) -> None:
    # The bare statement rows must not hide the specific announce / declare rows.
    codes = _codes(coder, text)
    assert code in codes and "010" not in codes, (text, codes)


@pytest.mark.parametrize(
    "text",
    [
        "Authorities in Uganda blocked access to Facebook ahead of the vote.",
        "The Pakistani government blocked access to the social media platform.",
    ],
)
def test_government_blocking_access_is_repression_not_protest_regression(
    coder: Coder, text: str
) -> None:
    events = coder.code_document(Document(id="t", text=text, published=PUB))
    assert "17" in {e.cameo_root for e in events}, text
    assert "Protests" not in {e.acled_event_type for e in events}, text


def test_protesters_blocking_access_stay_a_protest(coder: Coder) -> None:
    events = coder.code_document(
        Document(id="t", text="Protesters blocked access to the port of Durban.", published=PUB)
    )
    assert "Protests" in {e.acled_event_type for e in events}
