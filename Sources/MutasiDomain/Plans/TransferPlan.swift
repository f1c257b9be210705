import Foundation

/// A transfer plan (rencana mutasi) built from a tenant's live data: its policy, how far its
/// build has come, and its result.
public struct TransferPlan: Codable, Sendable, Equatable {
    /// Where the background build stands.
    public enum BuildState: String, Codable, Sendable {
        case queued, building, built, failed
    }
    public var tenantID: UUID
    public var id: UUID
    public var name: String
    public var policy: PlanPolicy
    public var buildState: BuildState
    public var buildError: String?
    public var objective: Int?
    public var before: BalanceFigures?
    public var after: BalanceFigures?
    public var moveCount: Int?
    public var createdBy: UUID
    public var createdAt: Date
    public var builtAt: Date?
    public var version: Int

    public init(tenantID: UUID, id: UUID, name: String, policy: PlanPolicy, buildState: BuildState,
                buildError: String?, objective: Int?, before: BalanceFigures?, after: BalanceFigures?,
                moveCount: Int?, createdBy: UUID, createdAt: Date, builtAt: Date?, version: Int) {
        self.tenantID = tenantID; self.id = id; self.name = name; self.policy = policy
        self.buildState = buildState; self.buildError = buildError; self.objective = objective
        self.before = before; self.after = after; self.moveCount = moveCount; self.createdBy = createdBy
        self.createdAt = createdAt; self.builtAt = builtAt; self.version = version
    }
}

/// Need, deficit, surplus and imbalance of a set of slots (planning.md, "Balance figures").
public struct BalanceFigures: Codable, Sendable, Equatable {
    public var need: Int
    public var deficit: Int
    public var surplus: Int
    public var imbalance: Double

    public init(need: Int, deficit: Int, surplus: Int, imbalance: Double) {
        self.need = need; self.deficit = deficit; self.surplus = surplus; self.imbalance = imbalance
    }
}

/// One proposed transfer and why: the planning.md cost parts and the training it needs.
public struct PlanMove: Codable, Sendable, Equatable {
    public struct TrainingNeed: Codable, Sendable, Equatable {
        public var code: String
        public var gap: Int
        public init(code: String, gap: Int) { self.code = code; self.gap = gap }
    }
    public var employeeID: UUID
    public var nip: String
    public var employeeName: String
    public var fromSlotID: UUID
    public var fromSlot: String
    public var toSlotID: UUID
    public var toSlot: String
    public var cost: Int
    public var fit: Int
    public var preference: Int
    public var distance: Int
    public var trainingNeeds: [TrainingNeed]

    public init(employeeID: UUID, nip: String, employeeName: String, fromSlotID: UUID, fromSlot: String,
                toSlotID: UUID, toSlot: String, cost: Int, fit: Int, preference: Int, distance: Int,
                trainingNeeds: [TrainingNeed]) {
        self.employeeID = employeeID; self.nip = nip; self.employeeName = employeeName
        self.fromSlotID = fromSlotID; self.fromSlot = fromSlot; self.toSlotID = toSlotID; self.toSlot = toSlot
        self.cost = cost; self.fit = fit; self.preference = preference; self.distance = distance
        self.trainingNeeds = trainingNeeds
    }
}
