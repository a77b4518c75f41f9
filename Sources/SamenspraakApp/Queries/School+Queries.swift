import Fluent
import Foundation
import SamenspraakCore

extension School {
    /// Gives the school the address of its public pages (`/school/NAME`, `/stories/schools/NAME`) if it has
    /// none yet: its name as an address part, made unique with a number when another school has it. Kept once made.
    func claimProfileSlug(randomBytes: @Sendable (Int) -> [UInt8], on db: any Database) async throws {
        guard profileSlug == nil else { return }
        var base = Slug.make(name)
        if base.isEmpty { base = "school-" + ShortSlug.generate(randomBytes: randomBytes) }
        var candidate = base
        var number = 2
        while try await School.query(on: db).filter(\.$profileSlug == candidate).count() > 0 {
            candidate = "\(base)-\(number)"
            number += 1
        }
        profileSlug = candidate
    }
}
