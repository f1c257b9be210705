import Foundation

/// An employee's answer to the move a plan in review proposes for them, and, for an objection,
/// the tenant admin's decision on it.
public struct MoveAnswer: Codable, Sendable, Equatable {
    public enum Answer: String, Codable, Sendable, CaseIterable {
        case accept
        case object
    }

    public enum Decision: String, Codable, Sendable {
        case upheld
        case rejected
    }

    /// Bounds of an objection's reason, in characters.
    public static let reasonLength = 10...1000
    /// Bounds of a decision's note, in characters.
    public static let noteLength = 1...1000

    public var answer: Answer
    /// Why the employee objects; nil for an acceptance.
    public var reason: String?
    public var answeredAt: Date
    public var decision: Decision?
    public var decisionNote: String?
    public var decidedAt: Date?
    public var version: Int

    public init(answer: Answer, reason: String?, answeredAt: Date, decision: Decision?, decisionNote: String?,
                decidedAt: Date?, version: Int) {
        self.answer = answer; self.reason = reason; self.answeredAt = answeredAt; self.decision = decision
        self.decisionNote = decisionNote; self.decidedAt = decidedAt; self.version = version
    }

    /// As the synthesized encoding, with absent values written as `null` so clients see every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(answer, forKey: .answer)
        try c.encode(reason, forKey: .reason)
        try c.encode(answeredAt, forKey: .answeredAt)
        try c.encode(decision, forKey: .decision)
        try c.encode(decisionNote, forKey: .decisionNote)
        try c.encode(decidedAt, forKey: .decidedAt)
        try c.encode(version, forKey: .version)
    }
}

/// How the answers of a plan in review stand: `accepted` and `objected` count answers (an
/// objection stays counted in `objected` once decided), `pending` the moves not answered yet,
/// `upheld` and `rejected` the objections decided.
public struct AnswerCounts: Codable, Sendable, Equatable {
    public var accepted: Int
    public var objected: Int
    public var pending: Int
    public var upheld: Int
    public var rejected: Int

    public init(accepted: Int, objected: Int, pending: Int, upheld: Int, rejected: Int) {
        self.accepted = accepted; self.objected = objected; self.pending = pending; self.upheld = upheld; self.rejected = rejected
    }

    /// The values of the moves list's `answer` filter, named as the counts.
    public enum Filter: String, Sendable, CaseIterable {
        case accepted, objected, pending, upheld, rejected
    }
}
