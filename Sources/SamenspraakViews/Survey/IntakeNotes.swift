import Plot
import SamenspraakCore

/// Beside a wave's figures: how many sends the open link's limit refused, and who typed in how many paper forms.
/// Shown on the wave's page and its report; nothing when there is nothing to say.
public enum IntakeNotes {
    public static func list<C: HTML.BodyContext>(_ intake: WaveIntake?, t: Localizer) -> Node<C> {
        guard let intake, intake.refusedSends > 0 || intake.refusedBegins > 0 || !intake.typists.isEmpty else { return .empty }
        let typists = intake.typists.map { t("intake.typist", ["name": $0.name, "count": String($0.count)]) }.joined(separator: ", ")
        return .ul(
            .class("intake"),
            .if(intake.refusedSends > 0, .li(.plainText(t("intake.refused_sends", ["count": String(intake.refusedSends)])))),
            .if(intake.refusedBegins > 0, .li(.plainText(t("intake.refused_begins", ["count": String(intake.refusedBegins)])))),
            .if(intake.refusedSends > 0 || intake.refusedBegins > 0, .li(.class("muted"), .plainText(t("intake.refused_hint")))),
            .if(!intake.typists.isEmpty, .li(.plainText(t("intake.typed_in", ["names": typists]))))
        )
    }
}
