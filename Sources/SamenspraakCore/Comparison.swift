import Foundation

/// All schools of a trajectory side by side per key, from each school's latest parent survey.
public struct TrajectoryComparison: Equatable, Sendable {
    public struct Column: Equatable, Sendable {
        public let schoolID: String
        /// The school's name, or nil when the viewer may not see it ("another school").
        public let name: String?
        public let isViewer: Bool
        /// nil when the school has no survey with enough answers on that key.
        public let scores: [Int: Score]
        /// For a school shown without its name: "another school (n)", numbered in an order that says nothing about
        /// the names (see `SchoolInput.hiddenOrder`).
        public var number: Int? = nil
    }

    public struct Pairing: Equatable, Sendable {
        public let key: Int
        /// The school that wants to grow on `key`…
        public let learner: String
        /// …and the school that is strongest on it.
        public let teacher: String
    }

    public let columns: [Column]
    /// Keys on which at least half of the schools with figures (two or more) have the key among their own three best.
    public let strongAcrossGroup: [Int]
    public let pairings: [Pairing]

    public struct SchoolInput: Equatable, Sendable {
        public let id: String
        public let name: String
        public let shareName: Bool
        public let report: WaveReport?
        /// Where the school goes among those shown without a name: a value unrelated to its name (the app gives a
        /// keyed hash of the school and its trajectory), so neither place nor number hints at which school it is.
        public let hiddenOrder: String
        public init(id: String, name: String, shareName: Bool, report: WaveReport?, hiddenOrder: String? = nil) {
            self.id = id
            self.name = name
            self.shareName = shareName
            self.report = report
            self.hiddenOrder = hiddenOrder ?? id
        }
    }

    /// `viewer`: the school looking (sees its own name and the names of schools that agreed), or nil for the
    /// coordinator, who sees every name. Schools with a name shown come first, in the order given; the others
    /// follow in the order of their `hiddenOrder`, numbered 1, 2, …
    public static func build(_ schools: [SchoolInput], viewer: String?) -> TrajectoryComparison {
        func named(_ school: SchoolInput) -> Bool { viewer == nil || viewer == school.id || school.shareName }
        let hidden = schools.filter { !named($0) }.sorted { ($0.hiddenOrder, $0.id) < ($1.hiddenOrder, $1.id) }
        let ordered = schools.filter(named) + hidden
        let columns = ordered.map { school in
            Column(schoolID: school.id,
                   name: named(school) ? school.name : nil,
                   isViewer: viewer == school.id,
                   scores: Dictionary(uniqueKeysWithValues: (school.report?.keys ?? []).compactMap { result in
                       result.score.map { (result.key, $0) }
                   }),
                   number: hidden.firstIndex { $0.id == school.id }.map { $0 + 1 })
        }
        let withFigures = schools.compactMap(\.report).filter(\.hasFigures)
        let strong = Questionnaire.keys.filter { key in
            let among = withFigures.filter { $0.strengths.contains(key) }.count
            return withFigures.count >= 2 && among * 2 >= withFigures.count
        }
        var pairings: [Pairing] = []
        for school in ordered {
            guard let report = school.report else { continue }
            for key in report.growth {
                let best = columns.filter { $0.schoolID != school.id }
                    .compactMap { column in column.scores[key].map { (column.schoolID, $0) } }
                    .max { $0.1.value < $1.1.value }
                if let best, let own = report.key(key)?.score, best.1.low > own.high {
                    pairings.append(Pairing(key: key, learner: school.id, teacher: best.0))
                }
            }
        }
        return TrajectoryComparison(columns: columns, strongAcrossGroup: strong, pairings: pairings)
    }
}
