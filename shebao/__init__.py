"""shebao — the compliant service system of the Dalian Social Insurance Service Center."""

__version__ = "0.1.0"
