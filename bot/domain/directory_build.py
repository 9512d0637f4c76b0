"""Building an agency ``Directory`` from a directory file's parsed tree, with validation."""

from __future__ import annotations

from datetime import date

from bot.domain.agencies import KINDS, Agency, Directory, Group, Role, RoleHolder
from bot.domain.plan import PlanFileError
from bot.domain.texts import directory as directory_texts


def _line(node, field: str = "") -> int | None:
    """The 1-based line of ``node`` (of its ``field`` when the reader kept the fields' lines)."""
    lines = getattr(node, "key_lines", None) or {}
    return lines.get(field) or getattr(node, "line", None)


def _str(node, key: str, required: bool = True) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    if value is None:
        if required:
            raise PlanFileError(directory_texts.ERR_FIELD_MISSING.format(field=key), _line(node))
        return ""
    if not isinstance(value, (str, int)):
        raise PlanFileError(directory_texts.ERR_FIELD_TEXT.format(field=key), _line(node, key))
    return str(value).strip()


def _strs(node, key: str) -> tuple[str, ...]:
    value = node.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise PlanFileError(directory_texts.ERR_FIELD_NAMES.format(field=key), _line(node, key))
    return tuple(str(v).strip() for v in value if str(v).strip())


def _date(node, key: str) -> date | None:
    value = node.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise PlanFileError(directory_texts.ERR_FIELD_DATE.format(field=key, value=value), _line(node, key)) from None


def _list(tree, key: str) -> list:
    value = tree.get(key) or []
    if not isinstance(value, list):
        raise PlanFileError(directory_texts.ERR_NOT_LIST.format(field=key), _line(tree, key))
    return value


def agency_from_node(node, line: int | None = None) -> Agency:
    """One ``agencies:`` entry; ``line``: where it starts (for an entry that is not a mapping)."""
    if not isinstance(node, dict):
        raise PlanFileError(directory_texts.ERR_AGENCY_MAPPING, _line(node) or line)
    kind = _str(node, "kind")
    if kind not in KINDS:
        raise PlanFileError(directory_texts.ERR_KIND.format(kind=kind, kinds=", ".join(KINDS)), _line(node, "kind"))
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
        raise PlanFileError(directory_texts.ERR_NO_AGENCIES, _line(tree, "agencies"))
    item_lines = list(getattr(nodes, "item_lines", ())) + [None] * len(nodes)
    for node, line in zip(nodes, item_lines):
        a = agency_from_node(node, line)
        if a.key in agencies:
            raise PlanFileError(directory_texts.ERR_DUPLICATE_AGENCY.format(key=a.key), _line(node, "key"))
        agencies[a.key] = a
    for node, a in zip(nodes, agencies.values()):
        if a.parent and a.parent not in agencies:
            raise PlanFileError(
                directory_texts.ERR_UNKNOWN_PARENT.format(key=a.key, parent=a.parent), _line(node, "parent")
            )

    groups: dict[str, Group] = {}
    group_nodes = _list(tree, "groups")
    group_lines = list(getattr(group_nodes, "item_lines", ())) + [None] * len(group_nodes)
    for node, line in zip(group_nodes, group_lines):
        if not isinstance(node, dict):
            raise PlanFileError(directory_texts.ERR_GROUP_MAPPING, line or _line(group_nodes))
        g = Group(
            key=_str(node, "key"),
            name=_str(node, "name"),
            aliases=_strs(node, "aliases"),
            members=_strs(node, "members"),
            member_kinds=_strs(node, "member_kinds"),
        )
        for m in g.members:
            if m not in agencies:
                raise PlanFileError(
                    directory_texts.ERR_GROUP_MEMBER.format(group=g.key, member=m), _line(node, "members")
                )
        for k in g.member_kinds:
            if k not in KINDS:
                raise PlanFileError(
                    directory_texts.ERR_GROUP_KIND.format(group=g.key, kind=k, kinds=", ".join(KINDS)),
                    _line(node, "member_kinds"),
                )
        if g.key in groups or g.key in agencies:
            raise PlanFileError(directory_texts.ERR_DUPLICATE_KEY.format(key=g.key), _line(node, "key"))
        groups[g.key] = g

    roles: dict[str, Role] = {}
    role_nodes = _list(tree, "roles")
    role_lines = list(getattr(role_nodes, "item_lines", ())) + [None] * len(role_nodes)
    for node, line in zip(role_nodes, role_lines):
        if not isinstance(node, dict):
            raise PlanFileError(directory_texts.ERR_ROLE_MAPPING, line or _line(role_nodes))
        holders = []
        for h in node.get("holders") or []:
            holder = RoleHolder(
                agency=_str(h, "agency"),
                since=_date(h, "since"),
                until=_date(h, "until"),
                since_task=str(h.get("since_task") or "").strip(),
            )
            if holder.agency not in agencies:
                raise PlanFileError(directory_texts.ERR_ROLE_HOLDER.format(agency=holder.agency), _line(h, "agency"))
            holders.append(holder)
        if not holders:
            raise PlanFileError(directory_texts.ERR_ROLE_EMPTY, _line(node, "holders"))
        r = Role(key=_str(node, "key"), name=_str(node, "name"), aliases=_strs(node, "aliases"), holders=tuple(holders))
        roles[r.key] = r

    vague = tree.get("vague") or []
    if not isinstance(vague, list):
        raise PlanFileError(directory_texts.ERR_VAGUE_LIST, _line(tree, "vague"))
    return Directory(
        province=_str(tree, "province"),
        agencies=agencies,
        groups=groups,
        roles=roles,
        vague=tuple(str(v) for v in vague),
    )
