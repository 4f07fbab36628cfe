"""Walking the migration history with data in the database: every step up and back keeps events."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from etl.load import migrate

FIRST_REVISION_WITH_EVENTS = "0001"

INSERT_EVENT = text(
    "INSERT INTO event (id, origin, partition_date, event_date, cameo_code, cameo_base, "
    "cameo_root, quad_class, goldstein) VALUES "
    "(:id, 'coded', DATE '2024-12-01', DATE '2024-12-01', '195', '195', '19', 4, -10)"
)


def revisions_oldest_first(url: str) -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config(url))
    return [revision.revision for revision in reversed(list(script.walk_revisions()))]


def count_events(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM event")).scalar_one()
    finally:
        engine.dispose()


def test_upgrade_from_each_revision_with_data_keeps_events(new_database: str) -> None:
    url = new_database
    revisions = revisions_oldest_first(url)
    assert revisions[0] == FIRST_REVISION_WITH_EVENTS
    migrate.upgrade(url, FIRST_REVISION_WITH_EVENTS)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(INSERT_EVENT, {"id": "kept-through-history"})
    engine.dispose()

    for revision in revisions[1:]:
        migrate.upgrade(url, revision)
        assert count_events(url) == 1, f"events lost upgrading to {revision}"

    # Every step down to the first revision and back up again keeps the event.
    for revision in reversed(revisions[:-1]):
        migrate.downgrade(url, revision)
        assert count_events(url) == 1, f"events lost downgrading to {revision}"
    migrate.upgrade(url)
    assert count_events(url) == 1
    assert migrate.current_revision(url) == revisions[-1]
