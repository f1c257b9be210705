import Foundation
import MutasiDomain

/// A job claimed for running: enough to enter its tenant and find its subject.
public struct ClaimedJob: Sendable, Equatable {
    public var tenantID: UUID
    public var id: UUID
    public var kind: String
    public var subjectID: UUID
    /// How many times the job has been claimed, this claim included.
    public var attempts: Int
    public init(tenantID: UUID, id: UUID, kind: String, subjectID: UUID, attempts: Int = 1) {
        self.tenantID = tenantID; self.id = id; self.kind = kind; self.subjectID = subjectID; self.attempts = attempts
    }
}

/// The background job queue.
public protocol JobRepository: Sendable {
    func enqueue(tenantID: UUID, kind: String, subjectID: UUID) async throws -> Job
    /// Claims a queued job, or a running one whose heartbeat is older than `staleAfter` (its
    /// instance died), fairly across tenants: the tenant with the fewest running jobs, then the
    /// one served least recently, then the oldest job; nil when there is none.
    func claimNext(worker: String, staleAfter: Duration) async throws -> ClaimedJob?
    func find(tenantID: UUID, id: UUID) async throws -> Job?
    /// The newest job about a subject (a plan's build).
    func latest(tenantID: UUID, subjectID: UUID) async throws -> Job?
    func heartbeat(tenantID: UUID, id: UUID, progress: Double, message: String?) async throws
    func finish(tenantID: UUID, id: UUID, state: Job.State, message: String?) async throws
    /// Whether `worker`'s claim number `attempt` of the job still stands (running, not taken
    /// over since), locking the job until the transaction ends: a worker stores its outcome
    /// only under its claim, so a job taken over from a stalled worker finishes once.
    func holds(tenantID: UUID, id: UUID, worker: String, attempt: Int) async throws -> Bool
}
