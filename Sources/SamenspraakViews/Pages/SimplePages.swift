import Plot
import SamenspraakCore

/// The public front door. Later issues fill it with stories; for now it says what Samenspraak is.
public enum HomePage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public init(shell: PageShell) { self.shell = shell }
        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text, signedIn: false)
            return Model(shell: shell)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("home.title"), main: .div(
            .h1(.plainText(t("home.title"))),
            .p(.class("lead"), .plainText(t("home.intro"))),
            .p(.a(.class("button"), .attr("href", SiteRoute.login.path), .plainText(t("home.staff_sign_in")))),
            .p(.a(.attr("href", SiteRoute.stories.path), .plainText(t("home.stories_link"))))
        ))
    }
}

/// A friendly page for 403, 404, 413, 500 and the rest, in the person's language, without internals.
public enum ErrorPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var status: Int
        /// A catalog key family that explains this error better than its status does (e.g. `error.csrf`).
        public var reason: String?
        public init(shell: PageShell, status: Int, reason: String? = nil) {
            self.shell = shell
            self.status = status
            self.reason = reason
        }
        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, status: 404)
        }
    }

    /// The catalog key family for a status: known ones have their own words, others share a general text.
    static func key(for status: Int) -> String {
        switch status {
        case 400, 403, 404, 405, 413, 422, 429: "error.\(status)"
        case 500...599: "error.500"
        default: "error.other"
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let key = model.reason ?? key(for: model.status)
        return Layout.document(model.shell, title: t("\(key).title"), main: .div(
            .h1(.plainText(t("\(key).title"))),
            .p(.plainText(t("\(key).text"))),
            .p(.class("muted"), .plainText(t("error.code", ["code": String(model.status)]))),
            .p(.a(.attr("href", model.shell.person == nil ? SiteRoute.home.path : SiteRoute.staffHome.path),
                  .plainText(t("error.back"))))
        ))
    }
}
