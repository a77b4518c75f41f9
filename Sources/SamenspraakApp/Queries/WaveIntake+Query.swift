import Fluent
import Foundation
import SamenspraakCore

extension WaveIntake {
    /// A wave's refused sends and who typed in how many paper forms, most first.
    static func load(waveID: UUID, on db: any Database, t: Localizer? = nil) async throws -> WaveIntake {
        let refusals = try await WaveRefusals.query(on: db).filter(\.$wave.$id == waveID).first()
        let typed = try await PaperEntryCount.query(on: db).filter(\.$wave.$id == waveID).with(\.$user).all()
        let typists = typed.map { Typist(name: $0.user.shownName(t), count: $0.responses) }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        return WaveIntake(refusedSends: refusals?.sends ?? 0, refusedBegins: refusals?.begins ?? 0, typists: typists)
    }
}
