import Foundation
import MutasiDomain

/// A kept move as the approval re-check reads the live records: where the employee is now,
/// whether they are locked, and what their retirement date is derived from.
public struct LiveMoveRecord: Sendable {
    public var employeeID: UUID
    public var fromSlotID: UUID
    public var toSlotID: UUID
    /// The employee's slot now; nil when no longer placed.
    public var currentSlotID: UUID?
    public var locked: Bool
    public var birthDate: CalendarDate
    /// The position kind of the employee's current slot (else the origin's), for the retirement age.
    public var positionKind: String
    public init(employeeID: UUID, fromSlotID: UUID, toSlotID: UUID, currentSlotID: UUID?, locked: Bool,
                birthDate: CalendarDate, positionKind: String) {
        self.employeeID = employeeID; self.fromSlotID = fromSlotID; self.toSlotID = toSlotID
        self.currentSlotID = currentSlotID; self.locked = locked; self.birthDate = birthDate; self.positionKind = positionKind
    }
}

/// How an approved (or later) plan decided one employee's move: the target unit's name, nil
/// when the plan does not move them, and the reason when the approver dropped the move.
public struct MoveDecisionRecord: Sendable {
    public var toUnit: String?
    public var droppedReason: String?
    public init(toUnit: String?, droppedReason: String?) { self.toUnit = toUnit; self.droppedReason = droppedReason }
}

/// A plan's lifecycle after review, within the transaction's tenant: submitting, deciding,
/// cancelling, dropping moves and storing the figures of the moves kept. The caller holds the
/// plan's row lock (`PlanReviewRepository.lock`).
public protocol PlanDecisionRepository: Sendable {
    /// Moves the plan to `submitted`, recording who and when; returns it at the next version.
    func submit(tenantID: UUID, id: UUID, by: UUID) async throws -> TransferPlan
    /// Moves the plan to `approved` or `rejected`, recording who, when and the note.
    func decide(tenantID: UUID, id: UUID, status: TransferPlan.Status, by: UUID, note: String?) async throws -> TransferPlan
    func cancel(tenantID: UUID, id: UUID, by: UUID, reason: String) async throws -> TransferPlan
    /// Objections of the plan not yet upheld or rejected.
    func undecidedObjections(tenantID: UUID, planID: UUID) async throws -> Int
    /// Kept moves without an answer.
    func unansweredMoves(tenantID: UUID, planID: UUID) async throws -> Int
    /// Marks the move dropped; the move as read before is the caller's to check.
    func dropMove(tenantID: UUID, planID: UUID, employeeID: UUID, by: UUID, reason: String) async throws
    /// The plan's moves not dropped, as the planning instance names them: the employee's NIP
    /// and the target slot's `unit-code/slot-code`.
    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [(employee: String, toSlot: String)]
    /// Replaces the plan's figures with those of its kept moves; returns it at the next version.
    func saveFigures(tenantID: UUID, id: UUID, objective: Int, before: BalanceFigures, after: BalanceFigures,
                     moveCount: Int, voice: VoiceFigures) async throws -> TransferPlan
    /// The kept moves with their employees' live records.
    func liveMoves(tenantID: UUID, planID: UUID) async throws -> [LiveMoveRecord]
    /// The employee's move in the latest plan of the campaign that is approved or later
    /// (decreed, executed); nil when the campaign has no such plan.
    func decidedMove(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> MoveDecisionRecord?
}
