"""The geocoder: place names in text -> coordinates, country, admin1/admin2 and ACLED precision.

- :mod:`etl.geo.gazetteer`: the index over GeoNames places, admin units, countries, supplement;
- :mod:`etl.geo.variants`: spelling variants indexed with each name;
- :mod:`etl.geo.resolve`: ranking with phrase and document context, with reasons;
- :mod:`etl.geo.context`: the hierarchical context of a place in a parsed sentence.

The coder calls it per sentence; ``eventetl geocode "Pokrovsk, Donetsk"`` calls it alone.
"""

# The coder compiles the gazetteer into its lexicon and calls the resolver, and the gazetteer
# reads the coder's dictionaries: load the coder's package first, whichever is imported first.
import etl.coding  # noqa: F401  (import order, see above)
from etl.geo.gazetteer import Gazetteer, Place
from etl.geo.resolve import GeoContext, GeoResult, geo_precision, geocode, load_gazetteer, rank

__all__ = [
    "Gazetteer",
    "GeoContext",
    "GeoResult",
    "Place",
    "geo_precision",
    "geocode",
    "load_gazetteer",
    "rank",
]
