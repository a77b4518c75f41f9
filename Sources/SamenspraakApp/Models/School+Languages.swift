import SamenspraakCore

extension School {
    /// The languages this school offers parents that `available` has, in the school's order; Dutch when none is left.
    /// A spoken-only language the school offers is always among them: its pages show the Dutch texts, small, and play
    /// the school's recordings, and the school can only offer it (and keeps offering it) with every text recorded.
    func offeredLanguages(among available: [LanguageCode]) -> [LanguageCode] {
        let offered = languages.filter { available.contains($0) || $0.isSpokenOnly }
        return offered.contains(where: { !$0.isSpokenOnly }) ? offered : [.nl] + offered
    }
}
