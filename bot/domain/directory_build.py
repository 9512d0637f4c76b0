"""Building an agency ``Directory`` from a directory file's parsed tree, with validation."""

from __future__ import annotations

from datetime import date

from bot.domain.agencies import KINDS, Agency, Directory, Group, Role, RoleHolder
from bot.domain.plan import PlanFileError
from bot.domain.texts import directory as directory_texts


def _line(node) -> int | None:
    return getattr(node, "line", None)


def _str(node, key: str, required: bool = True) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    if value is None:
        if required:
            raise PlanFileError(directory_texts.ERR_FIELD_MISSING.format(field=key), _line(node))
        return ""
    if not isinstance(value, (str, int)):
        raise PlanFileError(directory_texts.ERR_FIELD_TEXT.format(field=key), _line(node))
    return str(value).strip()


def _strs(node, key: str) -> tuple[str, ...]:
    value = node.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise PlanFileError(directory_texts.ERR_FIELD_NAMES.format(field=key), _line(node))
    return tuple(str(v).strip() for v in value if str(v).strip())


def _date(node, key: str) -> date | None:
    value = node.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PlanFileError(directory_texts.ERR_FIELD_DATE.format(field=key, value=value), _line(node)) from None


def _list(tree, key: str) -> list:
    value = tree.get(key) or []
    if not isinstance(value, list):
        raise PlanFileError(directory_texts.ERR_NOT_LIST.format(field=key), _line(value) or _line(tree))
    return value


def agency_from_node(node) -> Agency:
    if not isinstance(node, dict):
        raise PlanFileError(directory_texts.ERR_AGENCY_MAPPING, _line(node))
    kind = _str(node, "kind")
    if kind not in KINDS:
        raise PlanFileError(directory_texts.ERR_KIND.format(kind=kind, kinds=", ".join(KINDS)), _line(node))
    return Agency(
        key=_str(node, "key"),
        name=_str(node, "name"),
        kind=kind,
        short=_str(node, "short", False),
        aliases=_strs(node, "aliases"),
        parent=_str(node, "parent", False) or None,
        replaces=_strs(node, "replaces"),
    )


def build_directory(tree) -> Directory:
    if not isinstance(tree, dict):
        raise PlanFileError(directory_texts.ERR_TOP_MAPPING, _line(tree))
    agencies: dict[str, Agency] = {}
    nodes = tree.get("agencies")
    if not isinstance(nodes, list) or not nodes:
        raise PlanFileError(directory_texts.ERR_NO_AGENCIES, _line(tree))
    for node in nodes:
        a = agency_from_node(node)
        if a.key in agencies:
            raise PlanFileError(directory_texts.ERR_DUPLICATE_AGENCY.format(key=a.key), _line(node))
        agencies[a.key] = a
    for node, a in zip(nodes, agencies.values()):
        if a.parent and a.parent not in agencies:
            raise PlanFileError(directory_texts.ERR_UNKNOWN_PARENT.format(key=a.key, parent=a.parent), _line(node))

    groups: dict[str, Group] = {}
    group_nodes = _list(tree, "groups")
    for node in group_nodes:
        if not isinstance(node, dict):
            raise PlanFileError(directory_texts.ERR_GROUP_MAPPING, _line(group_nodes))
        g = Group(
            key=_str(node, "key"),
            name=_str(node, "name"),
            aliases=_strs(node, "aliases"),
            members=_strs(node, "members"),
            member_kinds=_strs(node, "member_kinds"),
        )
        for m in g.members:
            if m not in agencies:
                raise PlanFileError(directory_texts.ERR_GROUP_MEMBER.format(group=g.key, member=m), _line(node))
        for k in g.member_kinds:
            if k not in KINDS:
                raise PlanFileError(directory_texts.ERR_GROUP_KIND.format(group=g.key, kind=k), _line(node))
        if g.key in groups or g.key in agencies:
            raise PlanFileError(directory_texts.ERR_DUPLICATE_KEY.format(key=g.key), _line(node))
        groups[g.key] = g

    roles: dict[str, Role] = {}
    role_nodes = _list(tree, "roles")
    for node in role_nodes:
        if not isinstance(node, dict):
            raise PlanFileError(directory_texts.ERR_ROLE_MAPPING, _line(role_nodes))
        holders = []
        for h in node.get("holders") or []:
            holder = RoleHolder(
                agency=_str(h, "agency"),
                since=_date(h, "since"),
                until=_date(h, "until"),
                since_task=str(h.get("since_task") or "").strip(),
            )
            if holder.agency not in agencies:
                raise PlanFileError(directory_texts.ERR_ROLE_HOLDER.format(agency=holder.agency), _line(h))
            holders.append(holder)
        if not holders:
            raise PlanFileError(directory_texts.ERR_ROLE_EMPTY, _line(node))
        r = Role(key=_str(node, "key"), name=_str(node, "name"), aliases=_strs(node, "aliases"), holders=tuple(holders))
        roles[r.key] = r

    vague = tree.get("vague") or []
    if not isinstance(vague, list):
        raise PlanFileError(directory_texts.ERR_VAGUE_LIST, _line(tree))
    return Directory(
        province=_str(tree, "province"),
        agencies=agencies,
        groups=groups,
        roles=roles,
        vague=tuple(str(v) for v in vague),
    )
