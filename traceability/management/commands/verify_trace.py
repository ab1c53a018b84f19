"""Verify a batch's published record: `manage.py verify_trace <file|URL> --public-key <base64>`.

`--batch <public code>` checks a batch in this site's database instead; `--show-public-key`
prints the key to publish; `--new-key` prints a fresh TRACE_SIGNING_KEY.
"""

import json
from pathlib import Path
from urllib.request import Request, urlopen

from django.core.management.base import BaseCommand, CommandError

from traceability import signing
from traceability.verify import verify_document


class Command(BaseCommand):
    help = "Verify a batch's EPCIS record (eventIDs, hash chain, Ed25519-signed head)."

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="an EPCIS document of a batch: file path or https URL")
        parser.add_argument("--public-key", help="the site's public key (base64); default: this site's")
        parser.add_argument("--batch", help="check a batch of this site's database by its public code")
        parser.add_argument("--show-public-key", action="store_true")
        parser.add_argument("--new-key", action="store_true", help="print a new private key for TRACE_SIGNING_KEY")

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(signing.new_key_b64())
            return
        if options["show_public_key"]:
            self.stdout.write(signing.public_key_b64())
            return
        key = options["public_key"] or signing.public_key_b64()
        if options["batch"]:
            from traceability.models import Batch

            batch = Batch.objects.filter(public_code=options["batch"]).first()
            if batch is None:
                raise CommandError("No batch has this code.")
            result = batch.verify_chain(public_key=key)
            problems = [] if result.intact else [f"altered ({result.reason})"]
        elif options["source"]:
            problems = verify_document(self._load(options["source"]), key)
        else:
            raise CommandError("Give a document (file or URL) or --batch <code>.")
        if problems:
            raise CommandError("Record NOT verified:\n" + "\n".join(problems))
        self.stdout.write("Record verified.")

    def _load(self, source: str) -> dict:
        if source.startswith("https://") or source.startswith("http://"):
            request = Request(source, headers={"Accept": "application/ld+json"})  # http(s) only # noqa: S310
            with urlopen(request, timeout=30) as response:  # http(s) only, checked above # noqa: S310 # nosec B310
                return json.load(response)
        return json.loads(Path(source).read_text())
