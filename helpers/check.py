"""Does this machine draw and count exactly what is committed?

``python -m helpers.check build/check`` compares a run's ``figures/`` (SHA-256 against the
committed catalogue, ``helpers.figures.verify``) and ``tables/`` (byte for byte) with the
repository's, prints every difference by file name and exits with status 1 if there is one.
`make test` runs the notebooks into ``build/check`` and then this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers.figures import verify
from helpers.paths import REPO


def compare_tables(built: str | Path, committed: str | Path) -> list[str]:
    """Every CSV and the data dictionary in ``built`` that is not byte-identical to its
    namesake in ``committed``, or that only one of the folders has; empty when they agree.

    Input: two table folders. Output: one line per differing file.

    >>> compare_tables(REPO / "tables", REPO / "tables")
    []
    """
    built, committed = Path(built), Path(committed)

    def files(folder: Path) -> set[str]:
        names = {p.name for p in folder.glob("*.csv")} if folder.is_dir() else set()
        return names | ({"README.md"} if (folder / "README.md").exists() else set())

    problems = []
    for name in sorted(files(built) | files(committed)):
        ours, theirs = built / name, committed / name
        if not ours.exists():
            problems.append(f"{name}: in {committed} but not written to {built}")
        elif not theirs.exists():
            problems.append(f"{name}: written to {built} but not in {committed}")
        elif ours.read_bytes() != theirs.read_bytes():
            problems.append(
                f"{name}: differs from {theirs} from line {_first_difference(ours, theirs)}"
            )
    return problems


def _first_difference(a: Path, b: Path) -> int:
    lines_a, lines_b = a.read_bytes().split(b"\n"), b.read_bytes().split(b"\n")
    same = (n for n, (x, y) in enumerate(zip(lines_a, lines_b, strict=False), 1) if x != y)
    return next(same, min(len(lines_a), len(lines_b)) + 1)


def main(argv: list[str]) -> int:
    """``BUILT [COMMITTED]``: compare ``BUILT/figures`` and ``BUILT/tables`` with the committed
    folders (the repository's by default); print each difference; 1 if there is any."""
    if len(argv) not in (1, 2):
        print("usage: python -m helpers.check BUILT_FOLDER [COMMITTED_FOLDER]")
        return 2
    built, committed = Path(argv[0]), Path(argv[1]) if len(argv) == 2 else REPO
    problems = verify(built / "figures", committed / "figures")
    problems += compare_tables(built / "tables", committed / "tables")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} difference(s) between {built} and the committed figures and "
              "tables: this machine does not reproduce them")  # fmt: skip
    else:
        print(f"{built}: every figure matches its SHA-256 in the catalogue, every table its "
              "committed bytes")  # fmt: skip
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
