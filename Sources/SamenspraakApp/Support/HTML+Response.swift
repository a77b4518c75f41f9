import Plot
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
