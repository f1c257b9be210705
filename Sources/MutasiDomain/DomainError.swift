/// A failure the user can act on: a stable machine code (e.g. `nip.invalid_birth_date`),
/// a human message, and the field it concerns, so clients can show it in Indonesian or English.
///
/// Every layer throws this (or maps to it); the HTTP shell turns it into an RFC 9457 problem
/// document and the CLI into a one-line message with a non-zero exit.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in the categories both shells understand.
    public enum Kind: String, Sendable {
        case invalid          // bad input: 400 / 422
        case unauthenticated  // no or bad credentials: 401
        case forbidden        // authenticated, not allowed: 403
        case notFound         // absent or outside the caller's tenant: 404
        case conflict         // state or version clash: 409
        case preconditionFailed // stale ETag: 412
        case preconditionRequired // missing If-Match: 428
        case unsupportedMediaType // wrong Content-Type: 415
        case payloadTooLarge  // body over the limit: 413
        case tooManyRequests  // throttled: 429
        case unavailable      // dependency down: 503
    }

    public var kind: Kind
    /// Stable code, dotted, lower snake case: `tenant.code_taken`.
    public var code: String
    /// English text; clients may translate by `code`.
    public var message: String
    /// The input field concerned, if any (`"nip"`, `"slots[3].need"`).
    public var field: String?
    /// The records that caused the failure and why each, when there are several to act on
    /// (e.g. the stale moves that block a plan's approval); the problem document lists them.
    public var items: [Item] = []

    /// One record behind a failure: its id and a stable reason code.
    public struct Item: Equatable, Sendable, Codable {
        public var id: String
        public var reason: String
        public init(id: String, reason: String) { self.id = id; self.reason = reason }
    }

    public init(_ kind: Kind, code: String, _ message: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        // Messages interpolate UUIDs (upper case); ids leave the system in lower case.
        self.message = LowercaseIDs.within(message)
        self.field = field
    }

    public var description: String {
        field.map { "\(message) (\($0))" } ?? message
    }

    public static func invalid(_ code: String, _ message: String, field: String? = nil) -> DomainError {
        DomainError(.invalid, code: code, message, field: field)
    }
    public static func notFound(_ code: String, _ message: String) -> DomainError {
        DomainError(.notFound, code: code, message)
    }
    public static func forbidden(_ message: String = "You are not allowed to do this.") -> DomainError {
        DomainError(.forbidden, code: "auth.forbidden", message)
    }
    public static func conflict(_ code: String, _ message: String) -> DomainError {
        DomainError(.conflict, code: code, message)
    }
}
