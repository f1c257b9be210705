import Foundation
import MutasiDomain
import MutasiServices
import Testing

/// The demo tells its story: a plan built on Provinsi Sabangau's data visibly improves the
/// balance, by moving teachers from schools that lost pupils to schools that gained them.
@Suite("Demo plan")
struct DemoPlanTests {
    @Test("a plan on the demo province moves teachers and cuts the imbalance")
    func demoPlanImprovesBalance() async throws {
        try await TestApp.run { _, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let created = try await services.plans.create(actor: admin, tenantID: admin.scope.uuid, name: "Demo", policy: PlanPolicy())
            #expect(try await PlanBuildWorker(services.env).runOnce())
            let status = try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: created.plan.id)
            let before = try #require(status.plan.before), after = try #require(status.plan.after)
            #expect(after.imbalance < before.imbalance - 0.02)
            let moves = try await services.plans.moves(actor: admin, tenantID: admin.scope.uuid, id: created.plan.id,
                                                       page: try PageRequest(limit: 200))
            #expect(moves.items.contains { $0.toSlot.contains("GURU") })
            // Without the demo campaign nobody has a wish: every move is compulsory.
            #expect(status.plan.voice?.compulsoryMoves == moves.total && status.plan.voice?.movesOnWish == 0)
        }
    }
}

@Suite("Demo needs analyses")
struct DemoNeedsAnalysesTests {
    @Test("the demo holds approved analyses that yield the slots' needs, and one awaiting verification")
    func approvedAndPending() async throws {
        try await TestApp.run { _, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            let all = try await services.needs.list(actor: admin, tenantID: tenantID, filter: .init(), page: try PageRequest(limit: 200))
            let approved = all.items.filter { $0.state == .approved }
            #expect(approved.count >= 8)
            #expect(all.items.filter { $0.state == .submitted }.count == 1)
            let slots = try await services.env.store.transaction(in: admin.scope) { tx in try await tx.planningData.slots(tenantID: tenantID) }
            for analysis in approved {
                let slot = try #require(slots.first { $0.id == analysis.slotID })
                #expect(analysis.approvedNeed == slot.need)
            }
            // Seeding again adds nothing.
            try await services.demo.seed()
            let again = try await services.needs.list(actor: admin, tenantID: tenantID, filter: .init(), page: try PageRequest(limit: 1))
            #expect(again.total == all.total)
        }
    }
}
