import Foundation
import Plot
import SamenspraakCore

/// Printable cards (eight to an A4 page) or a poster for a moment: QR code, address, "how was it?" in each language.
public enum MomentPrintPage {
    public struct Model: Equatable, Sendable {
        public var schoolName: String
        public var moment: MomentHeading
        public var link: String
        public var qr: QRMatrix?
        public var texts: [Questionnaire.Texts]
        public var staffLanguage: LanguageCode
        public var printHint: String
        public var poster: Bool

        public init(schoolName: String, moment: MomentHeading, link: String, qr: QRMatrix?, texts: [Questionnaire.Texts],
                    staffLanguage: LanguageCode, printHint: String, poster: Bool) {
            self.schoolName = schoolName
            self.moment = moment
            self.link = link
            self.qr = qr
            self.texts = texts
            self.staffLanguage = staffLanguage
            self.printHint = printHint
            self.poster = poster
        }
    }

    static func lines(_ texts: [Questionnaire.Texts], listClass: String) -> Node<HTML.BodyContext> {
        .ul(.attr("class", listClass), .forEach(texts) { t in
            .li(.attr("lang", t.language.rawValue), .attr("dir", t.language.isRightToLeft ? "rtl" : "ltr"),
                .strong(.plainText(t("rating.title"))), .plainText(" " + t("rating.face_hint")))
        })
    }

    public static func view(_ model: Model) -> HTML {
        let heading = "\(model.moment.title) · \(model.moment.date)"
        if model.poster {
            return PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "poster", main: .div(
                .p(.class("screen-only"), .plainText(model.printHint)),
                .h1(.plainText(model.schoolName)),
                .p(.class("poster-sub"), .plainText(heading)),
                .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 320) },
                .p(.class("poster-link"), .plainText(model.link)),
                lines(model.texts, listClass: "poster-lines")
            ))
        }
        return PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "slips", main: .div(
            .p(.class("screen-only"), .plainText(model.printHint)),
            .h1(.class("screen-only"), .plainText(heading)),
            .ul(.class("slip-grid"), .forEach(0..<8) { _ in
                .li(.class("slip"),
                    .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 110) },
                    .p(.class("slip-school"), .plainText(model.schoolName)),
                    .p(.plainText(heading)),
                    .p(.class("slip-link"), .plainText(model.link)),
                    lines(model.texts, listClass: "slip-lines"))
            })
        ))
    }
}
