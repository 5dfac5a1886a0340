#!/usr/bin/env python3
"""Validates every HSDS 3.1 response the test run kept against the Open Referral schemas.

The tests (Tests/ServerTests/HSDSAPITests) write each /hsds/ body they read to
$CLOSELOOP_HSDS_RESPONSES_DIR (default .build/artifacts/hsds-responses), named
`<kind>--<backend>-<uri>.json` (or .ndjson). Each is validated with `jsonschema` against the
shared spec's schemas (shared/specs/hsds-3.1/schema, found by looking up from this repository
the way the tests find shared/feeds), `$ref`s resolved to the sibling schema files, formats
checked where jsonschema can (uuid, email, date-time with rfc3339-validator). Lists are the
openapi.json Page object with their items checked against the list schema; records an API nests
beyond a schema's own properties (a service_at_location's `service`, an organization's
`services`) are checked against theirs too. Prints counts; exits 1 on any error.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

try:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012
except ImportError:
    print("Installing jsonschema (PyPI) for the HSDS response validation")
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "--break-system-packages", "jsonschema"], stdin=subprocess.DEVNULL)
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

REPO = Path(__file__).resolve().parent.parent


def find_schema_dir() -> Path:
    for directory in [REPO, *REPO.parents]:
        candidate = directory / "shared" / "specs" / "hsds-3.1" / "schema"
        if candidate.is_dir():
            return candidate
    sys.exit("validate-hsds-responses: shared/specs/hsds-3.1/schema not found beside the repository")


SCHEMAS = find_schema_dir()


def load(name):
    return json.loads((SCHEMAS / name).read_text())


def registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name == "openapi.json":
            continue
        # The schemas declare no $schema; they are read as draft 2020-12, as openapi.json (3.1) implies.
        resources.append((path.name, Resource(contents=json.loads(path.read_text()), specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = registry()
FORMATS = jsonschema.Draft202012Validator.FORMAT_CHECKER


def validator(schema):
    return jsonschema.Draft202012Validator(schema, registry=REGISTRY, format_checker=FORMATS)


PAGE = load("openapi.json")["components"]["schemas"]["Page"]
PAGE_REQUIRED = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]
RECORD = {name: validator(load(f"{name}.json")) for name in
          ["service", "organization", "location", "service_at_location", "taxonomy", "taxonomy_term"]}
LIST = {name: validator(load(f"compiled/{name}_list.json")) for name in ["service", "organization", "service_at_location"]}
PAGE_VALIDATOR = validator({**PAGE, "required": PAGE_REQUIRED})
ABOUT = validator({"type": "object", "required": ["version", "profile", "openapi_url"],
                   **load("openapi.json")["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]})

# kind -> (is a page, validator of each record)
KINDS = {
    "about": (False, ABOUT),
    "service_page": (True, LIST["service"]),
    "service_minimal_page": (True, LIST["service"]),
    "service_full_page": (True, RECORD["service"]),
    "service": (False, RECORD["service"]),
    "service_ndjson": (None, LIST["service"]),
    "organization_page": (True, LIST["organization"]),
    "organization_full_page": (True, RECORD["organization"]),
    "organization": (False, RECORD["organization"]),
    "service_at_location_page": (True, LIST["service_at_location"]),
    "service_at_location": (False, RECORD["service_at_location"]),
    "taxonomy_page": (True, RECORD["taxonomy"]),
    "taxonomy": (False, RECORD["taxonomy"]),
    "taxonomy_term_page": (True, RECORD["taxonomy_term"]),
    "taxonomy_term": (False, RECORD["taxonomy_term"]),
}


def nested(record):
    """Records the API nests where the schema has no property for them."""
    if isinstance(record, dict):
        if isinstance(record.get("service"), dict):
            yield "service", RECORD["service"], record["service"]
        for service in record.get("services") or []:
            yield "services[]", RECORD["service"], service


def errors_of(check, record, where):
    found = [f"{where}: {'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in check.iter_errors(record)]
    for name, inner, value in nested(record):
        found += errors_of(inner, value, f"{where} {name}")
    return found


def main():
    directory = Path(os.environ.get("CLOSELOOP_HSDS_RESPONSES_DIR") or REPO / ".build" / "artifacts" / "hsds-responses")
    files = sorted(directory.glob("*--*")) if directory.is_dir() else []
    if not files:
        print(f"HSDS responses: none in {directory} (the HSDS tests did not run): nothing to validate")
        return 0
    counts, records, errors = {}, 0, []
    for path in files:
        kind = path.name.split("--", 1)[0]
        if kind not in KINDS:
            errors.append(f"{path.name}: unknown kind '{kind}'")
            continue
        is_page, check = KINDS[kind]
        counts[kind] = counts.get(kind, 0) + 1
        text = path.read_text()
        try:
            if is_page is None:
                bodies = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                bodies = [json.loads(text)]
        except json.JSONDecodeError as error:
            errors.append(f"{path.name}: not JSON: {error}")
            continue
        for body in bodies:
            if is_page:
                errors += errors_of(PAGE_VALIDATOR, body, f"{path.name} (page)")
                items = body.get("contents") or []
            else:
                items = [body]
            for index, item in enumerate(items):
                records += 1
                errors += errors_of(check, item, f"{path.name}[{index}]" if is_page is not False else path.name)
    print(f"HSDS responses: {len(files)} files, {records} records validated against {SCHEMAS}")
    for kind in sorted(counts):
        print(f"  {kind}: {counts[kind]} files")
    for error in errors[:50]:
        print(f"  ERROR {error}")
    print(f"HSDS responses: {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
