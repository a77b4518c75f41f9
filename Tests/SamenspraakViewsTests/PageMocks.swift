import Plot
import SamenspraakCore
@testable import SamenspraakViews

/// Every page of the site, rendered from a mock whose strings are all `text`.
/// A new page must be added here, so the hostile-input and budget tests cover it.
enum PageMocks {
    static func all(text: String) -> [(name: String, html: HTML)] {
        [
            ("home", HomePage.view(.mock(text: text))),
            ("error", ErrorPage.view(.mock(text: text))),
            ("login", LoginPage.view(.mock(text: text))),
            ("setup", SetupPage.view(.mock(text: text))),
            ("password", PasswordPage.view(.mock(text: text))),
            ("trajectories", TrajectoryListPage.view(.mock(text: text))),
            ("trajectory-form", TrajectoryFormPage.view(.mock(text: text))),
            ("trajectory", TrajectoryShowPage.view(.mock(text: text))),
            ("school-form", SchoolFormPage.view(.mock(text: text))),
            ("school", SchoolShowPage.view(.mock(text: text))),
            ("staff", SchoolStaffPage.view(.mock(text: text))),
            ("invitation-issued", InvitationIssuedPage.view(.mock(text: text))),
            ("accept-invitation", AcceptInvitationPage.view(.mock(text: text))),
        ]
    }
}
