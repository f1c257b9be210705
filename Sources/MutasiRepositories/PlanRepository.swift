import Foundation
import MutasiDomain

/// A built plan's result, to be stored with its moves.
public struct PlanResult: Sendable {
    public var instanceJSON: String
    public var objective: Int
    public var before: BalanceFigures
    public var after: BalanceFigures
    public var voice: VoiceFigures
    public var moves: [StoredMove]

    public struct StoredMove: Sendable {
        public var employeeID: UUID
        public var fromSlotID: UUID
        public var toSlotID: UUID
        public var kind: String
        public var wishRank: Int?
        public var cost: Int
        public var fit: Int
        public var distance: Int
        public var grant: Int
        public var burden: Int
        public var trainingNeeds: [PlanMove.TrainingNeed]
        public init(employeeID: UUID, fromSlotID: UUID, toSlotID: UUID, kind: String, wishRank: Int?, cost: Int,
                    fit: Int, distance: Int, grant: Int, burden: Int, trainingNeeds: [PlanMove.TrainingNeed]) {
            self.employeeID = employeeID; self.fromSlotID = fromSlotID; self.toSlotID = toSlotID
            self.kind = kind; self.wishRank = wishRank; self.cost = cost; self.fit = fit; self.distance = distance
            self.grant = grant; self.burden = burden; self.trainingNeeds = trainingNeeds
        }
    }

    public init(instanceJSON: String, objective: Int, before: BalanceFigures, after: BalanceFigures,
                voice: VoiceFigures, moves: [StoredMove]) {
        self.instanceJSON = instanceJSON; self.objective = objective; self.before = before; self.after = after
        self.voice = voice; self.moves = moves
    }
}

/// Storage of transfer plans and their moves, within the transaction's tenant.
public protocol PlanRepository: Sendable {
    /// `campaignID`: the closed campaign whose forms the plan is built from.
    func create(tenantID: UUID, name: String, policy: PlanPolicy, campaignID: UUID?, createdBy: UUID) async throws -> TransferPlan
    func find(tenantID: UUID, id: UUID) async throws -> TransferPlan?
    func list(tenantID: UUID, _ page: PageRequest) async throws -> Page<TransferPlan>
    func moves(tenantID: UUID, planID: UUID, _ page: PageRequest) async throws -> Page<PlanMove>
    func instanceJSON(tenantID: UUID, planID: UUID) async throws -> String?
    func markBuilding(tenantID: UUID, id: UUID) async throws
    func saveResult(tenantID: UUID, id: UUID, _ result: PlanResult) async throws -> TransferPlan
    func markFailed(tenantID: UUID, id: UUID, error: String) async throws
}
