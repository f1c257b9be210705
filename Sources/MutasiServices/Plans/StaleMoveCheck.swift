import Foundation
import MutasiDomain
import MutasiRepositories

/// The re-check of a plan's kept moves against the live records before approval. A move is
/// stale when its employee is no longer placed (`inactive`), sits elsewhere than the move's
/// origin (`moved`), is locked (`locked`), or is retired or reaches retirement within the
/// plan's horizon (`retiring`: the engine would count them inactive).
enum StaleMoveCheck {
    static func run(_ tx: any StoreTransaction, tenantID: UUID, plan: TransferPlan, today: CalendarDate) async throws
        -> [DomainError.Item] {
        let moves = try await tx.planDecisions.liveMoves(tenantID: tenantID, planID: plan.id)
        guard !moves.isEmpty else { return [] }
        var overrides: [PositionKind: Int] = [:]
        for (kind, age) in try await tx.planningData.retirementAgeOverrides(tenantID: tenantID) {
            if let kind = PositionKind(rawValue: kind) { overrides[kind] = age }
        }
        let ages = try RetirementAgeTable(overriding: overrides)
        return moves.compactMap { move in
            reason(move, ages: ages, horizonMonths: plan.policy.horizonMonths, today: today)
                .map { DomainError.Item(id: move.employeeID.uuidString.lowercased(), reason: $0) }
        }
    }

    static func reason(_ move: LiveMoveRecord, ages: RetirementAgeTable, horizonMonths: Int, today: CalendarDate) -> String? {
        guard let slot = move.currentSlotID else { return "inactive" }
        if slot != move.fromSlotID { return "moved" }
        if move.locked { return "locked" }
        let retirement = ages.retirementDate(birthDate: move.birthDate, kind: PositionKind(rawValue: move.positionKind) ?? .executor)
        if retirement <= today || PlanningInstanceBuilder.wholeMonths(from: today, to: retirement) <= horizonMonths {
            return "retiring"
        }
        return nil
    }
}
