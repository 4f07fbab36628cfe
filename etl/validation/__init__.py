"""Validation of event frames with a Great Expectations 1.x suite defined in code.

GX is imported only when a frame is validated (it takes seconds to import).
"""

from etl.validation.validate import CHECKED_COLUMNS, ValidationOutcome, validate_events

__all__ = [
    "CHECKED_COLUMNS",
    "ValidationOutcome",
    "check_descriptions",
    "check_names",
    "validate_events",
]


def check_names() -> list[str]:
    """Names of every check of the suite, in order (the bounding-box check included)."""
    from etl.validation.validate import _checks

    return [check.name for check in _checks()]


def check_descriptions() -> dict[str, str]:
    """Each check's name -> what a row failing it breaks, in words (suite order)."""
    from etl.validation.validate import _checks

    return {check.name: check.description for check in _checks()}
