import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A school's recordings of the parent texts: its lead and team members record or upload them per language (the
/// coordinator does not speak for a school); only the lead deletes one.
struct VoiceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.voice(schoolID: .any), use: index)
        routes.get(.voiceLanguage(schoolID: .any, language: .any), use: language)
        routes.on(.POST, SiteRoute.voiceRecording(schoolID: .any, language: .any, part: .any, key: .any).pattern.map { PathComponent(stringLiteral: $0) },
                  body: .collect(maxSize: ByteCount(value: StaffStoryController.uploadMaxBytes)), use: upload)
        routes.post(.deleteVoiceRecording(schoolID: .any, language: .any, part: .any, key: .any), use: delete)
    }

    /// Whether a request may carry a clip: the upload form of one text
    /// (`/staff/schools/ID/voice/LANG/PART/KEY`). Its body is read only for a signed-in person with the form's token
    /// in the address (`StaffStoryController.admitUpload`).
    static func isUpload(_ request: Request) -> Bool {
        guard request.method == .POST else { return false }
        let parts = request.url.path.split(separator: "/")
        return parts.count == 7 && parts[0] == "staff" && parts[1] == "schools" && parts[3] == "voice"
    }

    // MARK: pages

    @Sendable func index(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .recordVoice)
        let script = req.application.voiceScript
        let recorded = try await Recording.recordedTexts(schoolID: school.requireID(), on: req.db)
        let lines = req.application.voiceLanguages(of: school).map { language in
            VoiceIndexPage.Line(language: language, recorded: script.texts.count - script.missing(from: recorded[language.rawValue] ?? []).count,
                                total: script.texts.count)
        }
        let model = VoiceIndexPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, lines: lines)
        return .html(VoiceIndexPage.view(model), status: .ok)
    }

    @Sendable func language(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .recordVoice)
        let language = try Self.offeredLanguage(req, school: school)
        return .html(VoiceLanguagePage.view(try await Self.model(req, user: user, school: school, language: language)), status: .ok)
    }

    static func model(_ req: Request, user: User, school: School, language: LanguageCode,
                      refused: (VoiceText, String)? = nil) async throws -> VoiceLanguagePage.Model {
        let app = req.application
        let clips = try await Recording.clips(schoolID: school.requireID(), language: language, on: req.db)
        let entries = app.voiceScript.texts.map { text in
            VoiceLanguagePage.Entry(text: text, dutch: app.writtenText(text, in: .nl) ?? text.key,
                                    written: language == .nl ? nil : app.writtenText(text, in: language), clip: clips[text],
                                    error: refused?.0 == text ? refused?.1 : nil)
        }
        return VoiceLanguagePage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, language: language,
                                       entries: entries, canDelete: Access.allows(user.actor, .deleteRecordings, schoolID: school.publicID),
                                       notice: req.notice(VoiceNotice.self)?.catalogKey)
    }

    /// The language of the address, if the school records in it; otherwise 404.
    static func offeredLanguage(_ req: Request, school: School) throws -> LanguageCode {
        guard let code = req.parameter(LanguageSegment.self),
              let language = req.application.voiceLanguages(of: school).first(where: { $0.rawValue == code }) else { throw Abort(.notFound) }
        return language
    }

    /// The text of the address, if it is one of the script's; otherwise 404.
    static func scriptText(_ req: Request) throws -> VoiceText {
        guard let part = req.parameter(VoicePartSegment.self).flatMap(VoicePart.init(rawValue:)), let key = req.parameter(VoiceKeySegment.self),
              case let text = VoiceText(part: part, key: key), req.application.voiceScript.contains(text) else { throw Abort(.notFound) }
        return text
    }

    // MARK: forms

    struct UploadForm: Content {
        var audio: File?
    }

    static func message(_ problem: AudioCheck.Problem) -> String {
        switch problem {
        case .empty: "voice.error.empty"
        case .tooLarge: "voice.error.too_large"
        case .notAudio: "voice.error.not_audio"
        case .wrongCodec: "voice.error.wrong_codec"
        case .tooLong: "voice.error.too_long"
        }
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .recordVoice)
        let language = try Self.offeredLanguage(req, school: school)
        let text = try Self.scriptText(req)
        let form = try? req.content.decode(UploadForm.self)
        let bytes = form?.audio.map { Array($0.data.readableBytesView) } ?? []
        switch AudioCheck.inspect(bytes) {
        case let .failure(problem):
            let model = try await Self.model(req, user: user, school: school, language: language, refused: (text, Self.message(problem)))
            return .html(VoiceLanguagePage.view(model), status: .unprocessableEntity)
        case let .success(clip):
            let recording = Recording(schoolID: try school.requireID(), language: language, text: text, clip: clip, bytes: bytes,
                                      recordedBy: try user.requireID())
            try await Recording.replace(with: recording, on: req.db)
            req.logger.info("recording saved", metadata: ["part": .string(text.part.rawValue), "format": .string(clip.format.rawValue)])
            return .redirect(to: Self.back(school: school, language: language, text: text, notice: .saved))
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .deleteRecordings)
        let language = try Self.offeredLanguage(req, school: school)
        let text = try Self.scriptText(req)
        // Parents of a spoken-only language hear every text: while it is offered, a clip can be replaced, not removed.
        if language.isSpokenOnly && school.languages.contains(language) {
            let model = try await Self.model(req, user: user, school: school, language: language, refused: (text, "voice.error.offered_spoken"))
            return .html(VoiceLanguagePage.view(model), status: .unprocessableEntity)
        }
        try await Recording.query(on: req.db).filter(\.$school.$id == school.requireID()).filter(\.$language == language.rawValue)
            .filter(\.$part == text.part.rawValue).filter(\.$textKey == text.key).delete()
        return .redirect(to: Self.back(school: school, language: language, text: text, notice: .deleted))
    }

    /// The language's page, at the text just changed.
    static func back(school: School, language: LanguageCode, text: VoiceText, notice: VoiceNotice) -> String {
        SiteRoute.voiceLanguage(schoolID: school.routeID, language: LanguageSegment(language.rawValue)).with(notice: notice)
            + "#" + VoiceLanguagePage.anchorID(text)
    }
}
