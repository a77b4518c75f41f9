import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Paper forms are typed in while the wave is open and for `SAMENSPRAAK_PAPER_DAYS` after: late forms still
/// count, but a report the school has discussed does not change weeks later.
extension StaffWaveController {
    static func paperWindow(_ req: Request, _ wave: Wave) -> PaperEntryWindow {
        PaperEntryWindow(opens: wave.opens, closes: wave.closes, graceDays: req.application.samenspraakConfig.paperDays)
    }

    /// The page saying until (or from) when paper forms can be typed in, outside that window; nil inside it.
    static func paperClosed(_ req: Request, wave: Wave) -> Response? {
        let window = paperWindow(req, wave)
        let today = Day(date: req.now)
        guard !window.allows(on: today) else { return nil }
        let model = PaperClosedPage.Model(shell: req.shell(), waveID: wave.publicID, schoolName: wave.school.name, window: window, today: today)
        return .html(PaperClosedPage.view(model), status: .forbidden)
    }
}
