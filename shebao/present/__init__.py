"""The one place a result becomes a JSON-ready dict or a Chinese sentence."""
