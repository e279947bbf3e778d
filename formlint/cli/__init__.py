"""Command-line interface (click). Commands are imported only when run, to keep start-up fast."""
