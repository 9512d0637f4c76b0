"""A task detailed by an appendix: the share of the appendix's agencies is tracked there, not twice.

Task 2.II of the seed names as leads "Văn phòng UBND tỉnh" and "Các cơ quan được giao nhiệm vụ chủ trì
thực hiện rà soát…" — the sixteen departments whose part is Appendix I (PL1.1–PL1.16), an appendix the
plan file marks with ``parent_task: 2.II``. Expanding that group on 2.II would give sixteen more ongoing
lead assignments about work already followed row by row. So, for a task an appendix details, a group of
its lead cell whose members all lead rows of that appendix is left out of the task's leads (they stay
coordinating when the coordinating cell names them); when nobody is left, the lead falls to the plan's
coordinating office (the directory's ``province_office``).
"""

from __future__ import annotations

from dataclasses import replace

from bot.domain.agencies import Directory, Resolution
from bot.domain.plan import Plan

# ``specs`` are bot.domain.interpret.ItemSpec (not imported: interpret calls this module).

OFFICE_KIND = "province_office"


def appendix_leads(specs: list, prefix: str) -> set[str]:
    """Every agency leading a row of the appendix whose sections start with ``prefix`` ("PL1")."""
    return {
        k for s in specs if s.item.section == prefix or s.item.section.startswith(prefix + ".") for k in s.lead_keys
    }


def tracked_groups(directory: Directory, lead: Resolution, tracked: set[str]) -> list[str]:
    """The groups of a lead resolution whose members (at least one) all have their share in ``tracked``."""
    return [g for g in lead.groups if (m := directory.members(g)) and set(m) <= tracked]


def _office(directory: Directory) -> str | None:
    offices = [a.key for a in directory.agencies.values() if a.kind == OFFICE_KIND]
    return offices[0] if len(offices) == 1 else None


def without_tracked_shares(plan: Plan, directory: Directory, specs: list) -> list:
    """``specs`` with each parent task's leads cleared of the groups its appendix already tracks."""
    if not plan.parent_tasks:
        return specs
    out = list(specs)
    for i, spec in enumerate(out):
        prefix = plan.parent_tasks.get(spec.code)
        if prefix is None:
            continue
        lead, coord = directory.resolve_pair(spec.item.lead_text, spec.item.coordinating_text, spec.deadline.due)
        drop = tracked_groups(directory, lead, appendix_leads(specs, prefix))
        if not drop:
            continue
        kept = Resolution(lead.agencies, tuple(g for g in lead.groups if g not in drop))
        lead_keys = directory.expand(kept)
        if not lead_keys and (office := _office(directory)):
            lead_keys = [office]
        coord_keys = [
            k
            for k in list(spec.lead_keys) + list(spec.coordinating_keys)
            if k not in lead_keys and k in directory.expand(coord)
        ]
        out[i] = replace(spec, lead_keys=tuple(lead_keys), coordinating_keys=tuple(coord_keys))
    return out
