from corridor.coordination.exchange import COLUMNS, import_initiatives
from corridor.directory.management.commands._exchange import ImportCommand


class Command(ImportCommand):
    help = (f"Import initiatives from a .csv or .xlsx spreadsheet with the columns {', '.join(COLUMNS)} "
            "(see corridor/coordination/exchange.py). Nothing is written if any row is wrong; a row with the id of an "
            "initiative, or the title of one in the same territory, updates it.")

    def import_file(self, upload, filename, *, territory, user):
        return import_initiatives(upload, filename, territory=territory, user=user)
