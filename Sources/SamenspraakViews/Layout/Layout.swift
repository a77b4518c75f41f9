import Plot
import SamenspraakCore

/// The document around every page: language and direction, header, main landmark, footer.
public enum Layout {
    /// `head` adds to the document's head what only some pages carry (such as the stories' feed link).
    public static func document(_ shell: PageShell, title: String, head: Node<HTML.HeadContext> = .empty,
                                main: Node<HTML.BodyContext>) -> HTML {
        let t = shell.t
        return HTML(
            .attr("lang", shell.language.rawValue),
            .attr("dir", shell.language.isRightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · Samenspraak"),
                .link(.rel(.stylesheet), .attr("href", SiteRoute.stylesheet.path)),
                head
            ),
            .body(
                .a(.class("skip"), .href("#main"), .plainText(t("layout.skip"))),
                .header(
                    .class("site"),
                    .a(.class("brand"), .attr("href", shell.person == nil ? SiteRoute.home.path : SiteRoute.staffHome.path),
                       .plainText("Samenspraak")),
                    navigation(shell)
                ),
                .main(.id("main"), .attr("tabindex", "-1"), main),
                .footer(
                    .class("site"),
                    languageSwitch(shell),
                    .p(.plainText(t("layout.footer")))
                )
            )
        )
    }

    static func navigation(_ shell: PageShell) -> Node<HTML.BodyContext> {
        let t = shell.t
        guard let person = shell.person else {
            return .nav(.attr("aria-label", t("layout.nav")),
                        .a(.attr("href", SiteRoute.login.path), .plainText(t("layout.sign_in"))))
        }
        return .nav(
            .attr("aria-label", t("layout.nav")),
            .ul(
                .if(person.role == .coordinator,
                    .li(.a(.attr("href", SiteRoute.trajectories.path), .plainText(t("nav.trajectories"))))),
                .if(person.role == .coordinator,
                    .li(.a(.attr("href", SiteRoute.coordinators.path), .plainText(t("nav.coordinators"))))),
                .if(person.role == .coordinator,
                    .li(.a(.attr("href", SiteRoute.languages.path), .plainText(t("nav.languages"))))),
                .li(.a(.attr("href", SiteRoute.accountPassword.path), .plainText(t("nav.password")))),
                .li(.span(.class("who"), .plainText("\(person.name) · \(t("role.\(person.role.rawValue)"))"))),
                .li(.form(
                    .method(.post), .attr("action", SiteRoute.logout.path), .class("inline"),
                    Forms.csrf(shell.csrfToken),
                    .button(.type(.submit), .class("link"), .plainText(t("layout.sign_out")))
                ))
            )
        )
    }

    static func languageSwitch(_ shell: PageShell) -> Node<HTML.BodyContext> {
        guard !shell.languages.isEmpty else { return .empty }
        return .nav(
            .class("languages"), .attr("aria-label", shell.t("layout.language")),
            .ul(.forEach(shell.languages) { language in
                .li(language == shell.language
                    ? .span(.attr("aria-current", "true"), .attr("lang", language.rawValue), .plainText(language.endonym))
                    : .a(.attr("href", SiteRoute.language(LanguageSegment(language.rawValue)).with(query: "back", shell.currentPath)),
                         .attr("lang", language.rawValue), .attr("hreflang", language.rawValue),
                         .plainText(language.endonym)))
            })
        )
    }
}
