import Foundation
import MutasiDomain
import Testing

/// The stored plan policy of planning model version 2 and the move as the API shows it.
struct PlanPolicyTests {
    @Test func policiesStoredBeforeTheWeightsReadWithTheDefaults() throws {
        let old = try JSONDecoder().decode(PlanPolicy.self, from: Data(#"{"scope":"regency","minPerformance":3}"#.utf8))
        #expect(old == PlanPolicy(minPerformance: 3, scope: .regency))
        #expect(old.mode == .balance && old.fitWeight == 3 && old.wishBonus == 200 && old.wishStep == 30)
        #expect(old.compulsoryCost == 300 && old.stayCost == 200 && old.ignoredWishCost == 150)
        let voluntary = try JSONDecoder().decode(PlanPolicy.self, from: Data(#"{"mode":"voluntary","stayCost":0}"#.utf8))
        #expect(voluntary.mode == .voluntary && voluntary.stayCost == 0)
    }

    @Test func weightsOutsideTheirRangeNameTheirField() throws {
        #expect(throws: Never.self) { try PlanPolicy(fitWeight: 0, ignoredWishCost: 100_000).validated() }
        for (policy, field) in [(PlanPolicy(fitWeight: -1), "policy.fitWeight"),
                                (PlanPolicy(wishBonus: 100_001), "policy.wishBonus"),
                                (PlanPolicy(wishStep: -3), "policy.wishStep"),
                                (PlanPolicy(compulsoryCost: 100_001), "policy.compulsoryCost"),
                                (PlanPolicy(stayCost: -1), "policy.stayCost"),
                                (PlanPolicy(ignoredWishCost: 1_000_000), "policy.ignoredWishCost"),
                                (PlanPolicy(maxTrainableGap: 21), "policy.maxTrainableGap")] {
            do {
                _ = try policy.validated()
                Issue.record("\(field) accepted")
            } catch let error as DomainError {
                #expect(error.field == field)
            }
        }
    }

    @Test func aMoveToAnUnlistedUnitShowsWishRankNull() throws {
        func json(_ rank: Int?) throws -> [String: Any] {
            let move = PlanMove(employeeID: UUID(), nip: "1", employeeName: "A", fromSlotID: UUID(), fromSlot: "u/a",
                                toSlotID: UUID(), toSlot: "u/b", kind: "compulsory", wishRank: rank, cost: 300, fit: 100,
                                distance: 0, grant: 0, burden: 300, trainingNeeds: [])
            return try JSONSerialization.jsonObject(with: JSONEncoder().encode(move)) as! [String: Any]
        }
        #expect(try json(nil)["wishRank"] is NSNull)
        #expect(try json(2)["wishRank"] as? Int == 2)
        #expect(try json(nil)["preference"] == nil && json(nil)["burden"] as? Int == 300)
        let decoded = try JSONDecoder().decode(PlanMove.self, from: JSONEncoder().encode(
            PlanMove(employeeID: UUID(), nip: "1", employeeName: "A", fromSlotID: UUID(), fromSlot: "u/a", toSlotID: UUID(),
                     toSlot: "u/b", kind: "voluntary", wishRank: nil, cost: -200, fit: 100, distance: 0, grant: 200,
                     burden: 0, trainingNeeds: [])))
        #expect(decoded.wishRank == nil && decoded.kind == "voluntary")
    }
}
