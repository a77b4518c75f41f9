import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A school's survey waves as staff run them: open one, its page, poster, code slips, paper forms,
/// typing in paper answers, and helping a parent on a tablet.
struct StaffWaveController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.newWave(schoolID: .any), use: new)
        routes.post(.waves(schoolID: .any), use: create)
        routes.get(.wave(id: .any), use: show)
        routes.get(.wavePoster(id: .any), use: poster)
        routes.post(.waveCodes(id: .any), use: codes)
        routes.get(.wavePaper(id: .any), use: paper)
        routes.get(.wavePaperEntry(id: .any), use: paperEntry)
        routes.post(.wavePaperEntry(id: .any), use: savePaperEntry)
        routes.post(.waveAssisted(id: .any), use: assisted)
    }

    // MARK: opening a wave

    @Sendable func new(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .manageWaves)
        let today = Day(date: req.now)
        let model = WaveFormPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name,
                                       questionnaire: req.application.currentParentQuestionnaire.id,
                                       opensOn: today.description, closesOn: today.adding(days: 20).description,
                                       families: school.families.map(String.init) ?? "")
        return .html(WaveFormPage.view(model), status: .ok)
    }

    struct WaveForm: Content {
        var questionnaire: String?
        var opens_on: String?
        var closes_on: String?
        var families: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .manageWaves)
        let form = try req.content.decode(WaveForm.self)
        let draft = WaveDraft(questionnaire: form.questionnaire ?? "", opensOn: form.opens_on ?? "", closesOn: form.closes_on ?? "",
                              families: form.families ?? "")
        let valid: WaveDraft.Valid
        switch draft.validate(questionnaires: Set(req.application.questionnaires.keys)) {
        case let .failure(box):
            let model = WaveFormPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name,
                                           questionnaire: draft.questionnaire, opensOn: draft.opensOn, closesOn: draft.closesOn,
                                           families: draft.families, errors: box.errors)
            return .html(WaveFormPage.view(model), status: .unprocessableEntity)
        case let .success(checked):
            valid = checked
        }
        let wave = try await Wave.open(on: req.db, services: req.services, schoolID: school.requireID(), questionnaire: valid.questionnaire,
                                           opens: valid.opens, closes: valid.closes, families: valid.families)
        return .redirect(to: SiteRoute.wave(id: wave.routeID).with(notice: WaveNotice.opened))
    }

    // MARK: the wave's page

    static func openLink(_ req: Request, _ wave: Wave) -> String {
        req.absoluteURL(SiteRoute.surveyStart(slug: LinkSlug(wave.slug)).path)
    }

    static func showModel(_ req: Request, user: User, wave: Wave, errors: FieldErrors = [:]) async throws -> WaveShowPage.Model {
        let questionnaire = try req.application.questionnaire(of: wave)
        let link = openLink(req, wave)
        var model = WaveShowPage.Model(
            shell: req.shell(), schoolID: wave.school.publicID, schoolName: wave.school.name,
            wave: try await wave.summary(on: req.db), today: Day(date: req.now), openLink: link, qr: QRCode.matrix(link),
            languages: wave.languages(for: questionnaire).map { .init(language: $0, status: questionnaire.texts($0).status) },
            canManage: Access.allows(user.actor, .manageWaves, schoolID: wave.school.publicID),
            suggestedSlips: wave.families ?? wave.school.families ?? 25,
            notice: req.notice(WaveNotice.self)?.catalogKey, errors: errors
        )
        model.canSeeReport = Access.allows(user.actor, .viewReport, schoolID: wave.school.publicID)
        model.isTeam = questionnaire.audience == .team
        model.intake = try await WaveIntake.load(waveID: wave.requireID(), on: req.db, t: req.t)
        model.paperLastDay = paperWindow(req, wave).lastDay
        model.slipsMade = try await WaveCode.query(on: req.db).filter(\.$wave.$id == wave.requireID()).count()
        model.slipsMadeOn = wave.codesMadeOn
        if !model.isTeam {
            let script = req.application.voiceScript
            let recorded = try await Recording.recordedTexts(schoolID: wave.school.requireID(), on: req.db)
            model.voice = model.languages.map { line in
                let missing = script.missing(from: recorded[line.language.rawValue] ?? [])
                return WaveShowPage.VoiceLine(language: line.language, recorded: script.texts.count - missing.count, total: script.texts.count,
                             missing: missing.map { req.application.writtenText($0, in: .nl) ?? $0.key })
            }
            model.canRecord = Access.allows(user.actor, .recordVoice, schoolID: wave.school.publicID)
        }
        return model
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .useWaves)
        return .html(WaveShowPage.view(try await Self.showModel(req, user: user, wave: wave)), status: .ok)
    }

    static func printHint(_ req: Request) -> String { req.t("print.hint") }

    static func printTools(_ req: Request, _ wave: Wave) -> PrintLayout.Tools {
        PrintLayout.Tools(back: SiteRoute.wave(id: wave.routeID).path, backLabel: req.t("print.back"), printLabel: req.t("print.button"),
                          language: req.language)
    }

    @Sendable func poster(req: Request) async throws -> Response {
        let (_, wave) = try await req.authorized(Wave.self, .useWaves)
        let questionnaire = try req.application.questionnaire(of: wave)
        let link = Self.openLink(req, wave)
        var model = WavePosterPage.Model(schoolName: wave.school.name, link: link, qr: QRCode.matrix(link),
                                         texts: wave.writtenLanguages(for: questionnaire).map(questionnaire.texts),
                                         staffLanguage: req.language, printHint: Self.printHint(req))
        model.tools = Self.printTools(req, wave)
        return .html(WavePosterPage.view(model), status: .ok)
    }

    // MARK: one-time codes

    struct CodesForm: Content { var count: String? }

    static let maximumSlips = 2000

    @Sendable func codes(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .manageWaves)
        let form = try req.content.decode(CodesForm.self)
        guard let count = Int((form.count ?? "").trimmingCharacters(in: .whitespaces)), (1...Self.maximumSlips).contains(count) else {
            let model = try await Self.showModel(req, user: user, wave: wave, errors: ["count": "error.slip_count"])
            return .html(WaveShowPage.view(model), status: .unprocessableEntity)
        }
        let codes = try await Wave.makeCodes(count, for: wave, day: Day(date: req.now), app: req.application, on: req.db)
        let questionnaire = try req.application.questionnaire(of: wave)
        let entry = req.absoluteURL(SiteRoute.codeEntry.path)
        let slips = codes.map { code in
            CodeSlipsPage.Slip(code: code, qr: QRCode.matrix(req.absoluteURL(SiteRoute.codeEntry.with(query: "code", OneTimeCode.formatted(code)))))
        }
        var model = CodeSlipsPage.Model(schoolName: wave.school.name, entryLink: entry, slips: slips,
                                        texts: wave.writtenLanguages(for: questionnaire).map(questionnaire.texts),
                                        staffLanguage: req.language, printHint: req.t("codes.print_hint"))
        model.tools = Self.printTools(req, wave)
        model.heading = req.t("codes.title")
        req.logger.info("one-time codes made", metadata: ["count": .stringConvertible(count)])
        return .html(CodeSlipsPage.view(model), status: .created)
    }

    // MARK: paper

    @Sendable func paper(req: Request) async throws -> Response {
        let (_, wave) = try await req.authorized(Wave.self, .useWaves)
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.writtenLanguages(for: questionnaire)
        let language = req.query[String.self, at: "lang"].flatMap(LanguageCode.init(rawValue:)).flatMap { languages.contains($0) ? $0 : nil } ?? languages[0]
        var model = PaperFormPage.Model(texts: questionnaire.texts(language), schoolName: wave.school.name,
                                        items: questionnaire.items.map(\.id), openQuestions: questionnaire.openQuestions)
        model.tools = Self.printTools(req, wave)
        return .html(PaperFormPage.view(model), status: .ok)
    }

    static func paperModel(_ req: Request, wave: Wave, language: String, answers: [String: Int] = [:], texts: [String: String] = [:],
                           error: String? = nil, saved: Int? = nil) throws -> PaperEntryPage.Model {
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.writtenLanguages(for: questionnaire)
        return PaperEntryPage.Model(shell: req.shell(), waveID: wave.publicID, schoolName: wave.school.name,
                                    texts: questionnaire.texts(LanguageCode(rawValue: language) ?? req.language),
                                    items: questionnaire.items.map(\.id), openQuestions: questionnaire.openQuestions,
                                    languages: languages, language: language, answers: answers, openTexts: texts, error: error, saved: saved)
    }

    @Sendable func paperEntry(req: Request) async throws -> Response {
        let (_, wave) = try await req.authorized(Wave.self, .useWaves)
        if let closed = Self.paperClosed(req, wave: wave) { return closed }
        // After a save: how many new answers a report waits for, which the notice names.
        let saved = req.query[String.self, at: "saved"].map { _ in req.application.samenspraakConfig.minimumGroup }
        let languages = wave.writtenLanguages(for: try req.application.questionnaire(of: wave))
        let language = languages.contains(req.language) ? req.language : languages[0]
        return .html(PaperEntryPage.view(try Self.paperModel(req, wave: wave, language: language.rawValue, saved: saved)), status: .ok)
    }

    struct PaperForm: Content {
        var lang: String?
        var face: [String: String]?
        var text: [String: String]?
    }

    @Sendable func savePaperEntry(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .useWaves)
        if let closed = Self.paperClosed(req, wave: wave) { return closed }
        let questionnaire = try req.application.questionnaire(of: wave)
        let form = try req.content.decode(PaperForm.self)
        let faces = (form.face ?? [:]).filter { !$0.value.isEmpty }
        let typedFaces = faces.compactMapValues(Int.init)
        let languages = wave.writtenLanguages(for: questionnaire)
        guard let language = form.lang.flatMap(LanguageCode.init(rawValue:)), languages.contains(language) else {
            let model = try Self.paperModel(req, wave: wave, language: form.lang ?? "", answers: typedFaces, texts: form.text ?? [:],
                                            error: "paper.error.language")
            return .html(PaperEntryPage.view(model), status: .unprocessableEntity)
        }
        switch SurveyAnswers().applying(faces: faces, texts: form.text ?? [:], questionnaire: questionnaire) {
        case .failure:
            let model = try Self.paperModel(req, wave: wave, language: language.rawValue, answers: typedFaces, texts: form.text ?? [:],
                                            error: "paper.error.values")
            return .html(PaperEntryPage.view(model), status: .unprocessableEntity)
        case let .success(answers):
            if answers.faces.isEmpty && answers.texts.isEmpty {
                let model = try Self.paperModel(req, wave: wave, language: language.rawValue, error: "paper.error.empty")
                return .html(PaperEntryPage.view(model), status: .unprocessableEntity)
            }
            let (userID, day, threshold) = (try user.requireID(), Day(date: req.now), req.application.samenspraakConfig.minimumGroup)
            try await req.application.groupCommit.perform(on: req.db) { db in
                try await SurveyInbox.send(on: db, wave: wave, questionnaire: questionnaire, language: language, channel: .paper,
                                           answers: answers, day: day, draftID: nil, threshold: threshold)
                try await PaperEntryCount.increment(waveID: try wave.requireID(), userID: userID, on: db)
            }
            return .redirect(to: SiteRoute.wavePaperEntry(id: wave.routeID).with(query: "saved", "1"))
        }
    }

    // MARK: assisted

    /// Makes this device a kiosk for the wave's survey, marked as assisted: parent after parent answers on it, and
    /// staff pages wait for the staff member's password. The staff member's account is not stored with the answers.
    @Sendable func assisted(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .useWaves)
        guard wave.isOpen(on: Day(date: req.now)) else {
            let questionnaire = try req.application.questionnaire(of: wave)
            return ParentSurveyController.closedPage(req, wave: wave, texts: questionnaire.texts(req.language))
        }
        return try await KioskController.enter(req, user: user, wave: wave)
    }
}
