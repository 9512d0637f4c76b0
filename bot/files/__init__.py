"""File adapters: the plan, the agency directory, the working-day calendar and communes CSVs read into
domain objects. Errors are ``DataFileError`` naming the file and the line; nothing here touches the database."""

from bot.files.calendar_file import load_calendar
from bot.files.communes_csv import read_communes_csv
from bot.files.directory_file import load_directory
from bot.files.plan_file import load_plan
from bot.files.yaml_tree import DataFileError, read_tree

__all__ = ["DataFileError", "load_calendar", "load_directory", "load_plan", "read_communes_csv", "read_tree"]
