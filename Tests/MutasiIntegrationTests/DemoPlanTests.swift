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
        }
    }
}
