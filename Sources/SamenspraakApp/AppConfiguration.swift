import Foundation
import SamenspraakCore
import SamenspraakMail

/// Every setting of a running Samenspraak, read once from the environment (and command-line flags).
/// Nothing else reads the environment.
public struct AppConfiguration: Sendable, Equatable {
    public enum Database: Sendable, Equatable {
        /// An SQLite file at this path (WAL mode).
        case sqliteFile(String)
        /// A private in-memory SQLite database, for tests.
        case sqliteMemory
        /// A PostgreSQL server, as a `postgres://` URL.
        case postgres(String)

        /// Reads `--database` / `DATABASE_URL`: a `postgres://` or `postgresql://` URL, or a file path.
        public static func parse(_ value: String) -> Database {
            let lowered = value.lowercased()
            if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") { return .postgres(value) }
            if value == ":memory:" { return .sqliteMemory }
            return .sqliteFile(value)
        }

        /// How the database is named in logs and `/healthz`, without credentials.
        public var kind: String {
            switch self {
            case .sqliteFile, .sqliteMemory: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    public var database: Database
    public var hostname: String
    public var port: Int
    /// The address people use to reach the site, e.g. `https://samenspraak.example.be`; used in invitation links.
    public var publicURL: String?
    /// Mark cookies `Secure`: on when the public URL is https, or when forced.
    public var secureCookies: Bool
    public var bcryptCost: Int
    /// Largest request body accepted, in bytes; larger ones get 413.
    public var maxBodyBytes: Int
    public var sessionHours: Int
    public var logLevel: String
    /// The smallest group any figure may describe (reports hide smaller ones); never below 3.
    public var minimumGroup: Int
    /// Ratings one address may send for one moment in ten minutes; more are refused for a while.
    public var ratingBurst: Int
    /// Answers one address may send through one wave's open link in an hour (and three times as many drafts begun).
    public var surveyBurst: Int
    /// Wrong one-time codes one address may try in an hour.
    public var codeFailures: Int
    /// The reverse proxies whose `X-Forwarded-For` says where a request comes from, for the limits
    /// (`SAMENSPRAAK_TRUSTED_PROXIES`); none unless set.
    public var trustedProxies: TrustedProxies = .none
    /// Days after a wave closes during which paper forms can still be typed in.
    public var paperDays: Int
    /// Days after an oudercontact's last day before its conversation cards are deleted.
    public var cardGraceDays: Int
    /// The last day of a school year (`SAMENSPRAAK_SCHOOL_YEAR_END`, `MM-DD`, 31 August unless set): the day after it,
    /// everything of that year's welcome rounds is deleted.
    public var schoolYearEnd: SchoolYearEnd = .standard
    /// Requests handled at once; one more is answered 503 with Retry-After (see LoadSheddingMiddleware).
    public var maxInFlight: Int
    /// Seconds a public page (survey start, story, stories site, profile) is kept for visitors without cookies;
    /// 0 switches the cache off (see PublicPageCache).
    public var pageCacheSeconds: Int
    /// The bearer token `/metrics` asks for; without one, only the server's own machine (a loopback peer) may read it.
    public var metricsToken: String?
    /// Run the hourly jobs (deleting old conversation cards) inside the server; tests switch it off.
    public var scheduledJobs: Bool
    /// Where e-mail goes out (`SAMENSPRAAK_SMTP_URL`, `SAMENSPRAAK_MAIL_FROM`); nil: no e-mail, links are shown instead.
    public var mail: MailSettings?
    /// For demonstrations and the browser tests only (`SAMENSPRAAK_DEMO_CLOCK`): the moment the server's clock starts
    /// at; it runs on from there. The demo's trajectory and sessions have fixed dates, so a demonstration shown
    /// later, or a test run on another day, still sees them as they were meant.
    public var clockStart: Date?
    /// A folder of added language files (`SAMENSPRAAK_LANGUAGES_DIR`), laid out like the shipped ones
    /// (`questionnaires/parents-v1/LANG.txt`, `ratings/LANG.txt`, `cards/LANG.txt`): a language not shipped is
    /// added, a shipped one is replaced. Read at start; a broken file stops the start, naming file and line.
    public var languagesDirectory: String?

    public static let defaultSQLiteFile = "samenspraak.sqlite"

    public init(database: Database = .sqliteFile(defaultSQLiteFile), hostname: String = "127.0.0.1", port: Int = 8080,
                publicURL: String? = nil, secureCookies: Bool = false, bcryptCost: Int = 12, maxBodyBytes: Int = 64 * 1024,
                sessionHours: Int = 12, logLevel: String = "info", minimumGroup: Int = 5,
                ratingBurst: Int = BurstLimit.ratings.limit, cardGraceDays: Int = CardRules.defaultGraceDays, scheduledJobs: Bool = true,
                maxInFlight: Int = 512, pageCacheSeconds: Int = 2, surveyBurst: Int = BurstLimit.surveySends.limit,
                codeFailures: Int = BurstLimit.codeFailures.limit, paperDays: Int = PaperEntryWindow.defaultGraceDays,
                metricsToken: String? = nil) {
        self.metricsToken = metricsToken
        self.surveyBurst = surveyBurst
        self.codeFailures = codeFailures
        self.paperDays = paperDays
        self.maxInFlight = maxInFlight
        self.pageCacheSeconds = pageCacheSeconds
        self.cardGraceDays = cardGraceDays
        self.scheduledJobs = scheduledJobs
        self.minimumGroup = minimumGroup
        self.ratingBurst = ratingBurst
        self.database = database
        self.hostname = hostname
        self.port = port
        self.publicURL = publicURL
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.maxBodyBytes = maxBodyBytes
        self.sessionHours = sessionHours
        self.logLevel = logLevel
    }

    /// Reads the environment; reports every missing or invalid setting at once.
    public init(environment env: [String: String]) throws(ConfigurationError) {
        self.init()
        var problems: [String] = []
        if let url = env["DATABASE_URL"], !url.isEmpty {
            database = .parse(url)
        } else if let path = env["SAMENSPRAAK_DATABASE"], !path.isEmpty {
            database = .parse(path)
        }
        if let host = env["SAMENSPRAAK_HOSTNAME"], !host.isEmpty { hostname = host }
        if let value = env["PORT"] ?? env["SAMENSPRAAK_PORT"] {
            if let p = Int(value), (1...65535).contains(p) { port = p } else { problems.append("PORT must be a number from 1 to 65535, not \(value)") }
        }
        if let url = env["SAMENSPRAAK_PUBLIC_URL"], !url.isEmpty {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") {
                publicURL = trimmed
                secureCookies = trimmed.hasPrefix("https://")
            } else {
                problems.append("SAMENSPRAAK_PUBLIC_URL must start with http:// or https://")
            }
        }
        if let value = env["SAMENSPRAAK_SECURE_COOKIES"] {
            switch value.lowercased() {
            case "1", "true", "yes": secureCookies = true
            case "0", "false", "no": secureCookies = false
            default: problems.append("SAMENSPRAAK_SECURE_COOKIES must be true or false")
            }
        }
        if let value = env["SAMENSPRAAK_BCRYPT_COST"] {
            if let cost = Int(value), (4...31).contains(cost) { bcryptCost = cost } else { problems.append("SAMENSPRAAK_BCRYPT_COST must be 4 to 31") }
        }
        if let value = env["SAMENSPRAAK_MAX_BODY_KB"] {
            if let kb = Int(value), (1...102_400).contains(kb) { maxBodyBytes = kb * 1024 } else { problems.append("SAMENSPRAAK_MAX_BODY_KB must be 1 to 102400") }
        }
        if let value = env["SAMENSPRAAK_SESSION_HOURS"] {
            if let hours = Int(value), (1...720).contains(hours) { sessionHours = hours } else { problems.append("SAMENSPRAAK_SESSION_HOURS must be 1 to 720") }
        }
        if let value = env["SAMENSPRAAK_MIN_GROUP"] {
            if let n = Int(value), (3...50).contains(n) { minimumGroup = n } else { problems.append("SAMENSPRAAK_MIN_GROUP must be 3 to 50") }
        }
        if let value = env["SAMENSPRAAK_RATING_BURST"] {
            if let n = Int(value), (1...10_000).contains(n) { ratingBurst = n } else { problems.append("SAMENSPRAAK_RATING_BURST must be 1 to 10000") }
        }
        if let value = env["SAMENSPRAAK_SURVEY_BURST"] {
            if let n = Int(value), (1...100_000).contains(n) { surveyBurst = n } else { problems.append("SAMENSPRAAK_SURVEY_BURST must be 1 to 100000") }
        }
        if let value = env["SAMENSPRAAK_TRUSTED_PROXIES"] {
            switch TrustedProxies.parse(value) {
            case let .success(proxies): trustedProxies = proxies
            case let .failure(unreadable):
                problems.append("SAMENSPRAAK_TRUSTED_PROXIES must list IP addresses or ranges (127.0.0.1, 10.0.0.0/8, ::1), "
                    + "separated by commas; not: \(unreadable.entries.joined(separator: ", "))")
            }
        }
        if let value = env["SAMENSPRAAK_CODE_FAILURES"] {
            if let n = Int(value), (1...100_000).contains(n) { codeFailures = n } else { problems.append("SAMENSPRAAK_CODE_FAILURES must be 1 to 100000") }
        }
        if let value = env["SAMENSPRAAK_PAPER_DAYS"] {
            let range = PaperEntryWindow.graceDaysRange
            if let n = Int(value), range.contains(n) { paperDays = n } else {
                problems.append("SAMENSPRAAK_PAPER_DAYS must be \(range.lowerBound) to \(range.upperBound)")
            }
        }
        if let value = env["SAMENSPRAAK_CARD_GRACE_DAYS"] {
            if let n = Int(value), (1...60).contains(n) { cardGraceDays = n } else { problems.append("SAMENSPRAAK_CARD_GRACE_DAYS must be 1 to 60") }
        }
        if let value = env["SAMENSPRAAK_SCHOOL_YEAR_END"], !value.isEmpty {
            if let end = SchoolYearEnd(text: value) { schoolYearEnd = end } else {
                problems.append("SAMENSPRAAK_SCHOOL_YEAR_END must be a day from 01-01 to 08-31 as MM-DD, for example 06-30")
            }
        }
        if let value = env["SAMENSPRAAK_MAX_IN_FLIGHT"] {
            if let n = Int(value), (1...100_000).contains(n) { maxInFlight = n } else { problems.append("SAMENSPRAAK_MAX_IN_FLIGHT must be 1 to 100000") }
        }
        if let value = env["SAMENSPRAAK_PAGE_CACHE_SECONDS"] {
            if let n = Int(value), (0...60).contains(n) { pageCacheSeconds = n } else { problems.append("SAMENSPRAAK_PAGE_CACHE_SECONDS must be 0 to 60") }
        }
        switch (env["SAMENSPRAAK_SMTP_URL"].flatMap { $0.isEmpty ? nil : $0 }, env["SAMENSPRAAK_MAIL_FROM"].flatMap { $0.isEmpty ? nil : $0 }) {
        case (nil, nil):
            mail = nil
        case let (url?, from?):
            do throws(ConfigurationError) {
                mail = try MailSettings(smtpURL: url, from: from, trustRootsFile: env["SAMENSPRAAK_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 })
            } catch {
                problems.append(contentsOf: error.problems)
            }
        case (_?, nil):
            problems.append("SAMENSPRAAK_MAIL_FROM must be set with SAMENSPRAAK_SMTP_URL (the address mails come from)")
        case (nil, _?):
            problems.append("SAMENSPRAAK_SMTP_URL must be set with SAMENSPRAAK_MAIL_FROM")
        }
        if let token = env["SAMENSPRAAK_METRICS_TOKEN"], !token.isEmpty {
            if token.count >= 16, token.count <= 512, token.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline }) {
                metricsToken = token
            } else {
                problems.append("SAMENSPRAAK_METRICS_TOKEN must be 16 to 512 visible ASCII characters")
            }
        }
        if let value = env["SAMENSPRAAK_DEMO_CLOCK"], !value.isEmpty {
            if let start = ISO8601DateFormatter().date(from: value) { clockStart = start } else {
                problems.append("SAMENSPRAAK_DEMO_CLOCK must be a moment like 2026-12-02T09:00:00Z")
            }
        }
        if let value = env["SAMENSPRAAK_LANGUAGES_DIR"], !value.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory), isDirectory.boolValue {
                languagesDirectory = value
            } else {
                problems.append("SAMENSPRAAK_LANGUAGES_DIR must be a folder (\(value) is not)")
            }
        }
        if let value = env["LOG_LEVEL"] {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(value.lowercased()) { logLevel = value.lowercased() } else { problems.append("LOG_LEVEL must be one of \(levels.joined(separator: ", "))") }
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}

/// How Samenspraak sends e-mail: an SMTP server and the address mails come from.
public struct MailSettings: Sendable, Equatable {
    /// `smtp://user:pass@host:587` (STARTTLS required), `smtps://user:pass@host:465`, or `smtp://host:25?starttls=off`.
    public var smtpURL: String
    public var fromAddress: String
    public var fromName: String
    /// A PEM file of certificate authorities to trust besides the system's (a school's own mail relay).
    public var trustRootsFile: String?

    /// `from` is an address, or `Name <address>`.
    public init(smtpURL: String, from: String, trustRootsFile: String? = nil) throws(ConfigurationError) {
        var problems: [String] = []
        do {
            _ = try SMTPConfiguration(url: smtpURL)
        } catch {
            problems.append("SAMENSPRAAK_SMTP_URL: \(error)")
        }
        var name = "Samenspraak", address = from.trimmingCharacters(in: .whitespaces)
        if let open = address.lastIndex(of: "<"), address.hasSuffix(">") {
            let given = address[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if !given.isEmpty { name = given }
            address = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        }
        if !Validate.isEmail(address) || Validate.hasControlCharacters(from, allowingLineBreaks: false) {
            problems.append("SAMENSPRAAK_MAIL_FROM must be an e-mail address, or a name and an address: Samenspraak <noreply@school.be>")
        }
        if let trustRootsFile, !FileManager.default.isReadableFile(atPath: trustRootsFile) {
            problems.append("SAMENSPRAAK_SMTP_CA_FILE must be a readable PEM file")
        }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        self.smtpURL = smtpURL
        self.fromAddress = address
        self.fromName = name
        self.trustRootsFile = trustRootsFile
    }

    /// The right-hand side of Message-IDs: the sending address's domain.
    public var messageIDDomain: String { fromAddress.split(separator: "@").last.map(String.init) ?? "samenspraak.invalid" }
}

extension AppConfiguration {
    /// Why `serve` must not start with this configuration, if it must not. A server that others can reach builds
    /// absolute links (invitations, QR codes, the stories feed) from the public URL only: without one it would have to
    /// trust the Host header, which any client sets.
    public var servingProblem: String? {
        guard publicURL == nil, !Self.isLoopback(hostname: hostname) else { return nil }
        return "Samenspraak listens on \(hostname), which other machines can reach, but SAMENSPRAAK_PUBLIC_URL is not set. "
            + "Set it to the address people use (e.g. https://samenspraak.example.be), or listen on 127.0.0.1."
    }

    /// Whether a listening address is this machine only.
    public static func isLoopback(hostname: String) -> Bool {
        let host = hostname.lowercased()
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "Invalid configuration:\n" + problems.map { "- \($0)" }.joined(separator: "\n") }
}
