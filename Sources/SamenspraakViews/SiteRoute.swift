import Foundation

/// Every path of the site, in one place: links are built from it and routes are registered from it,
/// so a link cannot point at a route that does not exist.
public enum SiteRoute: Equatable, Sendable {
    case home
    case stylesheet
    case login
    case logout
    case setup
    case language(LanguageCodeValue)
    case staffHome
    case trajectories
    case newTrajectory
    case trajectory(id: String)
    case newSchool(trajectoryID: String)
    case schools(trajectoryID: String)
    case school(id: String)
    case editSchool(id: String)
    case schoolStaff(id: String)
    case invitations(schoolID: String)
    case invitation(token: String)
    case accountPassword
    case healthz
    case metrics

    /// A language code as it appears in a URL; kept as a string so unknown codes can be routed and refused.
    public typealias LanguageCodeValue = String

    public var path: String {
        switch self {
        case .home: "/"
        case .stylesheet: "/static/samenspraak.css"
        case .login: "/login"
        case .logout: "/logout"
        case .setup: "/setup"
        case let .language(code): "/language/\(code)"
        case .staffHome: "/staff"
        case .trajectories: "/staff/trajectories"
        case .newTrajectory: "/staff/trajectories/new"
        case let .trajectory(id): "/staff/trajectories/\(id)"
        case let .newSchool(trajectoryID): "/staff/trajectories/\(trajectoryID)/schools/new"
        case let .schools(trajectoryID): "/staff/trajectories/\(trajectoryID)/schools"
        case let .school(id): "/staff/schools/\(id)"
        case let .editSchool(id): "/staff/schools/\(id)/edit"
        case let .schoolStaff(id): "/staff/schools/\(id)/staff"
        case let .invitations(schoolID): "/staff/schools/\(schoolID)/invitations"
        case let .invitation(token): "/invite/\(token)"
        case .accountPassword: "/account/password"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        }
    }

    /// The path as route components, with `:name` for parameters (what Vapor's router takes).
    public var pattern: [String] {
        let parameterized: SiteRoute = switch self {
        case .language: .language(":code")
        case .trajectory: .trajectory(id: ":trajectoryID")
        case .newSchool: .newSchool(trajectoryID: ":trajectoryID")
        case .schools: .schools(trajectoryID: ":trajectoryID")
        case .school: .school(id: ":schoolID")
        case .editSchool: .editSchool(id: ":schoolID")
        case .schoolStaff: .schoolStaff(id: ":schoolID")
        case .invitations: .invitations(schoolID: ":schoolID")
        case .invitation: .invitation(token: ":token")
        default: self
        }
        return parameterized.path.split(separator: "/").map(String.init)
    }

    /// A local path with a query string, for redirects back to where a person was.
    public func with(query name: String, _ value: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        let encoded = value.unicodeScalars.map { scalar -> String in
            let character = Character(scalar)
            if allowed.contains(character) { return String(character) }
            return String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
        return "\(path)?\(name)=\(encoded)"
    }

    /// Whether `target` is safe to redirect to after sign-in: a path on this site, not another host.
    public static func isLocalPath(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\")
            && !target.contains(where: { $0.isWhitespace || $0 == "\\" }) && target.count <= 512
    }
}
