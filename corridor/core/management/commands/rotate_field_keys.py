"""Re-encrypt every encrypted value with the newest field key, so that older keys can be retired."""
from django.core.management.base import BaseCommand
from django.db import transaction

from corridor.core import encryption


class Command(BaseCommand):
    help = "Re-encrypt personal data with the first key of CORRIDOR_FIELD_KEYS (or the key file)."

    def handle(self, *args, **options):
        total = 0
        with transaction.atomic():
            for model, field in encryption.encrypted_fields():
                # Reading decrypts with whichever key fits; writing encrypts with the newest one.
                rows = model._base_manager.exclude(**{f"{field.attname}__isnull": True})
                for pk, value in rows.values_list("pk", field.attname).iterator():
                    model._base_manager.filter(pk=pk).update(**{field.attname: value})
                    total += 1
        self.stdout.write(self.style.SUCCESS(f"{total} values re-encrypted with the newest key."))
