import Foundation
import MutasiDomain

extension PlanService {
    /// A plan with every policy field chosen by the caller: the tenant's defaults change nothing.
    public func create(actor: Principal, tenantID: UUID, name: String, policy: PlanPolicy, campaignID: UUID? = nil,
                       replanOf: UUID? = nil, idempotencyKey: String? = nil) async throws -> PlanStatus {
        try await create(actor: actor, tenantID: tenantID, name: name, policy: PlanPolicy.Overrides(policy),
                         campaignID: campaignID, replanOf: replanOf, idempotencyKey: idempotencyKey)
    }
}
