"""The coordinator console: pure helpers, templates and static files (served by bot/channels/console.py)."""
