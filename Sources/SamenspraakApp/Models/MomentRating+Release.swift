import Fluent
import Foundation
import SamenspraakCore
import SQLKit

/// Ratings are shown only in steps of at least the minimum group: a new or changed rating waits ("pending") until
/// the moment has at least that many pending ones, and then they are released together, in the transaction of
/// the rating that made the number. Whoever reloads a moment's figures (the teacher after one parent's talk, a
/// visitor polling the public profile) sees them change by a group, never by one parent's face, chips or sentence.
extension MomentRating {
    /// Stores a device's rating (new, or a change of its earlier one) as pending and releases the moment's pending
    /// ratings when there are enough. Call it inside the write's transaction (the group commit's work).
    static func store(_ answer: RatingAnswer, momentID: UUID, deviceHash: String, language: LanguageCode, day: Day, threshold: Int,
                      on db: any Database) async throws {
        // On PostgreSQL two sends for one moment could each count the other's pending rating as not there yet and
        // release a batch of one; the moment's row lock lines them up. SQLite has one writer and leaves the lock out.
        if let sql = db as? any SQLDatabase {
            _ = try await sql.select().column("id").from(Moment.schema).where("id", .equal, SQLBind(momentID)).for(.update).all()
        }
        for attempt in 1...2 {
            do {
                try await write(answer, momentID: momentID, deviceHash: deviceHash, language: language, day: day, on: db)
                break
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt == 1 {
                // Two sends of one device raced (SQLite without the lock): the other inserted, this one updates.
                continue
            }
        }
        try await releaseIfDue(momentID: momentID, threshold: threshold, on: db)
    }

    private static func write(_ answer: RatingAnswer, momentID: UUID, deviceHash: String, language: LanguageCode, day: Day,
                              on db: any Database) async throws {
        guard let existing = try await MomentRating.query(on: db).filter(\.$moment.$id == momentID).filter(\.$deviceHash == deviceHash).first() else {
            try await MomentRating(momentID: momentID, deviceHash: deviceHash, answer: answer, language: language, day: day).create(on: db)
            return
        }
        if existing.released == nil {
            existing.apply(answer, language: language, day: day)
            try await existing.save(on: db)
            return
        }
        // A released rating stays as it is shown until its change is released with enough others; changing it in
        // place would show one parent's change as the difference. The released row lets go of the device, so the
        // device finds (and may change again) its pending one.
        let changed = MomentRating(momentID: momentID, deviceHash: deviceHash, answer: answer, language: language, day: day)
        changed.replaces = try existing.requireID()
        changed.textHidden = existing.textHidden
        changed.textPublic = existing.textPublic && existing.text == changed.text
        existing.deviceHash = "replaced:" + UUID().uuidString
        try await existing.save(on: db)
        try await changed.create(on: db)
    }

    /// Releases every pending rating of the moment as one batch once there are at least `threshold` of them. A
    /// changed rating takes the place of the one it replaces, which takes its moderation history along and goes.
    static func releaseIfDue(momentID: UUID, threshold: Int, on db: any Database) async throws {
        let pending = try await MomentRating.query(on: db).filter(\.$moment.$id == momentID).filter(\.$released == nil).all()
        guard pending.count >= max(threshold, Suppression.minimumThreshold) else { return }
        let last = try await MomentRating.query(on: db).filter(\.$moment.$id == momentID).max(\.$released)
        let batch = (last.flatMap { $0 } ?? 0) + 1
        for rating in pending {
            guard let old = rating.replaces else { continue }
            try await RatingModeration.query(on: db).filter(\.$rating.$id == old).set(\.$rating.$id, to: try rating.requireID()).update()
            try await MomentRating.query(on: db).filter(\.$id == old).delete()
        }
        try await MomentRating.query(on: db).filter(\.$id ~~ pending.compactMap(\.id))
            .set(\.$released, to: batch).set(\.$replaces, to: nil).update()
    }

    /// Only released ratings: what every figure and sentence is made of.
    static func released(on db: any Database) -> QueryBuilder<MomentRating> {
        MomentRating.query(on: db).filter(\.$released != nil)
    }
}
