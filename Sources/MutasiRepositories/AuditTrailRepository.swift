import Foundation
import MutasiDomain

/// Which audit events to list.
public struct AuditFilter: Sendable {
    public var entityType: String?
    public var entityID: String?
    public var action: String?
    public var actorID: UUID?
    public var since: Date?
    public var until: Date?
    public init(entityType: String? = nil, entityID: String? = nil, action: String? = nil,
                actorID: UUID? = nil, since: Date? = nil, until: Date? = nil) {
        self.entityType = entityType; self.entityID = entityID; self.action = action
        self.actorID = actorID; self.since = since; self.until = until
    }
}

/// The append-only, hash-chained audit trail, one chain per scope.
public protocol AuditTrailRepository: Sendable {
    /// Appends an entry to the scope's chain in the current transaction.
    @discardableResult
    func append(scope: ScopeID, actor: Principal, _ entry: AuditEntry) async throws -> AuditEvent
    /// Newest first.
    func list(scope: ScopeID, _ filter: AuditFilter, _ page: PageRequest) async throws -> Page<AuditEvent>
    /// The chain's head now (seq 0 and hash "" for an empty chain).
    func head(scope: ScopeID) async throws -> AuditHead
    /// Recomputes the chain and reports the first broken or missing link; with a checkpointed
    /// head, also that the event at its seq still has its hash and the chain reaches it.
    func verify(scope: ScopeID, against checkpoint: AuditHead?) async throws -> AuditVerification
}

extension AuditTrailRepository {
    public func verify(scope: ScopeID) async throws -> AuditVerification {
        try await verify(scope: scope, against: nil)
    }
}
