from corridor.directory.organisation_import import COLUMNS, import_organisations

from ._exchange import ImportCommand


class Command(ImportCommand):
    help = (f"Import organisations from a .csv or .xlsx spreadsheet with the columns {', '.join(COLUMNS)}. "
            "Nothing is written if any row is wrong; an organisation with the same name in the same territory "
            "is updated.")

    def import_file(self, upload, filename, *, territory, user):
        return import_organisations(upload, filename, territory=territory, user=user)
