"""``python -m app`` starts the desktop app (or the CLI when given a command)."""

from app.core import offline

offline.install_from_environment()

from app.cli import main  # noqa: E402

raise SystemExit(main())
