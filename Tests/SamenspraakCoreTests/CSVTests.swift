import SamenspraakCore
import Testing

@Suite struct CSVTests {
    @Test func a_cell_that_starts_like_a_formula_is_neutralised() {
        #expect(CSV.field("=SUM(A1:A9)") == "'=SUM(A1:A9)")
        #expect(CSV.field("+32 9 123") == "'+32 9 123")
        #expect(CSV.field("@home") == "'@home")
    }

    @Test func commas_quotes_and_line_breaks_are_quoted() {
        #expect(CSV.field("a, b") == "\"a, b\"")
        #expect(CSV.field("zei \"ja\"") == "\"zei \"\"ja\"\"\"")
        #expect(CSV.field("twee\nregels") == "\"twee\nregels\"")
        #expect(CSV.field("gewoon") == "gewoon")
    }
}
