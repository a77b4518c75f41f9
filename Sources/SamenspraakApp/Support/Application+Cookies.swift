import Vapor

extension Application {
    /// The name a cookie of Samenspraak goes by. When cookies are Secure (served over https) every name carries the
    /// `__Host-` prefix: a browser then accepts the cookie only from this very host, over https, for path `/` and
    /// without a Domain, so a sibling subdomain or a plain-http page cannot plant or overwrite it. Set and read
    /// back under the same name; never spell a cookie's name without this.
    func cookieName(_ base: String) -> String {
        samenspraakConfig.secureCookies ? "__Host-" + base : base
    }

    /// A cookie as Samenspraak sets them all: HttpOnly, SameSite=Lax, path `/`, no Domain, Secure when served over
    /// https (what the `__Host-` prefix of `cookieName` requires).
    func cookie(value: String, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, expires: nil, maxAge: maxAge, domain: nil, path: "/",
                          isSecure: samenspraakConfig.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    /// The value of one of Samenspraak's cookies, read under the name it was set with (see `Application.cookieName`).
    func cookie(_ base: String) -> HTTPCookies.Value? {
        cookies[application.cookieName(base)]
    }
}

extension Response {
    /// Sets one of Samenspraak's cookies under its name for this app (see `Application.cookieName`).
    func setCookie(_ base: String, _ value: HTTPCookies.Value, app: Application) {
        cookies[app.cookieName(base)] = value
    }
}
