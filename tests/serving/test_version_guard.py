"""The Rasa patches install only on the Rasa version they were checked on."""

from __future__ import annotations

import logging

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.tensorflow.models import RasaModel

from bot.serving import action_response, inference_load, version_guard


def test_the_installed_rasa_is_a_checked_one():
    assert version_guard.rasa_version() in version_guard.CHECKED_RASA_VERSIONS


def test_a_patch_runs_on_a_checked_version():
    ran = []
    assert version_guard.install_if_checked("p", lambda: ran.append(1), checked=("9.9.9",), version="9.9.9") is True
    assert ran == [1]


def test_a_patch_refuses_another_version_and_says_so(caplog):
    ran = []
    with caplog.at_level(logging.WARNING, logger=version_guard.__name__):
        assert version_guard.install_if_checked("the patch", lambda: ran.append(1), version="3.7.0") is False
    assert ran == []
    assert "Not installing the patch" in caplog.text and "3.7.0" in caplog.text


@pytest.mark.parametrize(
    "module, target, attribute",
    [
        (inference_load, RasaModel, "load"),
        (action_response, RemoteAction, "_validate_action_result"),
    ],
)
def test_each_serving_patch_leaves_rasa_alone_on_an_unchecked_version(monkeypatch, module, target, attribute):
    monkeypatch.setattr(version_guard, "rasa_version", lambda: "3.7.0")
    sentinel = object()
    monkeypatch.setattr(target, attribute, sentinel)  # monkeypatch puts Rasa's own method back afterwards
    assert module.install() is False
    assert getattr(target, attribute) is sentinel
