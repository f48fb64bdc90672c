from corridor.directory import hsds

from ._exchange import ImportCommand


class Command(ImportCommand):
    help = ("Import Open Referral HSDS 3.0 services (a JSON list or a tabular data package .zip) into a territory. "
            "Nothing is written if any record is wrong; records whose id exists are updated.")

    def import_file(self, upload, filename, *, territory, user):
        return hsds.import_file(upload, territory=territory, user=user)
