"""``python -m scorecard.datasets.generate``: rewrite the bundled synthetic example table."""

from scorecard.datasets.generate import main

if __name__ == "__main__":
    raise SystemExit(main())
