import Foundation

/// A request remembered under its Idempotency-Key.
public struct IdempotentResponse: Sendable, Equatable {
    /// What identifies the request (operation, target, version, body), hashed.
    public var fingerprint: String
    /// The result first returned (JSON); nil while the first request is still running.
    public var response: String?
    public init(fingerprint: String, response: String?) { self.fingerprint = fingerprint; self.response = response }
}

/// Idempotency keys of submissions, per tenant and actor, kept for a day.
public protocol IdempotencyRepository: Sendable {
    /// Claims the key for this request: nil when it is new (the caller then runs the request and
    /// calls `complete`), else what is stored under it. Waits while another transaction holds it.
    func claim(tenantID: UUID, actorID: UUID, key: String, fingerprint: String) async throws -> IdempotentResponse?
    func complete(tenantID: UUID, actorID: UUID, key: String, response: String) async throws
}
