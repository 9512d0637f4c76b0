"""Persistence: SQLModel tables, engine set-up, migrations, plan loading and queries."""
