import Foundation
import Ink

/// HTML made from a story's Markdown by `Markdown.render`: only a short list of elements, no attribute but a
/// checked link address, links marked `nofollow noopener`. Nothing else can make one, so a view can trust it.
public struct SanitizedHTML: Equatable, Sendable {
    public let html: String
    fileprivate init(_ html: String) { self.html = html }
}

public enum Markdown {
    /// Renders Markdown with Ink, then keeps only what a story needs. Raw HTML in the Markdown is not passed
    /// through: unknown elements are dropped (their text kept, escaped), and the content of script-like
    /// elements is dropped with them.
    public static func render(_ markdown: String) -> SanitizedHTML {
        SanitizedHTML(HTMLSanitizer.clean(MarkdownParser().html(from: markdown)))
    }

    /// Plain text of the Markdown, for summaries and search: the sanitized HTML without its tags.
    public static func plainText(_ markdown: String) -> String {
        let html = render(markdown).html
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; text.append(" ") } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return HTMLSanitizer.decodeEntities(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A whitelist sanitizer for the HTML Ink writes.
enum HTMLSanitizer {
    /// Elements kept (some renamed: a story's own headings sit below its title).
    static let renamed: [String: String] = [
        "p": "p", "br": "br", "hr": "hr", "strong": "strong", "b": "strong", "em": "em", "i": "em", "ul": "ul", "ol": "ol", "li": "li",
        "blockquote": "blockquote", "code": "code", "pre": "pre", "a": "a", "del": "del", "s": "del",
        "h1": "h2", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4",
    ]
    static let void: Set<String> = ["br", "hr"]
    /// Elements dropped together with everything inside them.
    static let dropWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "textarea", "title", "noscript",
                                               "svg", "math", "select", "frameset", "frame", "applet", "noembed", "xmp", "plaintext"]

    static func clean(_ html: String) -> String {
        var output = ""
        var open: [String] = []
        var skipping: String?
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            guard character == "<", let tag = readTag(html, from: index) else {
                if skipping == nil { output += escapeText(character) }
                index = html.index(after: index)
                continue
            }
            index = tag.end
            if let name = skipping {
                if tag.closing && tag.name == name { skipping = nil }
                continue
            }
            if dropWithContent.contains(tag.name) {
                if !tag.closing && !tag.selfClosing { skipping = tag.name }
                continue
            }
            guard let kept = renamed[tag.name] else { continue }
            if tag.closing {
                guard let position = open.lastIndex(of: kept) else { continue }
                for name in open[position...].reversed() { output += "</\(name)>" }
                open.removeSubrange(position...)
                continue
            }
            if void.contains(kept) {
                output += "<\(kept)>"
                continue
            }
            if kept == "a" {
                guard let href = tag.attributes["href"].flatMap(safeURL) else { continue }
                output += "<a href=\"\(escapeAttribute(href))\" rel=\"nofollow noopener\">"
            } else {
                output += "<\(kept)>"
            }
            open.append(kept)
        }
        for name in open.reversed() { output += "</\(name)>" }
        return output
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var attributes: [String: String]
        var end: String.Index
    }

    /// Reads a tag starting at `<`; nil when this `<` does not start one (then it is text).
    static func readTag(_ html: String, from start: String.Index) -> Tag? {
        var index = html.index(after: start)
        guard index < html.endIndex else { return nil }
        if html[index] == "!" || html[index] == "?" {
            // A comment, doctype or processing instruction: skip it whole.
            if html[index...].hasPrefix("!--") {
                let end = html.range(of: "-->", range: index..<html.endIndex)?.upperBound ?? html.endIndex
                return Tag(name: "!", closing: false, selfClosing: true, attributes: [:], end: end)
            }
            let end = html[index...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
            return Tag(name: "!", closing: false, selfClosing: true, attributes: [:], end: end)
        }
        var closing = false
        if html[index] == "/" {
            closing = true
            index = html.index(after: index)
        }
        guard index < html.endIndex, html[index].isLetter else { return nil }
        var name = ""
        while index < html.endIndex, html[index].isLetter || html[index].isNumber {
            name.append(html[index])
            index = html.index(after: index)
        }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while index < html.endIndex {
            let character = html[index]
            if character == ">" {
                return Tag(name: name.lowercased(), closing: closing, selfClosing: selfClosing, attributes: attributes, end: html.index(after: index))
            }
            if character == "/" {
                selfClosing = true
                index = html.index(after: index)
                continue
            }
            if character.isWhitespace {
                index = html.index(after: index)
                continue
            }
            var attributeName = ""
            while index < html.endIndex, !html[index].isWhitespace, html[index] != "=", html[index] != ">", html[index] != "/" {
                attributeName.append(html[index])
                index = html.index(after: index)
            }
            var value = ""
            if index < html.endIndex, html[index] == "=" {
                index = html.index(after: index)
                if index < html.endIndex, html[index] == "\"" || html[index] == "'" {
                    let quote = html[index]
                    index = html.index(after: index)
                    while index < html.endIndex, html[index] != quote {
                        value.append(html[index])
                        index = html.index(after: index)
                    }
                    if index < html.endIndex { index = html.index(after: index) }
                } else {
                    while index < html.endIndex, !html[index].isWhitespace, html[index] != ">" {
                        value.append(html[index])
                        index = html.index(after: index)
                    }
                }
            }
            if !attributeName.isEmpty { attributes[attributeName.lowercased()] = value }
        }
        // No closing `>`: everything to the end is an unfinished tag; drop it.
        return Tag(name: name.lowercased(), closing: closing, selfClosing: true, attributes: [:], end: html.endIndex)
    }

    /// A link address that is safe to follow: http(s), mailto, or a path on this site. Entities are decoded and
    /// control characters and spaces removed before the check, as browsers do.
    static func safeURL(_ raw: String) -> String? {
        let decoded = decodeEntities(raw)
        let compact = String(decoded.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control })
        let lowered = compact.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") || lowered.hasPrefix("mailto:") { return compact }
        if compact.hasPrefix("/") && !compact.hasPrefix("//") && !compact.hasPrefix("/\\") { return compact }
        if compact.hasPrefix("#") { return compact }
        return nil
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let semicolon = text[index...].prefix(12).firstIndex(of: ";") {
                let entity = String(text[text.index(after: index)..<semicolon])
                var scalar: Unicode.Scalar?
                switch entity.lowercased() {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "colon": scalar = ":"
                case "tab": scalar = "\t"
                case "newline": scalar = "\n"
                default:
                    if entity.hasPrefix("#x") || entity.hasPrefix("#X") { scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                    else if entity.hasPrefix("#") { scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init) }
                }
                if let scalar {
                    result.unicodeScalars.append(scalar)
                    index = text.index(after: semicolon)
                    continue
                }
            }
            result.append(text[index])
            index = text.index(after: index)
        }
        return result
    }

    static func escapeText(_ character: Character) -> String {
        switch character {
        case "<": "&lt;"
        case ">": "&gt;"
        default: String(character)
        }
    }

    static func escapeAttribute(_ value: String) -> String { value.attributeEscaped }
}
