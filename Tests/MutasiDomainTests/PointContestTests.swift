import Foundation
import Testing
@testable import MutasiDomain

/// The remote-service rule and contest adjustments in priority points, and the checks of a contest.
@Suite struct PointContestTests {
    static func date(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }
    static let asOf = date("2026-12-31")

    @Test func remoteServiceCountsOnceNamingTheUnits() {
        let rules = PointRules(remoteService: 75)
        let points = PriorityPoints.compute(rules, slotSince: nil, asOf: Self.asOf, reasons: [],
                                            remoteUnits: ["SDN-9", "PKM-3", "SDN-9"])
        #expect(points.total == 75)
        #expect(points.breakdown.map(\.rule) == ["remoteService"])
        #expect(points.breakdown[0].detail == "Bertugas atau pernah bertugas di unit daerah terpencil: PKM-3, SDN-9")
        // No remote unit, or a rule of 0: nothing.
        #expect(PriorityPoints.compute(rules, slotSince: nil, asOf: Self.asOf, reasons: []).breakdown.isEmpty)
        #expect(PriorityPoints.compute(PointRules(), slotSince: nil, asOf: Self.asOf, reasons: [], remoteUnits: ["SDN-9"]).total == 0)
    }

    @Test func adjustmentsFollowTheRulesAndTheTotalStaysWithin0And500() {
        let rules = PointRules(health: 100, remoteService: 50)
        let up = PriorityPoints.compute(rules, slotSince: nil, asOf: Self.asOf, reasons: [.health], remoteUnits: ["U-1"],
                                        adjustments: [.init(points: 30, note: "Masa kerja di Alor belum tercatat")])
        #expect(up.total == 180)
        #expect(up.breakdown.map(\.rule) == ["health", "remoteService", "contest"])
        #expect(up.breakdown.last == PriorityPoints.Part(rule: "contest", points: 30, detail: "Masa kerja di Alor belum tercatat"))
        let down = PriorityPoints.compute(rules, slotSince: nil, asOf: Self.asOf, reasons: [.health],
                                          adjustments: [.init(points: -400, note: "Alasan kesehatan tidak terbukti")])
        #expect(down.total == 0)
        #expect(down.breakdown.map(\.points) == [100, -400])
        let over = PriorityPoints.compute(PointRules(health: 500), slotSince: nil, asOf: Self.asOf, reasons: [.health],
                                          adjustments: [.init(points: 200, note: "a"), .init(points: 100, note: "b")])
        #expect(over.total == 500)
        #expect(over.breakdown.count == 3)
    }

    @Test func remoteServiceIsRangeCheckedAndDecoded() throws {
        expectInvalid("campaign.invalid_point_rule", field: "pointRules.remoteService") { try PointRules(remoteService: 501).validate() }
        expectInvalid("campaign.invalid_point_rule", field: "pointRules.remoteService") { try PointRules(remoteService: -1).validate() }
        #expect(throws: Never.self) { try PointRules(remoteService: 500).validate() }
        let decoded = try JSONDecoder().decode(PointRules.self, from: Data(#"{"remoteService": 40}"#.utf8))
        #expect(decoded == PointRules(remoteService: 40))
        #expect(try JSONDecoder().decode(PointRules.self, from: Data("{}".utf8)).remoteService == 0)
    }

    @Test func contestInputsAreChecked() throws {
        #expect(try PointContest.reason("  Masa kerja saya di Alor belum dihitung  ") == "Masa kerja saya di Alor belum dihitung")
        expectInvalid("contest.invalid_reason", field: "reason") { _ = try PointContest.reason("terlalu   ") }
        expectInvalid("contest.invalid_reason", field: "reason") { _ = try PointContest.reason(String(repeating: "a", count: 1001)) }
        #expect(try PointContest.reason(String(repeating: "a", count: 1000)).count == 1000)
        expectInvalid("contest.invalid_note", field: "note") { _ = try PointContest.note("  ") }
        expectInvalid("contest.invalid_note", field: "note") { _ = try PointContest.note(String(repeating: "b", count: 1001)) }
        #expect(try PointContest.adjustment(-500, for: .uphold) == -500)
        #expect(try PointContest.adjustment(500, for: .uphold) == 500)
        #expect(try PointContest.adjustment(nil, for: .reject) == nil)
        for bad in [nil, 0, 501, -501, Int.max, Int.min] as [Int?] {
            expectInvalid("contest.invalid_adjustment", field: "adjustment") { _ = try PointContest.adjustment(bad, for: .uphold) }
        }
        expectInvalid("contest.invalid_adjustment", field: "adjustment") { _ = try PointContest.adjustment(10, for: .reject) }
    }
}
