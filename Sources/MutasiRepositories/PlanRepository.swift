import Foundation
import MutasiDomain

/// A built plan's result, to be stored with its moves.
public struct PlanResult: Sendable {
    public var instanceJSON: String
    public var objective: Int
    public var before: BalanceFigures
    public var after: BalanceFigures
    /// (employee, from slot, to slot, cost, fit, preference, distance, training needs)
    public var moves: [StoredMove]

    public struct StoredMove: Sendable {
        public var employeeID: UUID
        public var fromSlotID: UUID
        public var toSlotID: UUID
        public var cost: Int
        public var fit: Int
        public var preference: Int
        public var distance: Int
        public var trainingNeeds: [PlanMove.TrainingNeed]
        public init(employeeID: UUID, fromSlotID: UUID, toSlotID: UUID, cost: Int, fit: Int, preference: Int,
                    distance: Int, trainingNeeds: [PlanMove.TrainingNeed]) {
            self.employeeID = employeeID; self.fromSlotID = fromSlotID; self.toSlotID = toSlotID; self.cost = cost
            self.fit = fit; self.preference = preference; self.distance = distance; self.trainingNeeds = trainingNeeds
        }
    }

    public init(instanceJSON: String, objective: Int, before: BalanceFigures, after: BalanceFigures, moves: [StoredMove]) {
        self.instanceJSON = instanceJSON; self.objective = objective; self.before = before; self.after = after
        self.moves = moves
    }
}

/// Storage of transfer plans and their moves, within the transaction's tenant.
public protocol PlanRepository: Sendable {
    func create(tenantID: UUID, name: String, policy: PlanPolicy, createdBy: UUID) async throws -> TransferPlan
    func find(tenantID: UUID, id: UUID) async throws -> TransferPlan?
    func list(tenantID: UUID, _ page: PageRequest) async throws -> Page<TransferPlan>
    func moves(tenantID: UUID, planID: UUID, _ page: PageRequest) async throws -> Page<PlanMove>
    func instanceJSON(tenantID: UUID, planID: UUID) async throws -> String?
    func markBuilding(tenantID: UUID, id: UUID) async throws
    func saveResult(tenantID: UUID, id: UUID, _ result: PlanResult) async throws -> TransferPlan
    func markFailed(tenantID: UUID, id: UUID, error: String) async throws
}
