import Foundation
import MutasiDomain

/// The slot a needs analysis is about, with where it sits and who holds it now.
public struct NeedsSlotContext: Sendable, Equatable, Codable {
    public var slotID: UUID
    public var slotCode: String
    public var slotName: String
    public var unitID: UUID
    public var unitCode: String
    public var unitName: String
    public var agencyID: UUID
    public var agencyCode: String
    /// The slot's need now (from its latest approved analysis).
    public var need: Int
    /// Employees whose slot is this one.
    public var currentStaff: Int

    public init(slotID: UUID, slotCode: String, slotName: String, unitID: UUID, unitCode: String, unitName: String,
                agencyID: UUID, agencyCode: String, need: Int, currentStaff: Int) {
        self.slotID = slotID; self.slotCode = slotCode; self.slotName = slotName; self.unitID = unitID
        self.unitCode = unitCode; self.unitName = unitName; self.agencyID = agencyID; self.agencyCode = agencyCode
        self.need = need; self.currentStaff = currentStaff
    }
}

/// An analysis with its slot.
public struct NeedsAnalysisRecord: Sendable, Equatable {
    public var analysis: NeedsAnalysis
    public var slot: NeedsSlotContext
    public init(analysis: NeedsAnalysis, slot: NeedsSlotContext) { self.analysis = analysis; self.slot = slot }
}

/// Which analyses to list.
public struct NeedsAnalysisFilter: Sendable {
    public var year: Int?
    public var state: NeedsAnalysis.State?
    public var slotID: UUID?
    public var agencyID: UUID?
    /// Only slots of these agencies (an agency operator's); nil: all.
    public var visibleAgencies: [UUID]?
    /// Submitted analyses (awaiting verification) before the others.
    public var submittedFirst: Bool
    public init(year: Int? = nil, state: NeedsAnalysis.State? = nil, slotID: UUID? = nil, agencyID: UUID? = nil,
                visibleAgencies: [UUID]? = nil, submittedFirst: Bool = false) {
        self.year = year; self.state = state; self.slotID = slotID; self.agencyID = agencyID
        self.visibleAgencies = visibleAgencies; self.submittedFirst = submittedFirst
    }
}

/// One step in an analysis's history.
public struct NeedsAnalysisEvent: Sendable, Equatable, Codable {
    public var seq: Int
    public var action: NeedsAnalysis.Action
    public var fromState: NeedsAnalysis.State?
    public var toState: NeedsAnalysis.State
    public var actorID: UUID
    public var actorName: String
    public var occurredAt: Date
    public var notes: String?
    /// On approval: the need set on the slot.
    public var need: Int?
    /// The figures at this step, as computed then.
    public var figures: NeedsFigures?

    public init(seq: Int, action: NeedsAnalysis.Action, fromState: NeedsAnalysis.State?, toState: NeedsAnalysis.State,
                actorID: UUID, actorName: String, occurredAt: Date, notes: String?, need: Int?, figures: NeedsFigures?) {
        self.seq = seq; self.action = action; self.fromState = fromState; self.toState = toState
        self.actorID = actorID; self.actorName = actorName; self.occurredAt = occurredAt; self.notes = notes
        self.need = need; self.figures = figures
    }
}

/// A state change of an analysis, as stored.
public struct NeedsTransition: Sendable {
    public var action: NeedsAnalysis.Action
    public var to: NeedsAnalysis.State
    public var notes: String?
    public var approvedNeed: Int?
    public var actor: Principal
    public init(action: NeedsAnalysis.Action, to: NeedsAnalysis.State, notes: String?, approvedNeed: Int?, actor: Principal) {
        self.action = action; self.to = to; self.notes = notes; self.approvedNeed = approvedNeed; self.actor = actor
    }
}

/// Storage of needs analyses (ANJAB-ABK), their tasks and history, within the transaction's tenant.
public protocol NeedsAnalysisRepository: Sendable {
    /// The slot with its unit, agency and current staff; nil when the tenant has no such slot.
    func slot(tenantID: UUID, slotID: UUID) async throws -> NeedsSlotContext?
    /// The analysis of the slot and year that is not approved yet, if any.
    func openAnalysisID(tenantID: UUID, slotID: UUID, year: Int) async throws -> UUID?
    /// Stores a new draft.
    func create(tenantID: UUID, slotID: UUID, year: Int, basis: NeedsBasis, createdBy: UUID) async throws -> NeedsAnalysis
    /// With `lock`, the row stays locked until the transaction ends.
    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> NeedsAnalysisRecord?
    func list(tenantID: UUID, _ filter: NeedsAnalysisFilter, _ page: PageRequest) async throws -> Page<NeedsAnalysisRecord>
    /// Replaces the tasks or ratio and bumps the version.
    func replaceBasis(tenantID: UUID, id: UUID, basis: NeedsBasis) async throws -> NeedsAnalysis
    /// Moves the analysis to another state and bumps the version.
    func apply(tenantID: UUID, id: UUID, _ transition: NeedsTransition) async throws -> NeedsAnalysis
    func appendEvent(tenantID: UUID, analysisID: UUID, _ event: NeedsAnalysisEvent) async throws
    /// Oldest first.
    func events(tenantID: UUID, analysisID: UUID, _ page: PageRequest) async throws -> Page<NeedsAnalysisEvent>
    /// The latest year of another approved analysis of the slot.
    func latestApprovedYear(tenantID: UUID, slotID: UUID, excluding id: UUID) async throws -> Int?
    /// Sets the slot's need from the approved analysis (bumping its version, clearing any
    /// override); returns the need it had.
    func setSlotNeed(tenantID: UUID, slotID: UUID, need: Int, analysisID: UUID) async throws -> Int
}
