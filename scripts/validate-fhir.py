#!/usr/bin/env python3
"""Parses every FHIR document a test run wrote with the `fhir.resources` package (FHIR R4B models,
which read R4 Task, ServiceRequest, Consent, Patient, Practitioner and Bundle as R4 writes them),
and fails on any error.

    scripts/validate-fhir.py [--allow-empty] [DIRECTORY]

DIRECTORY defaults to $CLOSELOOP_FHIR_OUTPUT_DIR, else .build/artifacts/fhir (where
Tests/TestSupport/FHIROutput.swift writes). Each file is validated as its resourceType; a Bundle's
entries are also validated one by one as their own resourceType, so an entry is checked against
its own model whatever the Bundle model does with it. Prints the counts; exits 1 on any error and
when there is nothing to validate (a whole run that wrote no FHIR did not run the FHIR tests);
--allow-empty accepts that (scripts/test passes it for a --filter run).
"""
import json
import os
import pathlib
import sys
from collections import Counter

try:
    from fhir.resources.R4B import get_fhir_model_class
except ImportError:  # pragma: no cover - the message is the point
    sys.exit("validate-fhir: the fhir.resources package is missing (python3 -m pip install fhir.resources)")


# The models check structure, types, cardinality and value patterns, not value sets; these codes
# have FHIR R4 bindings of strength "required", so anything else is an error too.
REQUIRED_CODES = {
    ("Task", "status"): {"draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress",
                         "on-hold", "failed", "completed", "entered-in-error"},
    ("Task", "intent"): {"unknown", "proposal", "plan", "order", "original-order", "reflex-order", "filler-order",
                         "instance-order", "option"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order",
                                   "instance-order", "option"},
    ("Consent", "status"): {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"},
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch", "batch-response", "history",
                         "searchset", "collection"},
}


def validate(resource, where, counts, errors):
    kind = resource.get("resourceType")
    if not kind:
        errors.append(f"{where}: no resourceType")
        return
    try:
        get_fhir_model_class(kind).model_validate(resource)
    except Exception as error:  # pydantic.ValidationError, KeyError for an unknown type
        errors.append(f"{where} ({kind}): {error}")
        return
    for (bound_kind, element), codes in REQUIRED_CODES.items():
        if bound_kind == kind and element in resource and resource[element] not in codes:
            errors.append(f"{where} ({kind}): {element} '{resource[element]}' is not in its required value set")
            return
    counts[kind] += 1


def main():
    default = os.environ.get("CLOSELOOP_FHIR_OUTPUT_DIR") or ".build/artifacts/fhir"
    arguments = sys.argv[1:]
    allow_empty = "--allow-empty" in arguments
    arguments = [argument for argument in arguments if argument != "--allow-empty"]
    directory = pathlib.Path(arguments[0] if arguments else default)
    files = sorted(directory.glob("*.json")) if directory.is_dir() else []
    if not files:
        print(f"validate-fhir: no FHIR documents in {directory}")
        sys.exit(0 if allow_empty else 1)
    counts, errors = Counter(), []
    for path in files:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            errors.append(f"{path.name}: not JSON: {error}")
            continue
        validate(document, path.name, counts, errors)
        for index, entry in enumerate(document.get("entry", []) if document.get("resourceType") == "Bundle" else []):
            validate(entry.get("resource", {}), f"{path.name} entry[{index}]", counts, errors)
    summary = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    print(f"validate-fhir: {len(files)} documents, {sum(counts.values())} resources valid ({summary}); {len(errors)} errors")
    for error in errors:
        print(f"  {error}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
