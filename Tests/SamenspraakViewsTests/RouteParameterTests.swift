import SamenspraakViews
import Testing

@Suite struct RouteParameterTests {
    @Test func a_route_registered_with_any_has_the_pattern_of_its_typed_parameters() {
        #expect(SiteRoute.wave(id: .any).pattern == ["staff", "waves", ":waveID"])
        #expect(SiteRoute.reportText(waveID: .any, textID: .any).pattern == ["staff", "waves", ":waveID", "texts", ":textID"])
        #expect(SiteRoute.draftPage(token: .any, page: .any).pattern == ["d", ":token", ":page"])
        #expect(SiteRoute.storiesForKey(key: .any).pattern == ["stories", "keys", ":key"])
        #expect(SiteRoute.language(.any).pattern == ["language", ":code"])
    }

    @Test func the_pattern_does_not_depend_on_the_values_a_link_carries() {
        let link = SiteRoute.momentText(momentID: "3f2c", ratingID: "77aa")
        #expect(link.path == "/staff/moments/3f2c/texts/77aa")
        #expect(link.pattern == SiteRoute.momentText(momentID: .any, ratingID: .any).pattern)
        #expect(SiteRoute.draftPage(token: "abc", page: PageNumber(3)).path == "/d/abc/3")
        #expect(SiteRoute.storiesForKey(key: KeyNumber(7)).path == "/stories/keys/7")
    }

    @Test func each_kind_of_parameter_carries_its_one_name() {
        #expect(WaveID.name == "waveID")
        #expect(SchoolID.name == "schoolID")
        #expect(PlanActionID.name == "actionID")
        #expect(LinkToken.name == "token")
        #expect(WaveID.any.rawValue == ":waveID")
    }
}
