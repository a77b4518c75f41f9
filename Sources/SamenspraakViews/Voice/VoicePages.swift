import Foundation
import Plot
import SamenspraakCore

/// A school's recordings: per language it offers, how many of the script's texts have one.
public enum VoiceIndexPage {
    public struct Line: Equatable, Sendable {
        public var language: LanguageCode
        public var recorded: Int
        public var total: Int
        public init(language: LanguageCode, recorded: Int, total: Int) {
            self.language = language
            self.recorded = recorded
            self.total = total
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var lines: [Line]
        public init(shell: PageShell, schoolID: String, schoolName: String, lines: [Line]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.lines = lines
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text,
                  lines: [Line(language: .nl, recorded: 3, total: 61), Line(language: .ar, recorded: 0, total: 61)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let school = SchoolID(model.schoolID)
        return Layout.document(model.shell, title: t("voice.title"), main: .div(
            .h1(.plainText(t("voice.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: school).path), .plainText(model.schoolName))),
            .p(.plainText(t("voice.intro"))),
            .ul(.class("cards"), .forEach(model.lines) { line in
                .li(.h2(.a(.attr("href", SiteRoute.voiceLanguage(schoolID: school, language: LanguageSegment(line.language.rawValue)).path),
                           .attr("lang", line.language.rawValue), .plainText(line.language.endonym))),
                    .p(.plainText(t("voice.count", ["recorded": String(line.recorded), "total": String(line.total)]))))
            })
        ))
    }
}

/// Every text of the script in one language, part by part: the Dutch text, the language's own text, the current
/// recording with its length, a file upload (and, with JavaScript, recording in the browser), and for the lead a
/// delete button.
public enum VoiceLanguagePage {
    public struct Clip: Equatable, Sendable {
        public var source: String
        public var seconds: Double
        /// Made by a speech synthesiser (the demo's clips), not by a person.
        public var generated: Bool
        public init(source: String, seconds: Double, generated: Bool = false) {
            self.source = source
            self.seconds = seconds
            self.generated = generated
        }
    }

    public struct Entry: Equatable, Sendable {
        public var text: VoiceText
        public var dutch: String
        /// The text in the page's language; nil when the language has no written text for it (or is Dutch).
        public var written: String?
        public var clip: Clip?
        /// Why the last upload of this text was refused (a catalog key).
        public var error: String?
        public init(text: VoiceText, dutch: String, written: String?, clip: Clip?, error: String? = nil) {
            self.text = text
            self.dutch = dutch
            self.written = written
            self.clip = clip
            self.error = error
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var language: LanguageCode
        public var entries: [Entry]
        public var canDelete: Bool
        public var notice: String?
        public init(shell: PageShell, schoolID: String, schoolName: String, language: LanguageCode, entries: [Entry], canDelete: Bool,
                    notice: String? = nil) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.language = language
            self.entries = entries
            self.canDelete = canDelete
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text, language: .ar,
                  entries: [Entry(text: VoiceText(part: .survey, key: "item.k1_greet"), dutch: text, written: text, clip: Clip(source: text, seconds: 4.2)),
                            Entry(text: VoiceText(part: .rating, key: "rating.title"), dutch: text, written: text, clip: nil, error: text)],
                  canDelete: true, notice: "voice.saved")
        }
    }

    /// An id for a text's row, safe in an attribute and a fragment.
    public static func anchorID(_ text: VoiceText) -> String {
        "t-\(text.part.rawValue)-" + text.key.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let school = SchoolID(model.schoolID)
        let language = LanguageSegment(model.language.rawValue)
        let title = t("voice.language.title", ["language": model.language.endonym])
        return Layout.document(model.shell, title: title,
                               head: .element(named: "script", nodes: [.attr("src", SiteRoute.voiceRecorderScript.path), .attribute(named: "defer")]),
                               main: .div(
            .h1(.plainText(title)),
            .p(.class("lead"), .a(.attr("href", SiteRoute.voice(schoolID: school).path), .plainText(t("voice.back")))),
            .p(.plainText(t("voice.language.intro"))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .forEach(VoicePart.allCases) { part in
                let entries = model.entries.filter { $0.text.part == part }
                return .if(!entries.isEmpty, .section(
                    .attr("aria-labelledby", "part-\(part.rawValue)"),
                    .h2(.attr("id", "part-\(part.rawValue)"), .plainText(t("voice.part.\(part.rawValue)"))),
                    .forEach(entries) { entry in row(entry, model: model, school: school, language: language) }
                ))
            }
        ))
    }

    static func row(_ entry: Entry, model: Model, school: SchoolID, language: LanguageSegment) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let id = anchorID(entry.text)
        let part = VoicePartSegment(entry.text.part.rawValue), key = VoiceKeySegment(entry.text.key)
        let upload = SiteRoute.voiceRecording(schoolID: school, language: language, part: part, key: key).path
        return .div(
            .class("voice-text"), .attr("id", id),
            .p(.attr("id", "\(id)-nl"), .attr("lang", "nl"), .attr("dir", "ltr"), .plainText(entry.dutch)),
            .unwrap(entry.written) { text in
                .p(.attr("lang", model.language.rawValue), .attr("dir", model.language.isRightToLeft ? "rtl" : "ltr"), .plainText(text))
            },
            .unwrap(entry.error) { .p(.class("error"), .attr("id", "\(id)-error"), .attr("role", "alert"), .plainText(t($0))) },
            entry.clip.map { clip -> Node<HTML.BodyContext> in
                .div(.element(named: "audio", nodes: [.attr("class", "voice"), .attribute(named: "controls"), .attr("preload", "none"),
                                                     .attr("src", clip.source), .attr("aria-describedby", "\(id)-nl")]),
                     .p(.class("muted"), .plainText(t("voice.length", ["seconds": String(max(1, Int(clip.seconds.rounded())))])),
                        .if(clip.generated, .plainText(" " + t("voice.generated")))))
            } ?? .p(.class("muted"), .plainText(t("voice.none"))),
            .form(
                .method(.post), .attr("enctype", "multipart/form-data"), .attr("action", Forms.uploadAction(upload, token: model.shell.csrfToken)),
                .attr("data-upload", "1"),
                Forms.csrf(model.shell.csrfToken),
                .label(.attr("for", "\(id)-file"), .plainText(t("voice.file"))), .plainText(" "),
                .input(.attr("type", "file"), .attr("id", "\(id)-file"), .attr("name", "audio"), .attr("accept", "audio/*"), .flag("required"),
                       .attr("aria-describedby", entry.error == nil ? "\(id)-nl" : "\(id)-nl \(id)-error")),
                .plainText(" "),
                .button(.type(.submit), .plainText(t("voice.upload")))
            ),
            .div(
                .attr("class", "recorder"), .attribute(named: "hidden"), .attr("data-recorder", "1"),
                .attr("data-busy", t("voice.recording")), .attr("data-saving", t("voice.saving")), .attr("data-failed", t("voice.failed")),
                .attr("data-denied", t("voice.denied")),
                .button(.type(.button), .attr("data-record", "1"), .attr("aria-describedby", "\(id)-nl"), .plainText(t("voice.record"))),
                .plainText(" "),
                .button(.type(.button), .attr("data-stop", "1"), .attribute(named: "hidden"), .plainText(t("voice.stop"))),
                .element(named: "audio", nodes: [.attr("class", "voice"), .attribute(named: "controls"), .attr("data-preview", "1"),
                                                 .attribute(named: "hidden")]),
                .button(.type(.button), .attr("data-save", "1"), .attr("class", "primary"), .attribute(named: "hidden"), .plainText(t("voice.save"))),
                .plainText(" "),
                .button(.type(.button), .attr("data-discard", "1"), .attribute(named: "hidden"), .plainText(t("voice.discard"))),
                .span(.attr("data-status", "1"), .attr("role", "status"))
            ),
            .if(model.canDelete && entry.clip != nil, .form(
                .method(.post), .attr("action", SiteRoute.deleteVoiceRecording(schoolID: school, language: language, part: part, key: key).path),
                Forms.csrf(model.shell.csrfToken),
                .button(.type(.submit), .attr("aria-describedby", "\(id)-nl"), .plainText(t("voice.delete")))
            ))
        )
    }
}
