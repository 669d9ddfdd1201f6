"""`python -m shebao` runs the CLI."""

import sys

from shebao.cli import main

sys.exit(main())
