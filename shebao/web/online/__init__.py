"""网上办: online applications with uploaded materials, reviewed by staff, decided by the rules."""
