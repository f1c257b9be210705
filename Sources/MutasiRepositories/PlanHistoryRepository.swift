import Foundation
import MutasiDomain

/// A plan's history (`plan_events`), within the transaction's tenant. Steps are appended in the
/// transaction that takes them, so a step and its history entry stand or fall together.
public protocol PlanHistoryRepository: Sendable {
    /// Appends the next entry (seq = last + 1); the caller holds the plan's row lock.
    @discardableResult
    func append(tenantID: UUID, planID: UUID, step: String, from: TransferPlan.Status, to: TransferPlan.Status,
                actorID: UUID?, note: String?) async throws -> PlanEvent
    /// Oldest first.
    func list(tenantID: UUID, planID: UUID) async throws -> [PlanEvent]
}
