"""The coder's view of the geocoder (kept for imports): see :mod:`etl.geo`."""

from __future__ import annotations

from etl.geo.gazetteer import Gazetteer, Place, reduce_by_init

__all__ = ["Gazetteer", "Place", "reduce_by_init"]


def _translit_variants(name: str) -> list[str]:
    """The Ukrainian-system variant of a BGN/PCGN name ("Kupyansk" -> ["kupiansk"])."""
    from etl.geo.variants import TRANSLIT_ISO3, name_variants

    return name_variants(name, next(iter(sorted(TRANSLIT_ISO3))))
