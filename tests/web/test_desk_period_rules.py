"""The desk's report downloads follow the configured PERIOD_DUE_* rules, as `nhacviec export` and the
chat's /xuatbaocao do (issue 10 §1): with quarterly reports due on the 5th of the next month, 5.IV's
quarter II is not yet late on 3/7/2023 in the workbook, the letter and the desk's tally."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import replace

import httpx
from docx import Document
from openpyxl import load_workbook

from bot.domain.periods import DueDefaults, DueRule
from bot.domain.report_data import PeriodRules
from bot.reports import build
from bot.web import auth, server
from bot.web.app import create_app
from tests.web.conftest import NOW, ZONE, desk_parts

NEXT_MONTH_5TH = PeriodRules(DueDefaults(quarterly=DueRule.parse("5+1")))
TODAY = NOW.astimezone(ZONE).date()


@contextmanager
def _coordinator(sqlite_url, plan, directory, rules: PeriodRules):
    store, clock, config = desk_parts(sqlite_url, plan, directory)
    config = replace(config, period_rules=rules)
    try:
        with server.in_thread(create_app(store, clock, config, {})) as url:
            with httpx.Client(base_url=url) as client:
                path, _, _ = auth.new_link(store, config, agency_key="vp-ubnd-tinh", role="coordinator", now=NOW)
                token = path.rsplit("/", 1)[1]
                client.post("/dang-nhap", data={"token": token, "csrf": auth.login_csrf(config, token)})
                yield client, store
    finally:
        store.engine.dispose()


def _cells(body: bytes) -> list[tuple]:
    book = load_workbook(io.BytesIO(body))
    return [(ws.title, *row) for ws in book.worksheets for row in ws.iter_rows(values_only=True)]


def _docx(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])


def _expected(store, rules: PeriodRules, *, history: bool) -> object:
    data = store.report_data(zone=ZONE, with_history=history)
    data.rules = rules
    return data


def test_downloads_use_the_configured_period_due_rules(sqlite_url, plan, directory):
    with _coordinator(sqlite_url, plan, directory, NEXT_MONTH_5TH) as (client, store):
        excel = client.get("/bao-cao/excel")
        letter = client.get("/bao-cao/cong-van")
        tally = client.get("/")
        assert excel.status_code == letter.status_code == tally.status_code == 200

        configured, _ = build.export(_expected(store, NEXT_MONTH_5TH, history=True), TODAY)
        default, _ = build.export(_expected(store, PeriodRules(), history=True), TODAY)
        assert _cells(configured) != _cells(default)  # the setting matters on this day
        assert _cells(excel.content) == _cells(configured)

        configured_letter, _, _ = build.letter(_expected(store, NEXT_MONTH_5TH, history=False), TODAY)
        default_letter, _, _ = build.letter(_expected(store, PeriodRules(), history=False), TODAY)
        assert configured_letter is not None and default_letter is not None
        assert _docx(letter.content) == _docx(configured_letter) != _docx(default_letter)


def test_without_a_setting_the_downloads_keep_the_default_rules(sqlite_url, plan, directory):
    with _coordinator(sqlite_url, plan, directory, PeriodRules()) as (client, store):
        excel = client.get("/bao-cao/excel")
        default, _ = build.export(_expected(store, PeriodRules(), history=True), TODAY)
        assert _cells(excel.content) == _cells(default)


def test_the_desk_gets_the_rules_from_the_settings(cli, tmp_path, monkeypatch):
    from bot.cli.main import App
    from bot.cli.web_cmds import web_config
    from bot.ports import FixedClock
    from config.settings import load_settings

    cli("init")
    monkeypatch.setenv("PERIOD_DUE_QUARTERLY", "5+1")
    monkeypatch.setenv("DEFAULT_RECURRENCE", "monthly")
    settings = load_settings()
    app = App(settings, FixedClock(NOW))
    try:
        rules = web_config(app, warn=False).period_rules
    finally:
        app.engine.dispose()
    assert rules.defaults.quarterly == DueRule(5, 1) and rules.default_freq == "monthly"


def test_the_desks_tally_counts_periods_with_the_configured_rules(sqlite_url, plan, directory):
    from bot.web.desk import Desk

    store, _, config = desk_parts(sqlite_url, plan, directory)
    try:
        shown = {}
        for name, rules in (("configured", NEXT_MONTH_5TH), ("default", PeriodRules())):
            snap = Desk(store, replace(config, period_rules=rules), background=False).snapshot(TODAY)
            shown[name] = snap.tally
            assert snap.tally == build.tally(_expected(store, rules, history=False), TODAY)
        assert shown["configured"] != shown["default"]
    finally:
        store.engine.dispose()
