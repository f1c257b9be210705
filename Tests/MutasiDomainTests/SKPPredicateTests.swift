import Testing
@testable import MutasiDomain

@Suite struct SKPPredicateTests {
    @Test func labelsAndScores() throws {
        let expected: [(String, Int)] = [
            ("Sangat Baik", 5), ("Baik", 4), ("Butuh Perbaikan", 3), ("Kurang", 2), ("Sangat Kurang", 1),
        ]
        for (label, score) in expected {
            let predicate = try SKPPredicate(parsing: label)
            #expect(predicate.score == score)
            #expect(predicate.label == label)
        }
        #expect(SKPPredicate.needsImprovement < SKPPredicate.good)
    }

    @Test func toleratesCaseAndSpacing() throws {
        #expect(try SKPPredicate(parsing: "  sangat   BAIK ") == .veryGood)
        #expect(try SKPPredicate(parsing: "butuh perbaikan") == .needsImprovement)
    }

    @Test(arguments: ["Cukup", "Amat Baik", "5", "", "SangatBaik"])
    func refusesOthers(raw: String) {
        expectInvalid("skp_predicate.invalid", field: "skp_predicate") { _ = try SKPPredicate(parsing: raw) }
    }

    @Test func codesAsLabel() throws {
        #expect(try json(SKPPredicate.poor) == "\"Kurang\"")
        #expect(try decode(SKPPredicate.self, "\"Sangat Kurang\"") == .veryPoor)
    }
}
