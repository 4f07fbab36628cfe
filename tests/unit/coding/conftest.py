"""Shared fixtures of the coder tests: the packaged dictionaries compiled once per test run."""

from __future__ import annotations

import pytest

from etl.coding.dictionaries import load_dictionaries
from etl.coding.lexicon import Lexicon, build_lexicon
from etl.coding.lexicon_cache import long_lived


@pytest.fixture(scope="session")
def compiled_lexicon() -> Lexicon:
    """The packaged dictionaries (plus any EVENTETL_DICTIONARY_PATH set for the run) compiled
    from the data files, without the on-disk cache.

    Compiling the 234,000-place gazetteer takes 10-16 s on the test machines, so every test
    that needs the real lexicon shares this one. Tests only read it: a test that changes
    dictionaries builds its own (small) lexicon instead. Session-scoped fixtures are set up
    before a test's monkeypatching, so it is compiled from the unpatched data. Compiled as the
    coder does (``long_lived``): without collections meanwhile, then frozen, so that the
    collections of later tests do not walk its ~700,000 objects again and again.
    """
    with long_lived():
        return build_lexicon(load_dictionaries())
