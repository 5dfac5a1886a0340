#!/usr/bin/env python3
"""Validates Closeloop's HSDS 3.1 CSV export with frictionless against the SHARED HSDS 3.1 package.

    python3 scripts/validate-hsds-csv.py [--closeloop PATH] [--spec PATH/datapackage.json]

Exports two directories with the real `closeloop` binary, each from a fresh SQLite store:
  - demo:  `closeloop seed` (the seeded demo directory), then `closeloop export --format hsds-csv`;
  - bc211: `closeloop import` of the real BC 211 AIRS excerpt (shared/feeds), then the export.
Each export's CSVs are copied next to a copy of the spec's own datapackage.json (never the one the
export writes) and validated as one package, foreign keys included. Prints, per export, the files,
the rows and the errors; exits 1 on any error.

The spec's package declares two resources frictionless refuses as schemas (service_capacity: primary
key `id` not among its fields `service_id, unit_id`; unit: no field at all), and a package holding a
refused schema is not validated at all ("schema-error", zero tasks). They are left out of the copy,
and said so on every run; nothing else of the descriptor is changed. frictionless comes from PyPI
(scripts/test installs it).
"""
import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_shared(relative):
    """shared/<relative>, looking up from the repository (it sits beside it or its worktrees)."""
    directory = REPO
    while True:
        candidate = directory / "shared" / relative
        if candidate.exists():
            return candidate
        if directory.parent == directory:
            return None
        directory = directory.parent


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"validate-hsds-csv: {' '.join(map(str, command))} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


def export(closeloop, work, name, fill):
    """A fresh store filled by `fill(db)`, exported to work/name; returns the export folder."""
    db = work / f"{name}.sqlite"
    fill(str(db))
    folder = work / name
    print(run([closeloop, "export", "--format", "hsds-csv", str(folder), "--db", str(db)]).strip())
    return folder


def refused_resources(descriptor):
    """Resources whose schema frictionless refuses, with its reason."""
    from frictionless import Schema

    refused = {}
    for resource in descriptor["resources"]:
        errors = Schema.validate_descriptor(resource.get("schema", {})).errors
        if errors:
            refused[resource["name"]] = "; ".join(error.note for error in errors)
    return refused


def validate(folder, descriptor, refused):
    """Copies the export's CSVs beside the spec's descriptor (minus refused resources) and validates."""
    from frictionless import Package, system

    checked = copy.deepcopy(descriptor)
    checked["resources"] = [r for r in checked["resources"] if r["name"] not in refused]
    with tempfile.TemporaryDirectory(prefix="hsds-csv-check-") as check:
        check = Path(check)
        missing = []
        rows = 0
        for resource in checked["resources"]:
            source = folder / resource["path"]
            if not source.exists():
                missing.append(resource["path"])
                continue
            shutil.copy(source, check / resource["path"])
            with open(source, newline="", encoding="utf-8") as handle:
                rows += max(0, sum(1 for _ in handle) - 1)
        (check / "datapackage.json").write_text(json.dumps(checked))
        with system.use_context(trusted=True):
            report = Package(str(check / "datapackage.json")).validate()
        errors = [f"missing file {path} (the spec's package lists it)" for path in missing]
        for task in report.tasks:
            for error in task.errors:
                errors.append(f"{task.name} row {getattr(error, 'row_number', '-')} field {getattr(error, 'field_name', '-')}: {error.type}: {error.note}")
        for error in report.errors:
            errors.append(f"package: {error.type}: {error.note}")
        return len(checked["resources"]) - len(missing), rows, errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--closeloop", help="the closeloop binary (default: swift build --show-bin-path)/closeloop")
    parser.add_argument("--spec", help="the HSDS 3.1 datapackage.json (default: shared/specs/hsds-3.1/datapackage.json)")
    args = parser.parse_args()

    closeloop = args.closeloop
    if not closeloop:
        bin_path = run(["swift", "build", "--show-bin-path"]).strip()
        closeloop = os.path.join(bin_path, "closeloop")
    if not os.access(closeloop, os.X_OK):
        sys.exit(f"validate-hsds-csv: no closeloop binary at {closeloop} (run swift build first)")
    spec = Path(args.spec) if args.spec else find_shared("specs/hsds-3.1/datapackage.json")
    if not spec or not spec.exists():
        sys.exit("validate-hsds-csv: the shared HSDS 3.1 datapackage.json is not beside the repository")
    excerpt = find_shared("feeds/bc211-airs-excerpt/BC211_data_excerpt.xml")
    if not excerpt:
        sys.exit("validate-hsds-csv: shared/feeds/bc211-airs-excerpt is not beside the repository")
    try:
        import frictionless  # noqa: F401
    except ImportError:
        sys.exit("validate-hsds-csv: frictionless is not installed (python3 -m pip install frictionless)")

    descriptor = json.loads(spec.read_text())
    refused = refused_resources(descriptor)
    for name, reason in sorted(refused.items()):
        print(f"spec package: resource '{name}' not validated: frictionless refuses its schema ({reason})")

    total_errors = 0
    with tempfile.TemporaryDirectory(prefix="hsds-csv-export-") as work:
        work = Path(work)
        seed_dir = REPO / "seed"
        exports = {
            "demo": lambda db: run([closeloop, "seed", "--seed-dir", str(seed_dir), "--db", db]),
            "bc211": lambda db: run([closeloop, "import", str(excerpt), "--db", db]),
        }
        for name, fill in exports.items():
            folder = export(closeloop, work, name, fill)
            files, rows, errors = validate(folder, descriptor, refused)
            total_errors += len(errors)
            print(f"hsds-csv {name}: {files} files, {rows} rows, {len(errors)} errors (frictionless against {spec})")
            for error in errors[:30]:
                print(f"  {error}")
            if len(errors) > 30:
                print(f"  … and {len(errors) - 30} more")
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
