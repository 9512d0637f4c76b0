"""Settings from the environment and a ``.env`` file (plain variable names, no prefix)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_DATA = Path(__file__).resolve().parent.parent / "data"
DEFAULT_PLAN = BUNDLED_DATA / "plans" / "hai-duong-2023.yaml"
DEFAULT_AGENCIES = BUNDLED_DATA / "agencies" / "hai-duong.yaml"


class Settings(BaseSettings):
    """Every field is documented in .env.example."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default="sqlite:///./data/nhacviec.db")
    timezone: str = Field(default="Asia/Ho_Chi_Minh")
    plan_file: Path = Field(default=DEFAULT_PLAN)
    agencies_file: Path = Field(default=DEFAULT_AGENCIES)
    log_level: str = Field(default="INFO")

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

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_settings(**overrides) -> Settings:
    return Settings(**overrides)
