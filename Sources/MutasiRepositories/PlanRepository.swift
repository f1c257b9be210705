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
        /// The target slot's need and active staff, and the employee's wish, as the instance had
        /// them: what the move's explanation reads.
        public var targetNeed: Int?
        public var targetStaff: Int?
        public var wish: String?
        public init(employeeID: UUID, fromSlotID: UUID, toSlotID: UUID, kind: String, wishRank: Int?, cost: Int,
                    fit: Int, distance: Int, grant: Int, burden: Int, trainingNeeds: [PlanMove.TrainingNeed],
                    targetNeed: Int? = nil, targetStaff: Int? = nil, wish: String? = nil) {
            self.employeeID = employeeID; self.fromSlotID = fromSlotID; self.toSlotID = toSlotID
            self.kind = kind; self.wishRank = wishRank; self.cost = cost; self.fit = fit; self.distance = distance
            self.grant = grant; self.burden = burden; self.trainingNeeds = trainingNeeds
            self.targetNeed = targetNeed; self.targetStaff = targetStaff; self.wish = wish
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
    /// `campaignID`: the closed campaign whose forms the plan is built from; `replanOf`: the
    /// plan it redoes.
    func create(tenantID: UUID, name: String, policy: PlanPolicy, campaignID: UUID?, replanOf: UUID?,
                createdBy: UUID) async throws -> TransferPlan
    func find(tenantID: UUID, id: UUID) async throws -> TransferPlan?
    func list(tenantID: UUID, _ page: PageRequest) async throws -> Page<TransferPlan>
    /// The moves with their explanations and answers; `answer` keeps those whose answer is so,
    /// `dropped` those the approver dropped (true) or kept (false); `where` those leaving or
    /// entering an agency, of one kind.
    func moves(tenantID: UUID, planID: UUID, answer: AnswerCounts.Filter?, dropped: Bool?, where: MoveFilter,
               _ page: PageRequest) async throws -> Page<PlanMove>
    func instanceJSON(tenantID: UUID, planID: UUID) async throws -> String?
    func markBuilding(tenantID: UUID, id: UUID) async throws
    func saveResult(tenantID: UUID, id: UUID, _ result: PlanResult) async throws -> TransferPlan
    func markFailed(tenantID: UUID, id: UUID, error: String) async throws
}

extension PlanRepository {
    public func moves(tenantID: UUID, planID: UUID, answer: AnswerCounts.Filter?, _ page: PageRequest) async throws -> Page<PlanMove> {
        try await moves(tenantID: tenantID, planID: planID, answer: answer, dropped: nil, where: MoveFilter(), page)
    }

    public func moves(tenantID: UUID, planID: UUID, answer: AnswerCounts.Filter?, dropped: Bool?,
                      _ page: PageRequest) async throws -> Page<PlanMove> {
        try await moves(tenantID: tenantID, planID: planID, answer: answer, dropped: dropped, where: MoveFilter(), page)
    }
}

/// The review of plans: employees' answers to their proposed moves and decisions on objections.
public protocol PlanReviewRepository: Sendable {
    /// The plan, locked until the transaction ends: `shared` lets others hold it shared too (many
    /// answers at once) while keeping its status and deadline from changing.
    func lock(tenantID: UUID, id: UUID, shared: Bool) async throws -> TransferPlan?
    func openReview(tenantID: UUID, id: UUID, answerDeadline: Date) async throws -> TransferPlan
    /// One employee's move in a plan, with its explanation and answer.
    func move(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> PlanMove?
    /// The employee's moves in every plan in review, newest plan first.
    func proposedMoves(tenantID: UUID, employeeID: UUID) async throws -> [(plan: TransferPlan, move: PlanMove)]
    func answer(tenantID: UUID, planID: UUID, employeeID: UUID, lock: Bool) async throws -> MoveAnswer?
    /// Records or replaces an answer; a replaced answer loses any decision taken on it.
    func saveAnswer(tenantID: UUID, planID: UUID, employeeID: UUID, answer: MoveAnswer.Answer, reason: String?,
                    answeredBy: UUID) async throws -> MoveAnswer
    func decide(tenantID: UUID, planID: UUID, employeeID: UUID, decision: MoveAnswer.Decision, note: String,
                decidedBy: UUID) async throws -> MoveAnswer
    /// The employees whose objection to their move in the plan was upheld.
    func upheldObjections(tenantID: UUID, planID: UUID) async throws -> [UUID]
    /// How far a transfer request of the campaign has come in its plans in review: `answered`,
    /// `inPlan`, or nil when no such plan proposes a move for the employee.
    func requestProgress(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> PreferenceForm.RequestStatus?
}
