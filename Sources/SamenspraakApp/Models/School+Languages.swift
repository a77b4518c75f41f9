import SamenspraakCore

extension School {
    /// The languages this school offers parents that `available` has, in the school's order; Dutch when none is left.
    func offeredLanguages(among available: [LanguageCode]) -> [LanguageCode] {
        let offered = languages.filter(available.contains)
        return offered.isEmpty ? [.nl] : offered
    }
}
