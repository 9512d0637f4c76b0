"""The desk's pages: plain functions of a ``Page`` returning a response (run off the event loop)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from jinja2 import Environment
from jinja2.filters import do_truncate
from markupsafe import Markup, escape
from starlette.responses import Response

from bot.core.extension_view import extension_lines
from bot.domain.chat_records import ItemInfo
from bot.domain.deadlines import Deadline, parse_day
from bot.domain.effective import effective_deadline
from bot.domain.tally import STATES, percent
from bot.domain.texts import STATUS, describe_deadline, vn_date
from bot.domain.texts import web as web_texts
from bot.domain.texts.reminders import SUMMARY_LABEL
from bot.reports import build
from bot.web import auth
from bot.web.access import chat_view, may_see
from bot.web.chart import tally_chart
from bot.web.config import COOKIE
from bot.web.desk import Filters, filtered
from bot.web.page import NO_STORE, Page, Refused, redirect, session_cookie

INVITE_TTL = timedelta(days=7)
SOON_SHOWN = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- signing in and out ---------------------------------------------------------------------------------
def login_form(page: Page) -> Response:
    """GET of a sign-in link: a confirmation form (link previews in chats do not use the link up)."""
    token = page.request.path_params["token"]
    return page.render("login.html", token=token, login_csrf=auth.login_csrf(page.config, token))


def login(page: Page) -> Response:
    token = page.form.get("token", "")
    if not auth.login_csrf_ok(page.config, token, page.form.get("csrf")):
        raise Refused(403, web_texts.CSRF_FAILED)
    result, session_token = auth.redeem(page.store, page.config, link_token=token, now=page.clock.now())
    if result.officer is None:
        return page.render(
            "message.html", 403, title=web_texts.LOGIN_TITLE, message=web_texts.LOGIN_REFUSED[result.status]
        )
    response = redirect("/")
    session_cookie(response, page.config, session_token)
    return response


def logout(page: Page) -> Response:
    page.store.web_end_session(session_token=page.session_token, now=page.clock.now())
    page.officer, page.session_token = None, ""
    response = page.render("message.html", title=web_texts.SIGN_OUT, message=web_texts.SIGNED_OUT)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


# --- Tổng hợp --------------------------------------------------------------------------------------------
def summary(page: Page) -> Response:
    snap = page.desk.snapshot(page.today())
    own = None if page.coordinator else page.officer.agency.id
    without = page.desk.figures("without", page.store.agencies_without_officer) if page.coordinator else []
    ops = page.desk.figures("ops", lambda: _operations(page)) if page.coordinator else None
    figures = (tuple(without), tuple((k, str(v)) for k, v in ops.items()) if ops else ())
    main = snap.fragment(("summary", own, figures), lambda: _summary_main(page, snap, own, without, ops))
    return page.render("summary.html", main=main)


def _summary_main(page: Page, snap, own: int | None, without: list, ops: dict | None) -> str:
    """Tổng hợp's body for this viewer and these figures (rendered once per snapshot)."""
    t = snap.tally if own is None else snap.agency_tally(own)
    lines = [
        (level, SUMMARY_LABEL[key], items, rows, percent(rows, t.assignments))
        for level, key, items, rows in t.summary()
    ]
    chart = tally_chart([(s, web_texts.STATE_LABEL[s], t.total[s]) for s in STATES], title=web_texts.CHART_TITLE)
    soon = snap.soon(own)
    return page.fragment(
        "summary_main.html",
        coordinator=own is None,
        snap=snap,
        plan=snap.data.plan,
        t=t,
        lines=lines,
        chart=chart,
        soon=soon[:SOON_SHOWN],
        soon_more=max(0, len(soon) - SOON_SHOWN),
        without=without,
        ops=ops,
    )


def _operations(page: Page) -> dict:
    """Last and next sweep, today's sends and the disabled chats (as ``nhacviec status`` reports them)."""
    now = page.clock.now().astimezone(page.config.zone)
    f = page.store.status_figures(since=datetime.combine(now.date(), time(0), now.tzinfo), month=f"{now:%Y-%m}")
    send = page.config.send_time
    nxt = (
        now.date()
        if now.time() < send and (f.last_sweep is None or f.last_sweep < now.date())
        else now.date() + timedelta(days=1)
    )
    if page.config.calendar is not None:
        nxt = page.config.calendar.next_working_day(nxt)
    return {
        "last": vn_date(f.last_sweep) if f.last_sweep else web_texts.NEVER,
        "next": f"{send:%H:%M} {vn_date(nxt)}",
        "sent_today": f.sent_today,
        "pending": f.pending_retries,
        "failures": f.failures,
        "disabled": f.disabled_recipients,
    }


# --- Cơ quan ------------------------------------------------------------------------------------------------
def agencies(page: Page) -> Response:
    page.require_coordinator()
    snap = page.desk.snapshot(page.today())
    ids = page.store.web_agency_ids()
    listed = {i for i, _ in snap.agencies}
    rest = [(ids[a["key"]], a["name"]) for a in page.store.agencies() if ids[a["key"]] not in listed]
    rows = []
    for agency_id, name in [*snap.agencies, *rest]:
        c: Counter = snap.tally.by_agency.get(name, Counter())
        rows.append((agency_id, name, sum(c.values()), *_grouped(c)))
    return page.render("agencies.html", rows=rows)


def _grouped(c: Counter) -> tuple[int, int, int, int, int]:
    return (
        c["done_on_time"] + c["done_late"],
        c["in_progress_on_time"] + c["not_yet_due"],
        c["overdue"],
        c["ongoing"],
        c["undated"],
    )


def agency(page: Page) -> Response:
    agency_id = page.request.path_params["agency_id"]
    if not page.coordinator and page.officer.agency.id != agency_id:
        raise Refused(403, web_texts.FORBIDDEN)
    ref = page.store.agency(agency_id=agency_id)
    if ref is None:
        raise Refused(404, web_texts.NOT_FOUND)
    snap = page.desk.snapshot(page.today())
    return page.render(
        "agency.html",
        agency=ref,
        work=snap.agency_rows(agency_id),
        chats=page.store.web_agency_chats(agency_id=agency_id),
    )


# --- Nhiệm vụ ---------------------------------------------------------------------------------------------
def items(page: Page) -> Response:
    q = page.request.query_params
    snap = page.desk.snapshot(page.today())
    scope = None if page.coordinator else page.officer.agency.id
    key = ("items", scope, tuple(sorted(q.multi_items())))
    main = snap.fragment(key, lambda: _items_main(page, snap))
    return page.render("items.html", main=main)


def _items_main(page: Page, snap) -> str:
    """The plan page's body for this viewer and query (rendered once per snapshot)."""
    q = page.request.query_params
    agency_id = q.get("agency", "")
    filters = Filters(
        section=q.get("section", ""),
        state=q.get("state", "") if q.get("state") in STATES else "",
        agency=int(agency_id) if agency_id.isdigit() else None,
        due_before=parse_day(q["due_before"]) if q.get("due_before") else None,
        q=q.get("q", "")[:200],
        page=int(q["page"]) if q.get("page", "").isdigit() else 1,
    )
    scope = None if page.coordinator else page.officer.agency.id
    lines = snap.items if scope is None else snap.fragment(("visible", scope), lambda: _visible(page, snap))
    shown, found, pages = filtered(lines, filters)
    agencies = snap.agencies if page.coordinator else [(page.officer.agency.id, page.officer.agency.name)]
    query = {k: v for k, v in q.items() if k != "page" and v}
    options = snap.fragment(
        ("options", scope), lambda: (_options(snap.sections, lambda t: truncate(t, 60)), _options(agencies))
    )
    return page.fragment(
        "items_main.html",
        section_options=_selected(options[0], filters.section),
        agency_options=_selected(options[1], filters.agency),
        lines=shown,
        found=found,
        pages=pages,
        filters=filters,
        snap=snap,
        agencies=agencies,
        query=query,
        page_no=min(max(1, filters.page), pages),
    )


def _visible(page: Page, snap) -> list:
    """The items an officer's session may list (its agency's, as the chat shows them)."""
    ctx, subjects = chat_view(page.store, page.officer, page.clock.now()), page.store.web_subject_ids()
    own = page.officer.agency.id
    return [
        x
        for x in snap.items
        if own in x.agency_ids
        and may_see(ctx, _info(x), agency_ids=x.agency_ids, subjects=subjects.get(x.id, frozenset()))
    ]


def _options(pairs, label=None) -> str:
    """``<option>``s of a filter's choices, rendered once per snapshot (400 agencies at a province)."""
    if label is None:
        return "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in pairs)
    return "".join(f'<option value="{escape(v)}">{escape(v)} — {escape(label(t))}</option>' for v, t in pairs)


def _selected(options: str, value) -> Markup:
    """The options with ``value`` chosen."""
    if value in (None, ""):
        return Markup(options)
    mark = f'<option value="{escape(value)}">'
    return Markup(options.replace(mark, mark[:-1] + " selected>", 1))


def truncate(text: str, n: int) -> str:
    """Jinja's ``truncate`` filter (a word boundary, an ellipsis), outside a template."""
    return do_truncate(_PLAIN, text, n)


_PLAIN = Environment()


def _info(x) -> ItemInfo:
    return ItemInfo(
        id=x.id, code=x.code, type=x.type, content=x.content, section_title=x.section_title, surprise=x.surprise
    )


def item(page: Page) -> Response:
    item_id = page.request.path_params["item_id"]
    found = page.store.item_by_id(item_id=item_id)
    if found is None:
        raise Refused(404, web_texts.NOT_FOUND)
    subjects = page.store.web_subject_ids(item_ids=[item_id]).get(item_id, frozenset())
    ctx = chat_view(page.store, page.officer, page.clock.now())
    if not may_see(ctx, found.item, agency_ids={w.agency_id for w in found.assignments}, subjects=subjects):
        raise Refused(404, web_texts.NOT_FOUND)  # the same answer as an unknown item: nothing to guess from
    info = found.item
    reading = _reading(info)
    snap = page.desk.snapshot(page.today())
    state_of = {snap.data.rows[i]["agency_id"]: snap.states[i] for i in snap.by_item.get(item_id, [])}
    status = [
        (
            w.agency,
            web_texts.ASSIGN_ROLE.get(w.role, w.role),
            web_texts.STATE_LABEL.get(state_of.get(w.agency_id, ""), STATUS.get(w.status, w.status)),
            vn_date(w.closed_at.astimezone(page.config.zone).date()) if w.closed_at else "",
        )
        for w in found.assignments
    ]
    extended = extension_lines(ctx, item_id)  # the chat's /xem lines: original date, new date, documents
    return page.render("item.html", item=info, reading=reading, status=status, extended=extended)


def _reading(info: ItemInfo) -> str:
    """The deadline as read (a coordinator's date in force), in the chat's words."""
    if not info.deadline:
        return vn_date(info.due_override) if info.due_override else "—"
    dl = effective_deadline(Deadline.from_dict(info.deadline), info.due_override)
    return describe_deadline(
        dl.kind,
        dl.due,
        dl.start,
        dl.flags,
        dl.recurrence.to_dict() if dl.recurrence else None,
        dl.reason,
        info.deadline,
    )


# --- Báo cáo ------------------------------------------------------------------------------------------------
def reports(page: Page) -> Response:
    page.require_coordinator()
    return page.render("reports.html")


def download(page: Page) -> Response:
    page.require_coordinator()
    kind, today = page.request.path_params["kind"], page.today()
    if kind in ("excel", "excel-luu-hanh"):
        data = page.store.report_data(zone=page.config.zone, plan_slug=page.config.plan_slug, with_history=True)
        data.rules = page.config.period_rules  # recurring work's periods, as the CLI's reports
        body, _ = build.export(data, today, circulation=kind == "excel-luu-hanh")
        name = f"bao-cao-{today:%Y-%m-%d}{'-luu-hanh' if kind != 'excel' else ''}.xlsx"
        return _file(body, name, XLSX)
    if kind == "cong-van":
        data = page.store.report_data(zone=page.config.zone, plan_slug=page.config.plan_slug)
        data.rules = page.config.period_rules
        body, _, _ = build.letter(data, today)
        if body is None:
            return page.render("message.html", title=web_texts.REPORTS_TITLE, message=web_texts.REPORT_NO_LETTER)
        return _file(body, f"cong-van-don-doc-{today:%Y-%m-%d}.docx", DOCX)
    raise Refused(404, web_texts.NOT_FOUND)


def _file(body: bytes, name: str, media_type: str) -> Response:
    return Response(
        body, media_type=media_type, headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'}
    )
