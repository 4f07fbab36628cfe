"""The ACLED API loader against a local fake of ACLED: paging, cursors, edits, deletions, errors.

Covers: OAuth login and paged reads since the cursor; a row edited upstream comes back on the
next sync and nothing else does; events deleted upstream are removed from the database (only
ACLED-imported ones); 401, 403 and 429 give clear errors that never show the credentials and
leave the cursor alone; an expired token is renewed once; legacy email+key accounts.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, insert, select
from werkzeug import Request, Response

from etl.load.sources import delete_acled_events
from etl.sources.acled_api import (
    AcledAccessError,
    AcledApi,
    AcledAuthError,
    AcledCredentials,
    AcledCursor,
    AcledError,
    AcledRateLimited,
    sync,
)
from etl.sources.http import SourceClient
from schema import Event

USER, PASSWORD = "analyst@example.org", "s3cret-pass"
OAUTH = AcledCredentials(username=USER, password=PASSWORD)


def row(event_id: str, timestamp: int, fatalities: int = 0) -> dict[str, Any]:
    return {
        "event_id_cnty": event_id,
        "event_date": "2026-11-20",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "country": "Syria",
        "fatalities": str(fatalities),
        "timestamp": str(timestamp),
    }


class FakeAcled:
    """ACLED's token, read and deleted endpoints over an editable list of rows."""

    def __init__(self, server: HTTPServer) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.deleted: list[dict[str, Any]] = []
        self.tokens = 0
        self.valid_token = "token-1"
        server.expect_request("/oauth/token", method="POST").respond_with_handler(self.token)
        server.expect_request("/api/acled/read").respond_with_handler(self.read)
        server.expect_request("/api/deleted/read").respond_with_handler(self.read_deleted)

    def token(self, request: Request) -> Response:
        form = request.form
        if (form.get("username"), form.get("password")) != (USER, PASSWORD):
            return Response(json.dumps({"error": "invalid_grant"}), status=401)
        assert form.get("grant_type") == "password" and form.get("client_id") == "acled"
        self.tokens += 1
        self.valid_token = f"token-{self.tokens}"
        body = {"access_token": self.valid_token, "expires_in": 86400, "token_type": "Bearer"}
        return Response(json.dumps(body), content_type="application/json")

    def authorised(self, request: Request) -> bool:
        return request.headers.get("Authorization") == f"Bearer {self.valid_token}"

    def page(self, request: Request, rows: list[dict[str, Any]], field: str) -> Response:
        if not self.authorised(request):
            return Response(json.dumps({"message": "Unauthorized"}), status=401)
        since = int(request.args[field])
        selected = sorted(
            (r for r in rows if int(r[field]) >= since), key=lambda r: r["event_id_cnty"]
        )
        page, limit = int(request.args["page"]), int(request.args["limit"])
        data = selected[(page - 1) * limit : page * limit]
        body = {"status": 200, "success": True, "count": len(data), "data": data}
        return Response(json.dumps(body), content_type="application/json")

    def read(self, request: Request) -> Response:
        return self.page(request, list(self.rows.values()), "timestamp")

    def read_deleted(self, request: Request) -> Response:
        return self.page(request, self.deleted, "deleted_timestamp")


@pytest.fixture
def acled(httpserver: HTTPServer) -> FakeAcled:
    return FakeAcled(httpserver)


@pytest.fixture
def api(httpserver: HTTPServer, client: SourceClient) -> AcledApi:
    return AcledApi(OAUTH, client, base_url=httpserver.url_for("/"), page_size=2)


class Applied:
    """A fake row importer that records each call."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, rows: list[dict[str, Any]]) -> int:
        self.calls.append([f"{r['event_id_cnty']}@{r['timestamp']}" for r in rows])
        return len(rows)


def no_deletions(ids: list[str]) -> int:
    raise AssertionError(f"nothing should be deleted, got {ids}")


def test_changed_rows_are_read_page_by_page_and_the_cursor_advances(
    acled: FakeAcled, api: AcledApi, httpserver: HTTPServer
) -> None:
    for event_id, stamp in [("SYR1", 1_700_000_100), ("SYR2", 1_700_000_200), ("SYR3", 50)]:
        acled.rows[event_id] = row(event_id, stamp)
    applied = Applied()

    result = sync(api, AcledCursor(1_700_000_000, 1_700_000_000), applied, no_deletions)

    assert result.error is None, result.error
    assert applied.calls == [["SYR1@1700000100", "SYR2@1700000200"]]
    assert result.cursor == AcledCursor(1_700_000_200, 1_700_000_000, ["SYR2"], [])
    reads = [r for r, _ in httpserver.log if r.path == "/api/acled/read"]
    assert [r.args["page"] for r in reads] == ["1", "2"]  # a full page means: ask for the next
    assert all(r.args["timestamp"] == "1700000000" for r in reads)
    assert acled.tokens == 1  # one login for all requests


def test_a_row_edited_upstream_comes_back_and_nothing_else_does(
    acled: FakeAcled, api: AcledApi
) -> None:
    acled.rows["SYR0"] = row("SYR0", 1_700_000_050)
    acled.rows["SYR1"] = row("SYR1", 1_700_000_100, fatalities=2)
    acled.rows["SYR2"] = row("SYR2", 1_700_000_200)
    applied = Applied()
    first = sync(api, AcledCursor(), applied, no_deletions)
    acled.rows["SYR1"] = row("SYR1", 1_700_000_900, fatalities=5)  # ACLED revises the toll

    second = sync(api, first.cursor, applied, no_deletions)

    # Only the edited row comes back. SYR2 sits at the cursor's second and ACLED's filter is
    # >=, so the API sends it again, but the cursor knows it was applied.
    assert len(applied.calls[0]) == 3
    assert applied.calls[1] == ["SYR1@1700000900"]
    assert second.cursor.timestamp == 1_700_000_900
    assert second.cursor.at_timestamp == ["SYR1"]

    third = sync(api, second.cursor, applied, no_deletions)
    assert len(applied.calls) == 2 and third.changed == 0  # nothing new: nothing applied


def insert_events(engine: Engine, rows: list[tuple[str, str, str | None]]) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(Event),
            [
                {
                    "id": event_id,
                    "origin": origin,
                    "external_id": external_id,
                    "partition_date": dt.date(2026, 11, 20),
                    "event_date": dt.date(2026, 11, 20),
                    "acled_event_type": "Battles",
                }
                for event_id, origin, external_id in rows
            ],
        )


def stored(engine: Engine) -> list[tuple[str, str | None]]:
    with engine.connect() as connection:
        rows = connection.execute(select(Event.origin, Event.external_id)).all()
    return sorted((origin, external_id) for origin, external_id in rows)


def test_events_deleted_upstream_are_removed_here(
    clean_db: str, engine: Engine, acled: FakeAcled, api: AcledApi
) -> None:
    insert_events(
        engine,
        [
            ("e1", "acled", "SYR1"),
            ("e2", "acled", "SYR2"),
            ("e3", "coded", "SYR1"),  # a coded event that shares the id must stay
        ],
    )
    acled.deleted = [
        {"event_id_cnty": "SYR1", "deleted_timestamp": "1700000500"},
        {"event_id_cnty": "SYR9", "deleted_timestamp": "1700000600"},  # never imported here
    ]

    result = sync(
        api,
        AcledCursor(1_700_000_000, 1_700_000_000),
        Applied(),
        lambda ids: delete_acled_events(ids, engine=engine),
    )

    assert result.error is None, result.error
    assert result.deletions == 2 and result.deleted == 1
    assert stored(engine) == [("acled", "SYR2"), ("coded", "SYR1")]
    assert result.cursor.deleted_timestamp == 1_700_000_600

    again = sync(api, result.cursor, Applied(), lambda ids: delete_acled_events(ids, engine=engine))
    assert again.deleted == 0 and stored(engine) == [("acled", "SYR2"), ("coded", "SYR1")]


def test_deleting_nothing_touches_nothing(clean_db: str, engine: Engine) -> None:
    insert_events(engine, [("e1", "acled", "SYR1")])

    assert delete_acled_events([], engine=engine) == 0
    assert stored(engine) == [("acled", "SYR1")]


def assert_no_secrets(text: str) -> None:
    for secret in (PASSWORD, USER, "legacy-key-123", "old@example.org"):
        assert secret not in text, f"{secret!r} leaked into: {text}"


def test_refused_login_is_a_clear_401_without_credentials(
    acled: FakeAcled, httpserver: HTTPServer, client: SourceClient
) -> None:
    wrong = AcledCredentials(username=USER, password="not-it")
    api = AcledApi(wrong, client, base_url=httpserver.url_for("/"))

    with pytest.raises(AcledAuthError) as caught:
        api.changed_since(0)

    message = str(caught.value)
    assert "HTTP 401" in message and "check ACLED_USERNAME and ACLED_PASSWORD" in message
    assert "invalid_grant" in message
    assert_no_secrets(message.replace("not-it", ""))
    assert "not-it" not in message
    assert "not-it" not in repr(wrong)


def test_forbidden_endpoint_is_a_clear_403(
    httpserver: HTTPServer, acled: FakeAcled, api: AcledApi
) -> None:
    httpserver.clear_all_handlers()
    httpserver.expect_request("/oauth/token", method="POST").respond_with_handler(acled.token)
    httpserver.expect_request("/api/acled/read").respond_with_json(
        {"message": "Access denied"}, status=403
    )

    result = sync(api, AcledCursor(5, 5), Applied(), no_deletions)

    assert result.error is not None and "HTTP 403" in result.error
    assert "needs API access" in result.error and "Access denied" in result.error
    assert result.cursor == AcledCursor(5, 5)
    assert_no_secrets(result.error)


def test_rate_limit_is_reported_with_retry_after_and_nothing_applied(
    httpserver: HTTPServer, acled: FakeAcled, api: AcledApi, sleeps: list[float]
) -> None:
    httpserver.clear_all_handlers()
    httpserver.expect_request("/oauth/token", method="POST").respond_with_handler(acled.token)
    httpserver.expect_request("/api/acled/read").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "120"}
    )
    applied = Applied()

    result = sync(api, AcledCursor(5, 5), applied, no_deletions)

    assert result.error is not None and "HTTP 429" in result.error
    assert "retry after 120 s" in result.error
    assert result.retry_after == 120
    assert result.cursor == AcledCursor(5, 5) and applied.calls == []
    assert 120 not in sleeps  # longer than a tick may block: reported, not waited for
    with pytest.raises(AcledRateLimited):
        api.changed_since(5)


def test_an_expired_token_is_renewed_once(acled: FakeAcled, api: AcledApi) -> None:
    acled.rows["SYR1"] = row("SYR1", 10)
    api.changed_since(0)
    acled.valid_token = "rotated-by-server"  # the server forgot our token

    rows = api.changed_since(0)

    assert [r["event_id_cnty"] for r in rows] == ["SYR1"]
    assert acled.tokens == 2


def test_legacy_email_and_key_accounts_are_masked_in_errors(
    httpserver: HTTPServer, client: SourceClient
) -> None:
    legacy = AcledCredentials(email="old@example.org", key="legacy-key-123")
    httpserver.expect_ordered_request("/api/acled/read").respond_with_json(
        {"success": True, "data": [row("SYR1", 10)]}
    )
    httpserver.expect_request("/api/acled/read").respond_with_data("boom", status=500)
    api = AcledApi(legacy, client, base_url=httpserver.url_for("/"))

    assert [r["event_id_cnty"] for r in api.changed_since(0)] == ["SYR1"]
    [(request, _)] = httpserver.log
    assert request.args["email"] == "old@example.org" and request.args["key"] == "legacy-key-123"
    assert "Authorization" not in request.headers

    with pytest.raises(AcledError) as caught:
        api.changed_since(0)
    message = str(caught.value)
    assert "HTTP 500" in message and "will retry next time" in message
    assert "email=***" in message and "key=***" in message
    assert_no_secrets(message)


def test_missing_credentials_say_which_variables_to_set(client: SourceClient) -> None:
    credentials = AcledCredentials.from_env({"ACLED_USERNAME": "someone"})

    with pytest.raises(AcledAuthError, match="set ACLED_USERNAME and ACLED_PASSWORD"):
        AcledApi(credentials, client)


def test_access_denied_error_type(httpserver: HTTPServer, client: SourceClient) -> None:
    httpserver.expect_request("/api/acled/read").respond_with_data("no", status=403)
    api = AcledApi(
        AcledCredentials(email="old@example.org", key="legacy-key-123"),
        client,
        base_url=httpserver.url_for("/"),
    )

    with pytest.raises(AcledAccessError):
        api.changed_since(0)
