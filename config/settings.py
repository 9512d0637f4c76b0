"""Settings from the environment and a ``.env`` file (plain variable names, no prefix)."""

from __future__ import annotations

from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PLAN = BUNDLED_DATA / "plans" / "hai-duong-2023.yaml"
DEFAULT_AGENCIES = BUNDLED_DATA / "agencies" / "hai-duong.yaml"
DEFAULT_CALENDAR = BUNDLED_DATA / "calendar" / "vietnam.yaml"


class Settings(BaseSettings):
    """Every field is documented in .env.example."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default="sqlite:///./data/nhacviec.db")
    timezone: str = Field(default="Asia/Ho_Chi_Minh")
    plan_file: Path = Field(default=DEFAULT_PLAN)
    agencies_file: Path = Field(default=DEFAULT_AGENCIES)
    log_level: str = Field(default="INFO")
    today: str = Field(default="")

    telegram_bot_token: SecretStr | None = Field(default=None)
    telegram_base_url: str = Field(default="https://api.telegram.org/bot")
    telegram_bot_username: str = Field(default="")
    telegram_webhook_url: str = Field(default="")
    telegram_webhook_secret: SecretStr | None = Field(default=None)
    telegram_webhook_listen: str = Field(default="0.0.0.0")
    telegram_webhook_port: int = Field(default=8443)

    calendar_file: Path = Field(default=DEFAULT_CALENDAR)
    send_time: str = Field(default="08:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    work_end: str = Field(default="17:30", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    remind_before: str = Field(default="14,7,3,1", pattern=r"^\s*\d+(\s*,\s*\d+)*\s*$")
    overdue_every: int = Field(default=3, ge=1)
    escalate_after: int = Field(default=7, ge=1)
    escalate_every_days: int = Field(default=7, ge=1)
    leader_after_working_days: int = Field(default=5, ge=1)  # the agency's leader: first overdue summary
    leader_every_days: int = Field(default=7, ge=1)  # then this often
    heads_up_before: int = Field(default=7, ge=1)
    inspection_notice: int = Field(default=7, ge=1)
    default_recurrence: str = Field(default="quarterly", pattern=r"^(monthly|quarterly|half_yearly|yearly)$")
    # Due day of each period of recurring work when the phrase names none: "last" (last day of the
    # period), "N" (day N of its last month) or "N+1" (day N of the month after it).
    period_due_weekly: str = Field(default="last", pattern=r"^\s*(last|\d{1,2}(\s*\+\s*[01])?)\s*$")
    period_due_monthly: str = Field(default="last", pattern=r"^\s*(last|\d{1,2}(\s*\+\s*[01])?)\s*$")
    period_due_quarterly: str = Field(default="last", pattern=r"^\s*(last|\d{1,2}(\s*\+\s*[01])?)\s*$")
    period_due_half_yearly: str = Field(default="last", pattern=r"^\s*(last|\d{1,2}(\s*\+\s*[01])?)\s*$")
    period_due_yearly: str = Field(default="last", pattern=r"^\s*(last|\d{1,2}(\s*\+\s*[01])?)\s*$")
    retry_max_attempts: int = Field(default=5, ge=1)
    retry_every_seconds: int = Field(default=120, ge=10)
    # One sender across processes: a dead leader's sender lease (and its rows) is taken over after this
    # many seconds; the leader renews it, and standbys look, every SENDER_LEASE_RENEW_SECONDS.
    sender_lease_seconds: float = Field(default=45.0, gt=0, le=60)
    sender_lease_renew_seconds: float = Field(default=15.0, gt=0, le=30)
    rate_per_second: float = Field(default=25.0, gt=0)
    rate_per_chat_seconds: float = Field(default=1.0, ge=0)

    zalo_bot_token: SecretStr | None = Field(default=None)
    zalo_bot_tokens: SecretStr | None = Field(default=None)  # several bots, comma-separated (50 users each)
    zalo_bot_names: str = Field(default="")  # what officers search for, in the same order
    zalo_users_per_bot: int = Field(default=50, ge=1)
    zalo_base_url: str = Field(default="https://bot-api.zaloplatforms.com")
    zalo_webhook_url: str = Field(default="")
    zalo_webhook_secret: SecretStr | None = Field(default=None)
    zalo_webhook_listen: str = Field(default="0.0.0.0")
    zalo_webhook_port: int = Field(default=8444)
    zalo_poll_timeout: int = Field(default=30, ge=1, le=60)
    zalo_monthly_quota: int = Field(default=3000, ge=1)
    # Channel names are checked against bot.channels.registry by the composition root.
    preferred_channel: str = Field(default="", pattern=r"^[a-z_]*$")
    fallback_order: str = Field(default="telegram,zalo,email", pattern=r"^\s*[a-z_]*(\s*,\s*[a-z_]+)*\s*$")

    # e-mail (outbound only): the whole URL is secret, it may carry the SMTP password
    smtp_url: SecretStr | None = Field(default=None)
    mail_from: str = Field(default="")

    # the web desk (bot/web): served by `nhacviec web`, and by `nhacviec run` beside the bot when WEB_PORT is set
    web_port: int | None = Field(default=None, ge=1, le=65535)
    web_host: str = Field(default="127.0.0.1")
    web_base_url: str = Field(default="")  # the desk's public address, for sign-in links
    web_secret: SecretStr | None = Field(default=None)  # signs session cookies and CSRF tokens (32+ chars)

    # evidence of closings (issue 14 §4): files sent with /xong are kept by their channel id, name and size;
    # the files themselves are downloaded into EVIDENCE_DIR only when EVIDENCE_STORE_FILES is true
    evidence_store_files: bool = Field(default=False)
    evidence_dir: Path = Field(default=Path("./data/evidence"))
    evidence_max_mb: int = Field(default=20, ge=1, le=20)  # Telegram's getFile serves at most 20 MB
    evidence_ask_document: bool = Field(default=True)  # /xong on a decision, scheme, plan... asks for it first
    note_limit: int = Field(default=1000, ge=50, le=3500)
    flood_commands: int = Field(default=20, ge=1)
    flood_seconds: int = Field(default=60, ge=1)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r}") from None
        return v

    @field_validator("log_level")
    @classmethod
    def _level(cls, v: str) -> str:
        v = v.upper()
        if v not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(f"unknown log level {v!r}")
        return v

    @field_validator(
        "telegram_bot_token",
        "telegram_webhook_secret",
        "zalo_bot_token",
        "zalo_bot_tokens",
        "zalo_webhook_secret",
        "smtp_url",
        "web_secret",
        "web_port",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, v):
        return v or None

    @field_validator("smtp_url")
    @classmethod
    def _smtp_scheme(cls, v: SecretStr | None) -> SecretStr | None:
        # the message names the scheme only: the URL may hold a password
        if v is not None and not v.get_secret_value().lower().startswith(("smtp://", "smtps://")):
            raise ValueError("must start with smtp:// or smtps://")
        return v

    @model_validator(mode="after")
    def _mail_from_with_smtp(self) -> "Settings":
        local, _, domain = parseaddr(self.mail_from)[1].rpartition("@")
        if self.smtp_url is not None and not (local and domain):
            raise ValueError("MAIL_FROM (the sender's address) is required when SMTP_URL is set")
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def fallback_channels(self) -> tuple[str, ...]:
        """FALLBACK_ORDER as a list: where an officer's reminders go when their chat fails."""
        return tuple(x.strip() for x in self.fallback_order.split(",") if x.strip())

    @property
    def remind_before_days(self) -> tuple[int, ...]:
        return tuple(sorted({int(x) for x in self.remind_before.split(",")}, reverse=True))

    @staticmethod
    def hhmm(value: str) -> tuple[int, int]:
        h, m = value.split(":")
        return int(h), int(m)


def load_settings(**overrides) -> Settings:
    return Settings(**overrides)
