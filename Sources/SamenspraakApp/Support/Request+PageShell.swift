import SamenspraakViews
import Vapor

extension Request {
    /// The frame of every page for this request.
    func shell() -> PageShell {
        let person = signedIn.map { PageShell.Person(name: $0.user.name, role: $0.user.role) }
        // After a form was sent there is no page to come back to by GET: the language switch leads home.
        var path = method == .GET ? url.path : (signedIn == nil ? SiteRoute.home.path : SiteRoute.staffHome.path)
        if let query = url.query, !query.isEmpty, method == .GET { path += "?" + query }
        return PageShell(t: t, csrfToken: csrfToken, person: person, currentPath: path)
    }
}

extension Request {
    /// The frame of a public page: the visitor's language, nobody signed in, no form token, so every visitor gets the same bytes.
    func publicShell(path: String) -> PageShell {
        PageShell(t: t, csrfToken: "", person: nil, currentPath: path)
    }
}

extension Request {
    /// An absolute URL for a path on this site: the configured public address, else the address the server listens
    /// on. Never the request's Host header, which any client chooses: a link built from it could send another
    /// visitor elsewhere once a cache (ours or a proxy's) kept the page. `serve` refuses to listen beyond this
    /// machine without a public URL (`AppConfiguration.servingProblem`), so the fallback is for a developer only.
    func absoluteURL(_ path: String) -> String {
        application.samenspraakConfig.baseURL + path
    }
}

extension AppConfiguration {
    /// Where absolute links point: the public URL, else the listening address.
    var baseURL: String {
        if let publicURL { return publicURL }
        let host = hostname.contains(":") && !hostname.hasPrefix("[") ? "[\(hostname)]" : hostname
        return "\(secureCookies ? "https" : "http")://\(host):\(port)"
    }
}
