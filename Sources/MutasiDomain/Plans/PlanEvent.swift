import Foundation

/// One step in a plan's life (its history): the status it left and entered, who took the step,
/// when, and the reason or note given. Kept beside the audit trail so that a plan page can show
/// its own story without reading the whole tenant's trail.
public struct PlanEvent: Codable, Sendable, Equatable {
    public var seq: Int
    /// What was done, e.g. `review_opened`, `submitted`, `approved`, `move_dropped`, `cancelled`.
    public var step: String
    public var fromStatus: TransferPlan.Status
    public var toStatus: TransferPlan.Status
    /// Who took the step; nil for steps the system takes (execution on the effective date).
    public var actorID: UUID?
    public var note: String?
    public var at: Date

    public init(seq: Int, step: String, fromStatus: TransferPlan.Status, toStatus: TransferPlan.Status, actorID: UUID?,
                note: String?, at: Date) {
        self.seq = seq; self.step = step; self.fromStatus = fromStatus; self.toStatus = toStatus
        self.actorID = actorID; self.note = note; self.at = at
    }
}
