"""Readers of the files people edit (plan, agency directory, calendar, CSV): adapters outside the store."""
