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

    private enum CodingKeys: String, CodingKey {
        case scope, seq, occurredAt, actorID, actorName, channel, action, entityType, entityID, before, after, hash, redacted
    }

    /// `before` and `after` are written as the JSON they hold (an object, mostly), not as strings;
    /// the hash covers the stored text, which `before`/`after` keep unchanged in memory.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scope, forKey: .scope); try c.encode(seq, forKey: .seq); try c.encode(occurredAt, forKey: .occurredAt)
        try c.encodeIfPresent(actorID, forKey: .actorID); try c.encode(actorName, forKey: .actorName)
        try c.encode(channel, forKey: .channel); try c.encode(action, forKey: .action)
        try c.encode(entityType, forKey: .entityType); try c.encode(entityID, forKey: .entityID)
        try c.encodeIfPresent(before.map(Self.document), forKey: .before)
        try c.encodeIfPresent(after.map(Self.document), forKey: .after)
        try c.encode(hash, forKey: .hash); try c.encode(redacted, forKey: .redacted)
    }

    /// Reads `before` and `after` either way: as JSON documents or as the text of one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        scope = try c.decode(ScopeID.self, forKey: .scope); seq = try c.decode(Int64.self, forKey: .seq)
        occurredAt = try c.decode(Date.self, forKey: .occurredAt); actorID = try c.decodeIfPresent(UUID.self, forKey: .actorID)
        actorName = try c.decode(String.self, forKey: .actorName); channel = try c.decode(Principal.Channel.self, forKey: .channel)
        action = try c.decode(String.self, forKey: .action); entityType = try c.decode(String.self, forKey: .entityType)
        entityID = try c.decode(String.self, forKey: .entityID)
        before = try Self.text(c, .before); after = try Self.text(c, .after)
        hash = try c.decode(String.self, forKey: .hash); redacted = try c.decodeIfPresent(Bool.self, forKey: .redacted) ?? false
    }

    /// A snapshot as JSON; text that is not JSON stays a string.
    static func document(_ text: String) -> JSONValue { JSONValue(parsing: text) ?? .string(text) }

    private static func text(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        guard let value = try c.decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        if case .string(let text) = value { return text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
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
