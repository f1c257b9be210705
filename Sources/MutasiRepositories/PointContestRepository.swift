import Foundation
import MutasiDomain

/// Which contests of a campaign to list.
public struct PointContestFilter: Sendable {
    public var state: PointContest.State?
    /// Only contests of employees of these agencies (an operator's); nil: all.
    public var agencyIDs: [UUID]?
    /// Only this employee's contests.
    public var employeeID: UUID?
    public init(state: PointContest.State? = nil, agencyIDs: [UUID]? = nil, employeeID: UUID? = nil) {
        self.state = state; self.agencyIDs = agencyIDs; self.employeeID = employeeID
    }
}

/// Storage of priority-point contests (sanggahan poin), within the transaction's tenant.
public protocol PointContestRepository: Sendable {
    /// Files a pending contest; throws `contest.pending` (409) when the employee has one pending
    /// in the campaign already.
    func create(tenantID: UUID, campaignID: UUID, employeeID: UUID, reason: String, filedBy: UUID) async throws -> PointContest
    /// With `lock`, the row stays locked until the transaction ends.
    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> PointContest?
    /// The employee's pending contest in the campaign, if any.
    func pending(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> PointContest?
    /// Newest first.
    func list(tenantID: UUID, campaignID: UUID, _ filter: PointContestFilter, _ page: PageRequest) async throws -> Page<PointContest>
    /// Records the decision (`upheld` with an adjustment, or `rejected`) and bumps the version.
    func decide(tenantID: UUID, id: UUID, state: PointContest.State, adjustment: Int?, note: String,
                decidedBy: UUID) async throws -> PointContest
}
