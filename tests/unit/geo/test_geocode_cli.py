"""`eventetl geocode` prints the candidates and the choice with its reasons, JSON on request,
and exits 1 for an unknown name; ACLED's "coded to" in a phrase decides the place."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from etl.cli import app
from etl.geo import geocode

runner = CliRunner()


def test_prints_candidates_choice_and_reasons() -> None:
    result = runner.invoke(app, ["geocode", "Pokrovsk, Donetsk"])
    assert result.exit_code == 0, result.output
    assert "Engels" in result.output  # the homonym is listed as a candidate ...
    choice = next(line for line in result.output.splitlines() if line.startswith("choice:"))
    assert "Ukraine (UKR)" in choice and "admin1 Donetsk" in choice  # ... and loses
    assert "inside Donetsk" in result.output


def test_json_output_and_country_context() -> None:
    result = runner.invoke(app, ["geocode", "Tripoli", "--country", "LBN", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["choice"]["iso3"] == "LBN" and data["choice"]["precision"] == 1
    assert data["n_candidates"] >= 2


def test_unknown_name_exits_one() -> None:
    result = runner.invoke(app, ["geocode", "Xyzzyqwerty"])
    assert result.exit_code == 1
    assert "no place of that name" in result.output


def test_coded_to_decides_the_place() -> None:
    res = geocode("Kabkabiya village (coded to El Fasher)")
    assert res is not None and (res.name, res.precision) == ("El Fasher", 2)
    assert "coded to" in res.reasons_text()
