"""The compliance rules: pure Python over the guide's and the nation's data, no Django."""
