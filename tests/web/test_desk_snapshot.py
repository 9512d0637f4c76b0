"""The desk's snapshot: the reports' tally, rebuilt after a change without making a page wait."""

from __future__ import annotations

from datetime import timedelta

from bot.reports.build import tally
from bot.web.desk import Desk, Filters, filtered
from tests.web.conftest import NOW, desk_parts


def test_snapshot_counts_as_the_reports_and_refreshes_in_the_background(sqlite_url, plan, directory):
    store, clock, config = desk_parts(sqlite_url, plan, directory)
    today = NOW.astimezone(config.zone).date()
    desk = Desk(store, config, version_age=0)  # the fingerprint asked every time (default: once a second)
    first = desk.snapshot(today)
    assert first.tally.total == tally(store.report_data(zone=config.zone), today).total
    assert desk.snapshot(today) is first and not desk.refreshing
    store.set_due(code="4.II", due=today + timedelta(days=3), actor="kiểm thử", now=NOW)
    assert desk.snapshot(today) is first  # served at once while the next one is built
    desk._worker.join(30)
    second = desk.snapshot(today)
    assert second is not first and not desk.refreshing
    assert any(r["code"] == "4.II" for r in second.soon())
    assert desk.snapshot(today + timedelta(days=1)).today == today + timedelta(days=1)  # a new day waits
    store.engine.dispose()


def test_filters_search_without_accents_and_page(sqlite_url, plan, directory):
    store, _, config = desk_parts(sqlite_url, plan, directory)
    snap = Desk(store, config, background=False).snapshot(NOW.date())
    accented, found, _ = filtered(snap.items, Filters(q="thủ tục hành chính"))
    plain, same, _ = filtered(snap.items, Filters(q="THU TUC hanh chinh"))
    assert found == same > 0 and [x.code for x in accented] == [x.code for x in plain]
    section = snap.sections[0][0]
    shown, n, pages = filtered(snap.items, Filters(section=section))
    assert n and all(x.section == section for x in shown)
    before = filtered(snap.items, Filters(due_before=NOW.date()))[0]
    assert all(x.due is not None and x.due < NOW.date() for x in before)
    store.engine.dispose()


def test_the_fingerprint_is_kept_a_moment_and_forgotten_after_the_desks_own_changes(sqlite_url, plan, directory):
    store, _, config = desk_parts(sqlite_url, plan, directory)
    today = NOW.astimezone(config.zone).date()
    desk = Desk(store, config, background=False, version_age=3600)  # a long moment: no clock in the test
    first = desk.snapshot(today)
    store.set_due(code="4.II", due=today + timedelta(days=3), actor="kiểm thử", now=NOW)
    assert desk.snapshot(today) is first  # within the moment: the fingerprint is not asked again
    desk.changed()  # what a post on the desk does
    assert desk.snapshot(today) is not first
    store.engine.dispose()
