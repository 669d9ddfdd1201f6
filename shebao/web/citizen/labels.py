"""Short names people use for the catalog's categories, as the home page lists them."""

from __future__ import annotations

# The catalog's own category names (import_rules.yaml) → the everyday name on the home page.
CATEGORY_SHORT = {
    "企业养老保险": "企业养老",
    "工伤保险": "工伤",
    "失业保险": "失业",
    "城乡居民养老保险": "城乡居民养老",
    "机关事业养老保险": "机关事业养老",
    "社会保障卡": "社保卡",
    "劳动人事争议仲裁": "劳动仲裁",
}
# The order the home page shows them in: the most asked first.
CATEGORY_ORDER = tuple(CATEGORY_SHORT)


def short_category(name: str) -> str:
    return CATEGORY_SHORT.get(name, name)


def category_named(text: str, categories: tuple[str, ...]) -> str | None:
    """The catalog category for its own name or its short name; None when there is none."""
    if text in categories:
        return text
    return next((full for full, short in CATEGORY_SHORT.items() if short == text), None)
