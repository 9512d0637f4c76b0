"""Small interfaces the rest of the program talks through (one module per interface family)."""

from __future__ import annotations

from typing import Protocol

from bot.ports.clock import Clock, FixedClock, SystemClock
from bot.ports.messages import Button, Inbound, InboundFile, Attachment, Outbound, TransportError, Sender, Capabilities
from bot.ports.messages import ClaimHook, ReleaseHook
from bot.ports.chat_store import ChatStore
from bot.ports.sweep_store import SweepStore
from bot.ports.plan_store import PlanStore
from bot.ports.channel_store import AgencyWork, ChannelStore
from bot.ports.governance_store import GovernanceStore
from bot.ports.web_store import WebSignIn, WebStore
from bot.ports.people_store import PeopleStore

__all__ = [
    "Clock",
    "FixedClock",
    "SystemClock",
    "Button",
    "Inbound",
    "InboundFile",
    "Attachment",
    "Outbound",
    "TransportError",
    "Sender",
    "Capabilities",
    "ClaimHook",
    "ReleaseHook",
    "ChatStore",
    "SweepStore",
    "PlanStore",
    "AgencyWork",
    "ChannelStore",
    "GovernanceStore",
    "WebSignIn",
    "WebStore",
    "PeopleStore",
    "Store",
]


class Store(ChatStore, SweepStore, PlanStore, ChannelStore, GovernanceStore, WebStore, PeopleStore, Protocol):
    """Everything; storage.store.SqlStore implements it."""
