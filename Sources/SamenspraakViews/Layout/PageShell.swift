import SamenspraakCore

/// What every page needs around its content: the language, the signed-in person and the form token.
public struct PageShell: Equatable, Sendable {
    public struct Person: Equatable, Sendable {
        public var name: String
        public var role: Role
        public init(name: String, role: Role) {
            self.name = name
            self.role = role
        }
    }

    public var t: Localizer
    public var csrfToken: String
    public var person: Person?
    /// The path of this page, so the language switch can come back to it.
    public var currentPath: String
    public var languages: [LanguageCode]

    public init(t: Localizer, csrfToken: String, person: Person? = nil, currentPath: String = "/",
                languages: [LanguageCode] = LanguageCode.staffLanguages) {
        self.t = t
        self.csrfToken = csrfToken
        self.person = person
        self.currentPath = currentPath
        self.languages = languages
    }

    public var language: LanguageCode { t.language }

    /// The mock shell with every string set to `text` (for hostile-input tests); `signedIn: false` for public pages.
    public static func mock(text: String, signedIn: Bool = true) -> PageShell {
        var shell = mock
        shell.csrfToken = text
        shell.currentPath = text
        if signedIn { shell.person?.name = text } else { shell.person = nil }
        return shell
    }

    public static let mock = PageShell(t: .keys, csrfToken: "csrf-mock", person: Person(name: "An Peeters", role: .coordinator),
                                       currentPath: "/staff")
}
