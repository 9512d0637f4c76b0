"""The importer's one error: a file it cannot read; the message (Vietnamese) names the file."""


class ImportFileError(Exception):
    """A file the importer cannot read; the message (Vietnamese) names the file."""
