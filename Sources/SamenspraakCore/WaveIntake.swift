/// How answers came in beside the figures: sends the open link's limit refused, and who typed in how many paper
/// forms. Counts only: never which answer, never when, never from where.
public struct WaveIntake: Equatable, Sendable {
    public struct Typist: Equatable, Sendable {
        public var name: String
        public var count: Int
        public init(name: String, count: Int) {
            self.name = name
            self.count = count
        }
    }

    public var refusedSends: Int
    public var refusedBegins: Int
    public var typists: [Typist]

    public init(refusedSends: Int = 0, refusedBegins: Int = 0, typists: [Typist] = []) {
        self.refusedSends = refusedSends
        self.refusedBegins = refusedBegins
        self.typists = typists
    }

    public static func mock(text: String) -> WaveIntake {
        WaveIntake(refusedSends: 3, refusedBegins: 1, typists: [Typist(name: text, count: 12), Typist(name: text, count: 3)])
    }
}
