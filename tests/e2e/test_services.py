"""What every optional service shares in the popup: turned on, it has a row there; its site access taken away
in the browser, the row goes (and LinkedIn's stays)."""
import pytest

from notrain import grant_service, popup_tab, revoke_service
from service_support import popup_rows, wait_row


@pytest.mark.parametrize("service", ["chatgpt", "x", "claude"])
def test_turning_it_off_removes_the_popup_row(browser, browser_name, service):
    grant_service(browser, browser_name, service)
    with popup_tab(browser):
        wait_row(browser, service, "unknown", "Check now")
    revoke_service(browser, browser_name, service)
    with popup_tab(browser):
        rows = popup_rows(browser)
        assert service not in rows and "linkedin" in rows, rows
