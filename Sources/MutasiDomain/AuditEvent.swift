import Foundation

/// One recorded change: who, when, what, before and after. Events of a scope form a hash chain
/// (each hash covers the event and the previous hash), so an edit or a deletion is detectable.
public struct AuditEvent: Codable, Sendable, Equatable {
    public var scope: ScopeID
    public var seq: Int64
    public var occurredAt: Date
    public var actorID: UUID?
    public var actorName: String
    public var channel: Principal.Channel
    /// Dotted verb, e.g. `tenant.create`.
    public var action: String
    public var entityType: String
    public var entityID: String
    /// JSON text of the entity before and after the change (nil when absent).
    public var before: String?
    public var after: String?
    public var hash: String
    /// True when personal data was masked in this copy for a reader who may not see it; the
    /// stored event (and its hash) is unchanged.
    public var redacted: Bool

    public init(scope: ScopeID, seq: Int64, occurredAt: Date, actorID: UUID?, actorName: String,
                channel: Principal.Channel, action: String, entityType: String, entityID: String,
                before: String?, after: String?, hash: String, redacted: Bool = false) {
        self.scope = scope; self.seq = seq; self.occurredAt = occurredAt; self.actorID = actorID
        self.actorName = actorName; self.channel = channel; self.action = action
        self.entityType = entityType; self.entityID = entityID; self.before = before
        self.after = after; self.hash = hash; self.redacted = redacted
    }
}

/// The head of one chain at some moment: its last sequence number and hash (0 and "" when
/// empty). A signed checkpoint pins heads so later rewrites or truncations show.
public struct AuditHead: Codable, Sendable, Equatable {
    public var scope: ScopeID
    public var seq: Int64
    public var hash: String

    public init(scope: ScopeID, seq: Int64, hash: String) {
        self.scope = scope; self.seq = seq; self.hash = hash
    }
}

/// A change to record, before the trail gives it a sequence number and hash.
public struct AuditEntry: Sendable {
    public var action: String
    public var entityType: String
    public var entityID: String
    public var before: String?
    public var after: String?

    public init(action: String, entityType: String, entityID: String, before: String?, after: String?) {
        self.action = action; self.entityType = entityType; self.entityID = entityID
        self.before = before; self.after = after
    }
}

/// Outcome of checking one scope's chain.
public struct AuditVerification: Codable, Sendable, Equatable {
    public var scope: ScopeID
    public var eventsChecked: Int
    /// Nil when the chain is intact; else the first broken or missing link.
    public var firstBrokenSeq: Int64?
    public var problem: String?

    public init(scope: ScopeID, eventsChecked: Int, firstBrokenSeq: Int64?, problem: String?) {
        self.scope = scope; self.eventsChecked = eventsChecked
        self.firstBrokenSeq = firstBrokenSeq; self.problem = problem
    }
    public var intact: Bool { firstBrokenSeq == nil }
}
