"""Configuration: one Settings class, read only by the entry point."""
