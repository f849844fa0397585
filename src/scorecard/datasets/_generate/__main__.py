"""``python -m scorecard.datasets._generate``: rewrite the bundled synthetic example table."""

from scorecard.datasets._generate import main

if __name__ == "__main__":
    raise SystemExit(main())
