import Plot
import SamenspraakCore

/// Instead of the paper entry form outside its window: until when (or from when) paper forms can be typed in.
public enum PaperClosedPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var waveID: String
        public var schoolName: String
        public var window: PaperEntryWindow
        public var today: Day

        public init(shell: PageShell, waveID: String, schoolName: String, window: PaperEntryWindow, today: Day) {
            self.shell = shell
            self.waveID = waveID
            self.schoolName = schoolName
            self.window = window
            self.today = today
        }

        public static func mock(text: String) -> Model {
            Model(shell: PageShell.mock(text: text), waveID: text, schoolName: text,
                  window: PaperEntryWindow(opens: Day(year: 2026, month: 9, day: 1), closes: Day(year: 2026, month: 9, day: 21), graceDays: 14),
                  today: Day(year: 2026, month: 10, day: 20))
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let notYet = model.today < model.window.opens
        let values = ["date": Dates.long(notYet ? model.window.opens : model.window.lastDay, t), "until": Dates.long(model.window.lastDay, t),
                      "days": String(model.window.graceDays)]
        let title = t(notYet ? "paper.not_yet.title" : "paper.closed.title")
        return Layout.document(model.shell, title: title, main: .div(
            .class("narrow"),
            .h1(.plainText(title)),
            .p(.class("lead"), .a(.attr("href", SiteRoute.wave(id: WaveID(model.waveID)).path), .plainText(model.schoolName))),
            .div(.class("notice info"), .attr("role", "status"), .p(.plainText(t(notYet ? "paper.not_yet.text" : "paper.closed.text", values))))
        ))
    }
}
