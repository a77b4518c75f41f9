import SamenspraakCore
import SamenspraakViews
import Vapor

extension SiteRoute {
    /// This page's address with a notice to show (`?saved=…`), where a handler sends the browser after saving.
    func with<Notice: SavedNotice>(notice: Notice) -> String {
        with(query: Notice.queryName, notice.rawValue)
    }
}

extension Request {
    /// The notice of this page's kind that the address asks for (`?saved=…`), if any.
    func notice<Notice: SavedNotice>(_ kind: Notice.Type) -> Notice? {
        Notice.read(query[String.self, at: Notice.queryName])
    }
}
