import Foundation
import Plot
import SamenspraakCore

/// Form pieces that keep what was typed and show each error next to its field, linked for screen readers.
public enum Forms {
    public static func csrf<C: HTML.BodyContext>(_ token: String) -> Node<C> {
        .input(.type(.hidden), .attr("name", "csrf_token"), .attr("value", token))
    }

    /// The address of a form that sends a file: it carries the form token as well, so the server can refuse a
    /// forged upload before reading its body (the token in the body is checked again once it is read).
    public static func uploadAction(_ path: String, token: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = token.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return path + (path.contains("?") ? "&" : "?") + "csrf_token=" + encoded
    }

    /// A summary of errors at the top of a form, announced when the page loads, in the order of the form.
    public static func errorSummary<C: HTML.BodyContext>(_ errors: FieldErrors, order: [String], t: Localizer) -> Node<C> {
        guard !errors.isEmpty else { return .empty }
        let position = { (field: String) in order.firstIndex(of: field) ?? order.count }
        return .div(
            .class("error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
            .h2(.plainText(t("form.has_errors"))),
            .ul(.forEach(errors.keys.sorted { (position($0), $0) < (position($1), $1) }) { field in
                .li(.a(.attr("href", "#\(field)"), .plainText(t(errors[field] ?? ""))))
            })
        )
    }

    /// A general message above a form (e.g. "wrong e-mail or password").
    public static func notice<C: HTML.BodyContext>(_ key: String?, t: Localizer, values: [String: String] = [:], kind: String = "error") -> Node<C> {
        guard let key else { return .empty }
        return .div(.attr("class", "notice \(kind)"), .attr("role", kind == "error" ? "alert" : "status"), .p(.plainText(t(key, values))))
    }

    public struct Input: Sendable {
        public var name: String
        public var label: String
        public var value: String
        public var type: String
        public var error: String?
        public var hint: String?
        public var autocomplete: String?
        public var required: Bool
        public var extra: [(String, String)]

        public init(name: String, label: String, value: String = "", type: String = "text", error: String? = nil,
                    hint: String? = nil, autocomplete: String? = nil, required: Bool = true, extra: [(String, String)] = []) {
            self.name = name
            self.label = label
            self.value = value
            self.type = type
            self.error = error
            self.hint = hint
            self.autocomplete = autocomplete
            self.required = required
            self.extra = extra
        }
    }

    public static func field<C: HTML.BodyContext>(_ input: Input, t: Localizer) -> Node<C> {
        let described = [input.hint.map { _ in "\(input.name)-hint" }, input.error.map { _ in "\(input.name)-error" }]
            .compactMap { $0 }.joined(separator: " ")
        var attributes: [Attribute<HTML.InputContext>] = [
            .attr("type", input.type), .attr("id", input.name), .attr("name", input.name),
        ]
        if input.type != "password" { attributes.append(.attr("value", input.value)) }
        if let autocomplete = input.autocomplete { attributes.append(.attr("autocomplete", autocomplete)) }
        if input.required { attributes.append(.flag("required")) }
        if input.error != nil { attributes.append(.attr("aria-invalid", "true")) }
        if !described.isEmpty { attributes.append(.attr("aria-describedby", described)) }
        for (name, value) in input.extra { attributes.append(.attr(name, value)) }
        return .div(
            .attr("class", input.error == nil ? "field" : "field invalid"),
            .label(.attr("for", input.name), .plainText(input.label)),
            .unwrap(input.hint) { .p(.class("hint"), .attr("id", "\(input.name)-hint"), .plainText($0)) },
            .unwrap(input.error) { .p(.class("error"), .attr("id", "\(input.name)-error"), .plainText(t($0))) },
            .selfClosedElement(named: "input", attributes: attributes)
        )
    }

    public struct Choice: Sendable {
        public var value: String
        public var label: String
        /// The language of `label` when it is not the page's (a language's name in itself).
        public var lang: String?
        /// A remark after the label, in the page's language (a translation's status).
        public var note: String?
        public init(value: String, label: String, lang: String? = nil, note: String? = nil) {
            self.value = value
            self.label = label
            self.lang = lang
            self.note = note
        }
    }

    /// A group of checkboxes or radio buttons in a fieldset with a legend.
    public static func choices<C: HTML.BodyContext>(name: String, legend: String, type: String, options: [Choice], selected: [String],
                               error: String?, hint: String? = nil, t: Localizer) -> Node<C> {
        .fieldset(
            .attr("id", name),
            .attr("class", error == nil ? "field choices" : "field choices invalid"),
            .if(error != nil, .attr("aria-describedby", "\(name)-error")),
            .element(named: "legend", nodes: [.plainText(legend)]),
            .unwrap(hint) { .p(.class("hint"), .plainText($0)) },
            .unwrap(error) { .p(.class("error"), .attr("id", "\(name)-error"), .plainText(t($0))) },
            .forEach(options) { option in
                let id = "\(name)-\(option.value)"
                return .div(
                    .class("choice"),
                    .selfClosedElement(named: "input", attributes: [
                        .attr("type", type), .attr("id", id), .attr("name", type == "checkbox" ? "\(name)[]" : name),
                        .attr("value", option.value), .flag("checked", selected.contains(option.value)),
                    ] as [Attribute<HTML.InputContext>]),
                    .unwrap(option.note, { note in
                        .label(.attr("for", id), .span(.unwrap(option.lang) { .attr("lang", $0) }, .plainText(option.label)),
                               .plainText(" "), .span(.class("muted"), .plainText(note)))
                    }, else: .label(.attr("for", id), .unwrap(option.lang) { .attr("lang", $0) }, .plainText(option.label)))
                )
            }
        )
    }

    public static func submit<C: HTML.BodyContext>(_ label: String) -> Node<C> {
        .div(.class("actions"), .button(.type(.submit), .class("primary"), .plainText(label)))
    }
}
