import Foundation

/// Background work (a plan build), visible to the tenant while it runs and after.
public struct Job: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        case queued, running, succeeded, failed
    }
    public var tenantID: UUID
    public var id: UUID
    public var kind: String
    public var subjectID: UUID
    public var state: State
    /// Share done, 0...1.
    public var progress: Double
    public var message: String?
    public var attempts: Int
    public var createdAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(tenantID: UUID, id: UUID, kind: String, subjectID: UUID, state: State, progress: Double,
                message: String?, attempts: Int, createdAt: Date, startedAt: Date?, finishedAt: Date?) {
        self.tenantID = tenantID; self.id = id; self.kind = kind; self.subjectID = subjectID; self.state = state
        self.progress = progress; self.message = message; self.attempts = attempts; self.createdAt = createdAt
        self.startedAt = startedAt; self.finishedAt = finishedAt
    }

    /// The kind of job that builds a plan.
    public static let planBuild = "plan.build"
    /// The kind of job that carries out a decreed plan whose effective date has come.
    public static let planExecute = "plan.execute"
}
