"""Pipeline step 1, prep: stage the training data and fingerprint it.

Copies the ``data`` input (a file, a folder, or a ``.zip`` that is unpacked) into the ``prepared``
output, and writes ``prep.json`` (a sha256 over every file's path and bytes) into the ``stats``
output. Training reads ``prepared``; the evaluation gate compares a candidate with the champion
only as "measured on the same held-out data" when their fingerprints match.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import zipfile
from pathlib import Path


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Stage and fingerprint the training data.")
    parser.add_argument("--data", required=True, help="file, folder or .zip (the data asset)")
    parser.add_argument("--output", required=True, help="folder for the prepared data")
    parser.add_argument("--stats", required=True, help="folder for prep.json")
    return parser.parse_args(argv)


def stage(source: Path, target: Path) -> None:
    """Copy (or unpack) ``source`` into the existing or new folder ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for member in archive.namelist():
                # Refuse entries that would land outside the target (zip slip).
                if not (target / member).resolve().is_relative_to(target.resolve()):
                    raise ValueError(f"unsafe path in {source.name}: {member}")
            archive.extractall(target)
    elif source.is_file():
        shutil.copy2(source, target / source.name)
    else:
        raise FileNotFoundError(f"--data {source} does not exist")


def fingerprint(folder: Path) -> tuple[str, int, int]:
    """sha256 over the sorted relative paths and contents: (hex digest, files, bytes)."""
    digest = hashlib.sha256()
    files = total = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        data = path.read_bytes()
        digest.update(hashlib.sha256(data).digest())
        files += 1
        total += len(data)
    return digest.hexdigest(), files, total


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    output = Path(args.output)
    stage(Path(args.data), output)
    digest, files, total = fingerprint(output)
    if files == 0:
        raise ValueError(f"--data {args.data} holds no files")
    stats = {"data_fingerprint": digest, "files": files, "bytes": total}
    Path(args.stats).mkdir(parents=True, exist_ok=True)
    (Path(args.stats) / "prep.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats))
    return stats


if __name__ == "__main__":
    main()
