import Foundation

/// A transfer plan (rencana mutasi) built from a tenant's live data: its policy, how far its
/// build has come, and its result.
public struct TransferPlan: Codable, Sendable, Equatable {
    /// Where the background build stands.
    public enum BuildState: String, Codable, Sendable {
        case queued, building, built, failed
    }
    /// Where the plan stands: a built plan is a `draft` until a tenant admin opens it for
    /// employees' answers (`in_review`); then `submitted`, `approved` or `rejected` (by an approver
    /// who neither built nor submitted it), `decreed`, `executed`; `cancelled` before executed.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case draft
        case inReview = "in_review"
        case submitted, approved, rejected, decreed, executed, cancelled

        /// Whether the plan can still be cancelled: every state before it is carried out.
        public var isCancellable: Bool { ![.executed, .cancelled].contains(self) }
    }
    public var tenantID: UUID
    public var id: UUID
    public var name: String
    public var policy: PlanPolicy
    /// The closed preference campaign whose forms the plan honours; nil: built without one.
    public var campaignID: UUID?
    public var buildState: BuildState
    public var buildError: String?
    public var objective: Int?
    public var before: BalanceFigures?
    public var after: BalanceFigures?
    public var moveCount: Int?
    /// How far the plan meets what employees asked for; nil until built (or built before the
    /// figures existed).
    public var voice: VoiceFigures?
    public var createdBy: UUID
    public var createdAt: Date
    public var builtAt: Date?
    public var version: Int
    public var status: Status = .draft
    /// Until when employees answer their proposed moves; set when the review opens.
    public var answerDeadline: Date?
    /// The effective date (TMT) its decree gives the moves; nil until decreed.
    public var effectiveDate: CalendarDate?
    /// The plan this one redoes, keeping in place those whose objection was upheld there.
    public var replanOf: UUID?
    /// The re-plans of this plan, oldest first.
    public var replannedBy: [UUID] = []
    /// How the employees' answers stand; nil until built.
    public var answers: AnswerCounts?
    /// The planning model the plan is built under and its published documents.
    public var model: PlanModelReference? = .current
    /// The tenant admin who submitted the plan for approval, and when.
    public var submittedBy: UUID?
    public var submittedAt: Date?
    /// The approver who approved or rejected it, when, and the note given.
    public var decidedBy: UUID?
    public var decidedAt: Date?
    public var decisionNote: String?
    /// Who cancelled the plan, when and why.
    public var cancelledBy: UUID?
    public var cancelledAt: Date?
    public var cancelReason: String?

    public init(tenantID: UUID, id: UUID, name: String, policy: PlanPolicy, buildState: BuildState,
                buildError: String?, objective: Int?, before: BalanceFigures?, after: BalanceFigures?,
                moveCount: Int?, voice: VoiceFigures? = nil, campaignID: UUID? = nil, createdBy: UUID, createdAt: Date,
                builtAt: Date?, version: Int) {
        self.tenantID = tenantID; self.id = id; self.name = name; self.policy = policy; self.campaignID = campaignID
        self.buildState = buildState; self.buildError = buildError; self.objective = objective
        self.before = before; self.after = after; self.moveCount = moveCount; self.voice = voice
        self.createdBy = createdBy
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

    /// The imbalance as an exact fraction, (deficit + surplus) / need (0 when need is 0), as the
    /// balance routes write it.
    public var exactImbalance: ExactNumber {
        ExactNumber(need == 0 ? .zero : (try? Rational(deficit + surplus, need)) ?? .zero)
    }

    private enum CodingKeys: String, CodingKey { case need, deficit, surplus, imbalance }

    /// Writes `imbalance` exactly (`{"numerator", "denominator", "decimal"}`).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(need, forKey: .need); try c.encode(deficit, forKey: .deficit); try c.encode(surplus, forKey: .surplus)
        try c.encode(exactImbalance, forKey: .imbalance)
    }

    /// Reads figures stored either way: `imbalance` as a number (older plans) or a fraction.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        need = try c.decode(Int.self, forKey: .need); deficit = try c.decode(Int.self, forKey: .deficit)
        surplus = try c.decode(Int.self, forKey: .surplus)
        if let number = try? c.decode(Double.self, forKey: .imbalance) {
            imbalance = number
        } else {
            let exact = try c.decode(ExactNumber.self, forKey: .imbalance).value
            imbalance = Double(exact.numerator) / Double(exact.denominator)
        }
    }
}

/// The voice figures of a plan (planning.md, "Voice figures"), each a count.
public struct VoiceFigures: Codable, Sendable, Equatable {
    public var volunteers: Int
    public var volunteersMoved: Int
    public var movesOnWish: Int
    public var compulsoryMoves: Int
    public var compulsoryAgainstWish: Int
    public var stayOverridden: Int
    public var exchanges: Int

    public init(volunteers: Int, volunteersMoved: Int, movesOnWish: Int, compulsoryMoves: Int,
                compulsoryAgainstWish: Int, stayOverridden: Int, exchanges: Int) {
        self.volunteers = volunteers; self.volunteersMoved = volunteersMoved; self.movesOnWish = movesOnWish
        self.compulsoryMoves = compulsoryMoves; self.compulsoryAgainstWish = compulsoryAgainstWish
        self.stayOverridden = stayOverridden; self.exchanges = exchanges
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
    /// `voluntary` (a volunteer's move to a unit ranked above theirs) or `compulsory`.
    public var kind: String
    /// 0-based rank of the target unit in the employee's preferences; nil when not listed.
    public var wishRank: Int?
    public var cost: Int
    public var fit: Int
    public var distance: Int
    public var grant: Int
    public var burden: Int
    public var trainingNeeds: [TrainingNeed]
    /// Why the move is proposed, in Bahasa Indonesia (`MoveExplanation`).
    public var explanation: String = ""
    /// The employee's answer while the plan is in review; nil until they answer.
    public var answer: MoveAnswer?
    /// How many comments operators wrote on the move (staff lists); nil where not counted.
    public var commentCount: Int?
    /// Set when the approver dropped the move before approving: decrees and execution skip it.
    public var dropped: Dropped?

    /// Who dropped a move, when and why.
    public struct Dropped: Codable, Sendable, Equatable {
        public var at: Date
        public var by: UUID
        public var reason: String
        public init(at: Date, by: UUID, reason: String) { self.at = at; self.by = by; self.reason = reason }
    }

    public init(employeeID: UUID, nip: String, employeeName: String, fromSlotID: UUID, fromSlot: String,
                toSlotID: UUID, toSlot: String, kind: String, wishRank: Int?, cost: Int, fit: Int, distance: Int,
                grant: Int, burden: Int, trainingNeeds: [TrainingNeed]) {
        self.employeeID = employeeID; self.nip = nip; self.employeeName = employeeName
        self.fromSlotID = fromSlotID; self.fromSlot = fromSlot; self.toSlotID = toSlotID; self.toSlot = toSlot
        self.kind = kind; self.wishRank = wishRank
        self.cost = cost; self.fit = fit; self.distance = distance; self.grant = grant; self.burden = burden
        self.trainingNeeds = trainingNeeds
    }

    /// As the synthesized encoding, but `wishRank` is written as `null` when the unit was not
    /// listed (as in planning.md's plan file) rather than left out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(employeeID, forKey: .employeeID)
        try c.encode(nip, forKey: .nip)
        try c.encode(employeeName, forKey: .employeeName)
        try c.encode(fromSlotID, forKey: .fromSlotID)
        try c.encode(fromSlot, forKey: .fromSlot)
        try c.encode(toSlotID, forKey: .toSlotID)
        try c.encode(toSlot, forKey: .toSlot)
        try c.encode(kind, forKey: .kind)
        try c.encode(wishRank, forKey: .wishRank)
        try c.encode(cost, forKey: .cost)
        try c.encode(fit, forKey: .fit)
        try c.encode(distance, forKey: .distance)
        try c.encode(grant, forKey: .grant)
        try c.encode(burden, forKey: .burden)
        try c.encode(trainingNeeds, forKey: .trainingNeeds)
        try c.encode(explanation, forKey: .explanation)
        try c.encode(answer, forKey: .answer)
        try c.encodeIfPresent(commentCount, forKey: .commentCount)
        try c.encode(dropped, forKey: .dropped)
    }
}
