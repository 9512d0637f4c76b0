"""The README opens with the two set-up commands, and CI runs the same test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = text.split("```bash\n")
    return [p.split("```", 1)[0].strip() for p in parts[1:3]]


def test_readme_opens_with_run_and_test_commands():
    run, test = _blocks()
    assert run.endswith("nhacviec --today 25/5/2023 run")
    assert test.endswith("pytest -q")


def test_ci_runs_the_readme_test_command():
    _, test = _blocks()
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_env_example_lists_every_setting():
    from config.settings import Settings

    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert name.upper() in example, name
