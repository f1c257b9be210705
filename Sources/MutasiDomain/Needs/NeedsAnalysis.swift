import Foundation

/// A needs analysis (ANJAB-ABK) of one slot for one year: its basis (tasks or a ratio), where
/// it stands in the verification workflow, and who moved it there.
///
/// Workflow: draft -> submitted (agency operator or tenant admin) -> approved, or returned with
/// notes (tenant admin); a returned analysis is edited and submitted again. Approval makes the
/// figure the slot's need. Only drafts and returned analyses can be edited.
public struct NeedsAnalysis: Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case draft, submitted, approved, returned

        /// Whether the content (tasks or ratio) may change.
        public var isEditable: Bool { self == .draft || self == .returned }
    }

    /// A step of the workflow.
    public enum Action: String, Codable, Sendable, CaseIterable {
        case create, update, submit, approve, `return`

        /// The states the step may start from, and where it leads.
        public var transition: (from: Set<State>, to: State?) {
            switch self {
            case .create: ([], .draft)
            case .update: ([.draft, .returned], nil)
            case .submit: ([.draft, .returned], .submitted)
            case .approve: ([.submitted], .approved)
            case .return: ([.submitted], .returned)
            }
        }
    }

    public var tenantID: UUID
    public var id: UUID
    public var slotID: UUID
    public var year: Int
    public var basis: NeedsBasis
    public var state: State
    /// The notes of the last decision (why it was returned, or a remark on approval).
    public var notes: String?
    /// The need set on the slot when approved.
    public var approvedNeed: Int?
    public var createdBy: UUID
    public var createdAt: Date
    public var submittedBy: UUID?
    public var submittedAt: Date?
    public var decidedBy: UUID?
    public var decidedAt: Date?
    public var version: Int

    public init(tenantID: UUID, id: UUID, slotID: UUID, year: Int, basis: NeedsBasis, state: State, notes: String?,
                approvedNeed: Int?, createdBy: UUID, createdAt: Date, submittedBy: UUID?, submittedAt: Date?,
                decidedBy: UUID?, decidedAt: Date?, version: Int) {
        self.tenantID = tenantID; self.id = id; self.slotID = slotID; self.year = year; self.basis = basis
        self.state = state; self.notes = notes; self.approvedNeed = approvedNeed; self.createdBy = createdBy
        self.createdAt = createdAt; self.submittedBy = submittedBy; self.submittedAt = submittedAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.version = version
    }

    /// Years an analysis may be for.
    public static let years = 2000...2100

    /// Throws `needs.invalid_year` (field `year`).
    public static func validYear(_ year: Int) throws -> Int {
        guard years.contains(year) else {
            throw DomainError.invalid("needs.invalid_year",
                                      "The year must be \(years.lowerBound)-\(years.upperBound); got \(year).", field: "year")
        }
        return year
    }
}

/// What a need is computed from: the position's tasks (workload), or a driving population and
/// the population one person serves (ratio: pupils per teacher, residents per health worker).
public enum NeedsBasis: Sendable, Equatable {
    case workload([WorkloadTask])
    case ratio(RatioDriver)

    public var method: String {
        switch self {
        case .workload: "workload"
        case .ratio: "ratio"
        }
    }

    /// The exact need before rounding, with the tenant's effective working time.
    public func need(effectiveTime: EffectiveWorkingTime) throws -> any HeadcountNeed {
        switch self {
        case .workload(let tasks): try WorkloadAnalysis(tasks: tasks, effectiveTime: effectiveTime)
        case .ratio(let driver): driver.need
        }
    }
}

/// A ratio-based need with what drives it, e.g. "murid per guru": 250 pupils at 20 per teacher.
public struct RatioDriver: Sendable, Equatable {
    /// What is counted, as the agency names it (e.g. "murid per guru").
    public var driver: String
    public var need: RatioNeed

    public init(driver: String, need: RatioNeed) {
        self.driver = driver; self.need = need
    }
}

/// The figures of an analysis under a tenant's settings and the slot's current staff: total
/// workload (workload basis), exact and rounded need, efficiency EJ and its grade (nil when
/// nobody holds the slot), and the gap (required - current: positive means short).
public struct NeedsFigures: Sendable, Equatable, Codable {
    public var totalWorkloadMinutes: ExactNumber?
    public var effectiveWorkingMinutes: Int
    public var rounding: HeadcountRounding
    public var exactHeadcount: ExactNumber
    public var requiredHeadcount: Int
    public var currentStaff: Int
    public var efficiency: ExactNumber?
    public var efficiencyGrade: EfficiencyGrade?
    public var gap: Int

    /// No position needs more persons than this; a larger figure is an input error (and would
    /// not fit the slot's need).
    public static let maxHeadcount = 1_000_000

    public init(basis: NeedsBasis, settings: NeedsSettings, currentStaff: Int) throws {
        let need = try basis.need(effectiveTime: settings.effectiveTime)
        if case .workload = basis, let workload = need as? WorkloadAnalysis {
            totalWorkloadMinutes = ExactNumber(workload.totalWorkloadMinutes)
        } else {
            totalWorkloadMinutes = nil
        }
        effectiveWorkingMinutes = settings.effectiveTime.minutes
        rounding = settings.rounding
        exactHeadcount = ExactNumber(need.exactHeadcount)
        requiredHeadcount = need.requiredHeadcount(rounding: settings.rounding)
        guard requiredHeadcount <= Self.maxHeadcount else {
            let field: String
            if case .workload = basis { field = "tasks" } else { field = "ratio" }
            throw DomainError.invalid(
                "needs.headcount_too_large",
                "The analysis comes to \(requiredHeadcount) persons for one position; at most \(Self.maxHeadcount).",
                field: field)
        }
        self.currentStaff = currentStaff
        efficiency = try need.efficiency(currentStaff: currentStaff).map(ExactNumber.init)
        efficiencyGrade = try need.efficiencyGrade(currentStaff: currentStaff, thresholds: settings.thresholds)
        gap = requiredHeadcount - currentStaff
    }
}
