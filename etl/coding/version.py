"""The coder's release number, on its own so the lexicon cache can key on it.

The cache key and ``coder_version()`` both read it; keeping it out of ``coder.py`` means
``lexicon_cache`` no longer has to import the coder it serves (the old import circle).
"""

from __future__ import annotations

VERSION = "0.1.0"
