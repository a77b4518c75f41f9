import Plot
import SamenspraakCore

/// The frame of a parent's page: small, no staff menu, the parent's language and direction, and nothing
/// loaded from anywhere else. The read-aloud script is optional: every page works without it.
public enum ParentLayout {
    /// `spoken`: the page is in a spoken-only language: its Dutch texts are shown small beside the recordings.
    public static func document(language: LanguageCode, title: String, schoolName: String?, readAloud: Bool = false,
                                spoken: Bool = false, main: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .attr("lang", language.rawValue),
            .attr("dir", language.isRightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: schoolName.map { "\(title) · \($0)" } ?? title),
                .link(.rel(.stylesheet), .attr("href", SiteRoute.stylesheet.path)),
                .if(readAloud, .element(named: "script", nodes: [.attr("src", SiteRoute.readAloudScript.path), .attribute(named: "defer")]))
            ),
            .body(
                .attr("class", spoken ? "parent spoken" : "parent"),
                .unwrap(schoolName) { .header(.class("parent-head"), .p(.plainText($0))) },
                .main(.id("main"), main)
            )
        )
    }

    /// A read-aloud button for the text of element `targetID`. Hidden until the script finds a voice for the language.
    public static func readAloudButton<C: HTML.BodyContext>(targetID: String, label: String) -> Node<C> {
        .button(.type(.button), .class("speak"), .attr("data-speak", targetID), .attribute(named: "hidden"),
                .plainText(label))
    }
}

/// The five answers, each a drawn face with its written label (the picture alone is never the only cue).
public enum Faces {
    /// 4 = very happy … 1 = very unhappy; 0 = "I don't know / not for me".
    public static let order = [4, 3, 2, 1, 0]

    public static func svg<C: HTML.BodyContext>(_ value: Int) -> Node<C> {
        let mouth: String = switch value {
        case 4: "M10 21q6 7 12 0"
        case 3: "M11 21q5 3 10 0"
        case 2: "M11 23q5 -3 10 0"
        case 1: "M10 24q6 -7 12 0"
        default: ""
        }
        let shapes: [Node<C>] = value == 0
            ? [.element(named: "path", nodes: [.attr("d", "M12.5 12.5q0-4 3.5-4t3.5 3.5q0 2.5-3.5 3.5v3M16 22.5v1.5"),
                                               .attr("fill", "none"), .attr("stroke", "currentColor"), .attr("stroke-width", "2.2"),
                                               .attr("stroke-linecap", "round")])]
            : [.element(named: "circle", nodes: [.attr("cx", "12"), .attr("cy", "13"), .attr("r", "1.8"), .attr("fill", "currentColor")]),
               .element(named: "circle", nodes: [.attr("cx", "20"), .attr("cy", "13"), .attr("r", "1.8"), .attr("fill", "currentColor")]),
               .element(named: "path", nodes: [.attr("d", mouth), .attr("fill", "none"), .attr("stroke", "currentColor"),
                                               .attr("stroke-width", "2.2"), .attr("stroke-linecap", "round")])]
        return .element(named: "svg", nodes: [
            .attr("class", "face f\(value)"), .attr("viewBox", "0 0 32 32"), .attr("width", "40"), .attr("height", "40"),
            .attr("aria-hidden", "true"), .attr("focusable", "false"),
            .element(named: "circle", nodes: [.attr("cx", "16"), .attr("cy", "16"), .attr("r", "14"), .attr("fill", "none"),
                                              .attr("stroke", "currentColor"), .attr("stroke-width", "2")]),
            .group(shapes),
        ])
    }
}
