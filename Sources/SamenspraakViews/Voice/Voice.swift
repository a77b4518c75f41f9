import Plot
import SamenspraakCore

/// The recordings a parent page can play: for each recorded text's catalog key, the address of its clip. Empty
/// when the school recorded nothing in the page's language (then the read-aloud buttons stay).
public struct Voice: Equatable, Sendable {
    public var sources: [String: String]
    /// The spoken-only language the recordings are in, when the page is in one: the page then shows the Dutch texts
    /// small and plays every text (`<html lang>` stays the language of what is written, Dutch).
    public var spoken: LanguageCode?

    public init(_ sources: [String: String] = [:], spoken: LanguageCode? = nil) {
        self.sources = sources
        self.spoken = spoken
    }

    public static let none = Voice()

    public func source(_ key: String) -> String? { sources[key] }

    public static func mock(text: String) -> Voice { Voice(["item.k1_greet": text, "survey.title": text, "rating.title": text, "card.title": text]) }
}

extension ParentLayout {
    /// "Listen" in the page's language, from the parent catalog its texts come from.
    public static func listenLabel(_ t: Questionnaire.Texts) -> String {
        t.entries["survey.listen"] ?? t.entries["card.listen"] ?? t.entries["rating.listen"] ?? "Listen"
    }

    /// A play button for the recording of `key`, if the school made one: an `<audio>` element that loads nothing until
    /// the parent presses play, named "Listen: …" with the text it speaks. Works without JavaScript.
    public static func listen<C: HTML.BodyContext>(_ voice: Voice, key: String, text: String, label: String) -> Node<C> {
        guard let source = voice.source(key) else { return .empty }
        return .element(named: "audio", nodes: [
            .attr("class", "voice"), .attribute(named: "controls"), .attr("preload", "none"), .attr("src", source),
            .attr("aria-label", "\(label): \(text)"),
        ])
    }

    /// The recording of `key` where there is one; otherwise the read-aloud button for element `targetID`.
    public static func listenOrReadAloud<C: HTML.BodyContext>(_ voice: Voice, key: String, text: String, label: String,
                                                             targetID: String, readAloudLabel: String) -> Node<C> {
        voice.source(key) == nil ? readAloudButton(targetID: targetID, label: readAloudLabel) : listen(voice, key: key, text: text, label: label)
    }
}
