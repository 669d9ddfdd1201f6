"""The content security policy as a browser enforces it: no page breaks a rule of its own
policy (a violation is reported on the page as a securitypolicyviolation event), the OpenAPI
page still draws its operations, and the print buttons still print."""

from __future__ import annotations

import pytest

VIOLATIONS = """() => {
  window.__violations = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    window.__violations.push(e.violatedDirective + " " + e.blockedURI));
}"""

PAGES = [
    "/",
    "/items/48",
    "/items/48/print",
    "/items/25/check",
    "/events/retirement",
    "/retirement",
    "/progress",
    "/booking/",
    "/booking/hall-3/",
    "/hall/hall-3/ticket/",
    "/hall/hall-3/",
    "/desk/login/",
    "/api/docs",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_breaks_its_content_security_policy(strict_phone, path):
    strict_phone.add_init_script(f"({VIOLATIONS})()")
    answer = strict_phone.goto(path)
    assert answer is not None and answer.status == 200
    assert "Content-Security-Policy" in {k.title() for k in answer.headers}
    strict_phone.wait_for_load_state("networkidle")
    if path == "/api/docs":
        strict_phone.wait_for_selector(".opblock", timeout=15_000)  # Swagger UI drew the operations
        strict_phone.locator(".opblock-summary").first.click()  # and opens one, with its schema
        strict_phone.wait_for_selector(".opblock-body", timeout=15_000)
        strict_phone.get_by_role("button", name="Try it out").first.click()
        strict_phone.wait_for_timeout(300)
    assert strict_phone.evaluate("window.__violations") == []


def test_an_inline_script_would_be_refused(strict_phone):
    """The policy is really enforced: a script added inline does not run, and is reported."""
    strict_phone.add_init_script(f"({VIOLATIONS})()")
    strict_phone.goto("/")
    strict_phone.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.__ran = true"; document.body.append(s); }"""
    )
    assert strict_phone.evaluate("window.__ran === undefined")
    assert any(v.startswith("script-src") for v in strict_phone.evaluate("window.__violations"))


def test_the_print_button_prints_without_inline_script(strict_phone):
    strict_phone.add_init_script("window.print = () => { window.__printed = true; }")
    strict_phone.goto("/items/48/print")
    strict_phone.get_by_role("button", name="打印本页").click()
    assert strict_phone.evaluate("window.__printed === true")
