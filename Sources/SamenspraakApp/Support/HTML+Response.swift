import Crypto
import Foundation
import Plot
import SamenspraakCore
import SamenspraakViews
import Vapor

extension HTML: @retroactive AsyncResponseEncodable {
    public func encodeResponse(for request: Request) async throws -> Response {
        Response.html(self, status: .ok)
    }
}

extension Response {
    static func html(_ html: HTML, status: HTTPResponseStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "text", subType: "html", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(string: html.render()))
    }

    static func redirect(to path: String) -> Response {
        let response = Response(status: .seeOther)
        response.headers.replaceOrAdd(name: .location, value: path)
        return response
    }
}

extension Response {
    /// A public page that is the same for every visitor of a language: an ETag from its bytes, 304 when the
    /// browser has it already, and `no-cache` so a cache always asks first (a page taken offline is gone at once).
    static func cacheable(_ body: String, contentType: HTTPMediaType = .init(type: "text", subType: "html", parameters: ["charset": "utf-8"]),
                          for req: Request) -> Response {
        let etag = "\"" + SHA256.hash(data: Data(body.utf8)).prefix(16).hexString + "\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, no-cache")
        headers.replaceOrAdd(name: .vary, value: "Accept-Language, Cookie")
        if let match = req.headers.first(name: .ifNoneMatch),
           match.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }).contains(etag) || match == "*" {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = contentType
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
