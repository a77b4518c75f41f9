import Fluent
import Foundation
import SamenspraakCore
import Vapor

extension Wave {
    static func open(on db: any Database, services: AppServices, schoolID: UUID, questionnaire: String,
                         opens: Day, closes: Day, families: Int?) async throws -> Wave {
        var slug = ShortSlug.generate(randomBytes: services.randomBytes)
        while try await Wave.query(on: db).filter(\.$slug == slug).count() > 0 {
            slug = ShortSlug.generate(randomBytes: services.randomBytes)
        }
        let wave = Wave(schoolID: schoolID, questionnaire: questionnaire, slug: slug, opens: opens, closes: closes, families: families)
        try await wave.create(on: db)
        return wave
    }

    /// Makes `count` new codes for a wave and stores only their keyed hashes, in random order.
    static func makeCodes(_ count: Int, for wave: Wave, day: Day? = nil, app: Application, on db: any Database) async throws -> [String] {
        let waveID = try wave.requireID()
        var codes: [String] = []
        var hashes: [String] = []
        while codes.count < count {
            for code in OneTimeCode.generate(count: count - codes.count, randomBytes: app.services.randomBytes) {
                let hash = try await app.codeHash(code, on: db)
                if hashes.contains(hash) { continue }
                if try await WaveCode.query(on: db).filter(\.$codeHash == hash).count() > 0 { continue }
                codes.append(code)
                hashes.append(hash)
            }
        }
        let rows = hashes.shuffled().map { WaveCode(waveID: waveID, codeHash: $0) }
        try await db.transaction { db in
            for row in rows { try await row.create(on: db) }
            if let day {
                wave.codesMadeOn = day
                try await wave.save(on: db)
            }
        }
        return codes
    }
}
