"""Channel plug-ins and their registry (see base.py); the composition root starts the configured ones."""
