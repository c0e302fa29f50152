"""Run the command line as ``python -m loopcoach``."""

from loopcoach.cli.main import main

if __name__ == "__main__":
    main()
