"""The repository can be cited and launched: CITATION.cff is valid Citation File Format
1.2.0 (checked against the schema kept in tests/data, no network), it agrees with
pyproject.toml, and the Binder environment is the lock itself."""

import json
import tomllib

import jsonschema
import pytest
import yaml
from conftest import REPO

SCHEMA = REPO / "tests" / "data" / "cff-1.2.0.schema.json"


def _citation() -> dict:
    return yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))


def _validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_citation_file_is_valid_cff_1_2_0():
    errors = sorted(_validator().iter_errors(_citation()), key=str)
    assert errors == [], [e.message for e in errors]


def test_the_schema_check_can_fail():
    broken = {k: v for k, v in _citation().items() if k != "authors"} | {"version": [1]}
    messages = [e.message for e in _validator().iter_errors(broken)]
    assert any("'authors' is a required property" in m for m in messages), messages
    assert any(m.startswith("[1] is not valid") for m in messages), messages


def test_citation_agrees_with_the_package_metadata():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    citation = _citation()
    assert str(citation["version"]) == project["version"]
    assert citation["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_license_states_the_seeds_separately():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "does NOT cover" in text and "seeds/" in text and "third-party news texts" in text


@pytest.mark.parametrize("name", ["requirements.txt", "runtime.txt", "postBuild"])
def test_binder_environment_exists(name):
    assert (REPO / "binder" / name).is_file()


def test_binder_installs_exactly_the_lock():
    assert (REPO / "binder" / "requirements.txt").read_bytes() == (
        REPO / "requirements.lock"
    ).read_bytes(), "binder/requirements.txt is stale: run `make binder`"
    assert (REPO / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    post = (REPO / "binder" / "postBuild").read_text()
    assert "pip install" in post and "-e ." in post
