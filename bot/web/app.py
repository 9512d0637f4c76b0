"""The desk's ASGI application (Starlette): sessions, CSRF and page routing; each page is a plain
function run off the event loop (the store is synchronous)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.domain.errors import NoPlan
from bot.domain.texts import vn_date
from bot.domain.texts import web as web_texts
from bot.ports import Clock, Store
from bot.web import auth
from bot.web.config import COOKIE, WebConfig
from bot.web import pages
from bot.web.desk import Desk
from bot.web.page import NO_STORE, Page, Refused

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent


def create_app(store: Store, clock: Clock, config: WebConfig) -> Starlette:
    """The desk over ``store`` (the same store and rules as the chat)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.filters["vn_date"] = lambda d: vn_date(d) if d else "—"
    env.globals.update(W=web_texts)
    desk = Desk(store, config)

    def render(page: Page, template: str, http_status: int = 200, **context) -> HTMLResponse:
        nav = [n for n in web_texts.NAV if page.coordinator or n[0] in web_texts.OFFICER_NAV]
        html = env.get_template(template).render(
            page=page,
            officer=page.officer,
            nav=nav,
            csrf=(page.csrf if page.session_token else ""),
            path=page.request.url.path,
            refreshing=desk.refreshing,
            **context,
        )
        return HTMLResponse(html, status_code=http_status, headers=NO_STORE)

    def endpoint(fn, *, signed_in: bool = True) -> Callable:
        async def handle(request: Request) -> Response:
            form: dict[str, str] = {}
            if request.method == "POST":
                form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
            page = Page(request, store, clock, config, desk, lambda *a, **k: render(page, *a, **k), form=form)
            return await run_in_threadpool(_run, page, fn, signed_in)

        return handle

    def _run(page: Page, fn, signed_in: bool) -> Response:
        token = auth.unsign_session(config, page.request.cookies.get(COOKIE))
        if token:
            page.officer = store.web_session_officer(session_token=token, now=clock.now())
            page.session_token = token if page.officer else ""
        try:
            if signed_in and page.officer is None:
                return render(page, "message.html", 401, title=web_texts.LOGIN_TITLE, message=web_texts.LOGIN_NEEDED)
            if page.request.method == "POST" and signed_in and not auth.csrf_ok(config, token, page.form.get("csrf")):
                raise Refused(403, web_texts.CSRF_FAILED)
            return fn(page)
        except Refused as e:
            return render(
                page,
                "message.html",
                e.status,
                title=web_texts.FORBIDDEN if e.status == 403 else web_texts.NOT_FOUND,
                message=e.message,
            )
        except NoPlan:
            return render(page, "message.html", 503, title=web_texts.APP_TITLE, message=web_texts.NO_PLAN)

    routes = [
        Route("/", endpoint(pages.summary)),
        Route("/dang-nhap/{token}", endpoint(pages.login_form, signed_in=False)),
        Route("/dang-nhap", endpoint(pages.login, signed_in=False), methods=["POST"]),
        Route("/dang-xuat", endpoint(pages.logout), methods=["POST"]),
        Route("/co-quan", endpoint(pages.agencies)),
        Route("/co-quan/{agency_id:int}", endpoint(pages.agency)),
        Route("/nhiem-vu", endpoint(pages.items)),
        Route("/nhiem-vu/{item_id:int}", endpoint(pages.item)),
        Route("/can-bo", endpoint(pages.officers)),
        Route("/can-bo/moi", endpoint(pages.invite), methods=["POST"]),
        Route("/bao-cao", endpoint(pages.reports)),
        Route("/bao-cao/{kind}", endpoint(pages.download)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    return Starlette(routes=routes)
