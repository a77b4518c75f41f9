import Plot

// Plot escapes text nodes but writes attribute values as they are. Every attribute whose value is not a
// literal in our own code goes through these helpers. `.raw(` and hand-built attribute strings live in
// this file only; `.ci/run` fails on them anywhere else.
//
// Plot's own text escaping leaves an `&` alone when it looks like a character reference (`&lt;`, `&#1;`),
// so a typed `&lt;b&gt;` would be shown as `<b>` and `&#1;` as a control character. Text therefore goes
// through `.plainText(`, which escapes every `&`; `.ci/run` fails on Plot's `.text(` in the views.

public extension String {
    /// The value escaped for use inside a double- or single-quoted HTML attribute.
    var attributeEscaped: String { htmlEscaped(quotes: true) }

    /// The value escaped for use as HTML text: every `&`, `<` and `>`.
    var textEscaped: String { htmlEscaped(quotes: false) }

    private func htmlEscaped(quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

public extension Node {
    /// Text shown exactly as written: what a person typed is never read as markup or as a character reference.
    static func plainText(_ text: String) -> Node {
        .raw(text.textEscaped)
    }

    /// An attribute whose value is escaped. Empty values are kept (`value=""`).
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: value.attributeEscaped, ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute such as `required` or `checked`, present only when `isOn`.
    static func flag(_ name: String, _ isOn: Bool = true) -> Node {
        isOn ? .attribute(named: name) : .empty
    }
}

public extension Attribute {
    /// An attribute whose value is escaped. Empty values are kept (`value=""`).
    static func attr(_ name: String, _ value: String) -> Attribute {
        Attribute(name: name, value: value.attributeEscaped, ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute such as `required` or `checked`, present only when `isOn`.
    static func flag(_ name: String, _ isOn: Bool = true) -> Attribute {
        isOn ? Attribute(name: name, value: nil, ignoreIfValueIsEmpty: false) : .empty
    }
}

public extension Node where Context: HTML.BodyContext {
    /// A story's body: HTML that `Markdown.render` made and sanitized (see Markdown.swift).
    static func sanitized(_ html: SanitizedHTML) -> Node { .raw(html.html) }
}
