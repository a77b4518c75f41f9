import Plot
import SamenspraakCore
import Testing
@testable import SamenspraakViews

@Suite struct LayoutTests {
    func shell(_ language: LanguageCode) -> PageShell {
        let catalog = Catalog(language: language, entries: ["layout.skip": "skip-\(language.rawValue)"])
        return PageShell(t: Localizer(catalog: catalog, fallback: catalog), csrfToken: "t", currentPath: "/login")
    }

    @Test func arabic_pages_are_right_to_left() {
        let html = HomePage.view(.init(shell: shell(.ar))).render()
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("skip-ar"))
    }

    @Test func public_stories_pages_name_the_atom_feed_in_their_head_and_staff_pages_do_not() throws {
        let link = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"stories.title\" href=\"/stories/feed.atom\"/>"
        var shell = shell(.nl)
        shell.t = .keys
        for html in [StoriesHomePage.view(.init(shell: shell, newest: [], keyNames: [:], counts: [:])).render(),
                     StoryListPage.view(.init(shell: shell, title: "Sleutel 9", intro: nil, cards: [], keyNames: [:])).render(),
                     StoryPage.view(.mock(text: "Vaders")).render()] {
            let head = try #require(html.components(separatedBy: "</head>").first)
            #expect(head.contains(link))
        }
        #expect(!HomePage.view(.init(shell: shell)).render().contains("application/atom+xml"))
    }

    @Test func dutch_pages_are_left_to_right() {
        let html = HomePage.view(.init(shell: shell(.nl))).render()
        #expect(html.contains("<html lang=\"nl\" dir=\"ltr\">"))
    }

    @Test func language_switch_links_back_to_the_current_page_in_each_language() {
        let html = LoginPage.view(.init(shell: shell(.nl))).render()
        #expect(html.contains("href=\"/language/en?back=/login\""))
        #expect(html.contains("<span aria-current=\"true\" lang=\"nl\">Nederlands</span>"))
    }

    @Test func signed_in_header_has_a_post_sign_out_form() {
        var shell = shell(.nl)
        shell.person = .init(name: "An", role: .lead)
        let html = HomePage.view(.init(shell: shell)).render()
        #expect(html.contains("<form method=\"post\" action=\"/logout\""))
        #expect(!html.contains("href=\"/staff/trajectories\""), "a lead gets no trajectory link")
    }

    @Test func form_fields_keep_values_and_link_their_errors() {
        let model = SchoolFormPage.Model(shell: shell(.nl), mode: .create(trajectoryID: "t1"), trajectoryName: "T",
                                         draft: SchoolDraft(name: "", levels: [], families: "120", languages: ["nl", "ar"]),
                                         errors: ["name": "error.required"])
        let html = SchoolFormPage.view(model).render()
        #expect(html.contains("value=\"120\""))
        #expect(html.contains("aria-invalid=\"true\" aria-describedby=\"name-error\""))
        #expect(html.contains("<p class=\"error\" id=\"name-error\">error.required</p>"))
        #expect(html.contains("id=\"languages-ar\" name=\"languages[]\" value=\"ar\" checked"))
        #expect(!html.contains("id=\"languages-fr\" name=\"languages[]\" value=\"fr\" checked"))
    }

    @Test func password_fields_never_echo_a_value() {
        let html = LoginPage.view(.init(shell: shell(.nl), email: "an@school.be")).render()
        #expect(html.contains("value=\"an@school.be\""))
        #expect(html.contains("type=\"password\" id=\"password\" name=\"password\" autocomplete"))
    }

    @Test func current_phase_is_marked_for_screen_readers() {
        let start = Day(year: 2026, month: 9, day: 1), end = Day(year: 2026, month: 12, day: 18)
        let model = TrajectoryShowPage.Model(shell: shell(.nl), id: "t", name: "T", starts: start, ends: end,
                                             today: Day(year: 2026, month: 9, day: 2),
                                             phases: Timeline.defaultPhases(from: start, to: end), schools: [])
        let html = TrajectoryShowPage.view(model).render()
        #expect(html.components(separatedBy: "aria-current=\"step\"").count == 2)
        #expect(html.contains("<li class=\"phase now\" aria-current=\"step\"><h3>phase.workshop</h3>"))
    }
}

@Suite struct SiteRouteTests {
    @Test func paths_and_patterns_agree() {
        #expect(SiteRoute.school(id: "abc").path == "/staff/schools/abc")
        #expect(SiteRoute.school(id: "x").pattern == ["staff", "schools", ":schoolID"])
        #expect(SiteRoute.invitation(token: "x").pattern == ["invite", ":token"])
        #expect(SiteRoute.home.pattern == [])
    }

    @Test func query_values_are_percent_encoded() {
        #expect(SiteRoute.login.with(query: "next", "/staff/schools/a?x=1&y=2") == "/login?next=/staff/schools/a%3Fx%3D1%26y%3D2")
    }

    @Test(arguments: ["/staff", "/staff/schools/a?saved=1"])
    func local_paths_are_allowed(_ path: String) {
        #expect(SiteRoute.isLocalPath(path))
    }

    @Test(arguments: ["https://evil.example", "//evil.example", "/\\evil.example", "staff", "", "/a b"])
    func other_hosts_are_refused_as_redirect_targets(_ path: String) {
        #expect(!SiteRoute.isLocalPath(path))
    }
}
