import Foundation

/// An update that changes nothing is no update: the resource keeps its version (and ETag) and no
/// audit event is written. Services run the update as usual (the version check included, so a stale
/// If-Match still fails), compare the result with what was there, and when only bookkeeping moved
/// they throw `UnchangedUpdate`, which rolls the transaction back and answers the record as it was.
struct UnchangedUpdate<T: Sendable>: Error {
    let current: T

    /// Fields a write moves whatever it changes.
    static var bookkeeping: Set<String> { ["version", "updatedAt", "updatedBy"] }

    /// Throws when `after` equals `before` but for bookkeeping, compared as the audit trail sees them.
    static func check<E: Encodable>(_ before: E, _ after: E, current: T) throws {
        guard let old = strip(before), let new = strip(after), old == new else { return }
        throw UnchangedUpdate(current: current)
    }

    private static func strip<E: Encodable>(_ value: E) -> NSDictionary? {
        guard let text = AuditSnapshot.json(value),
              var object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return nil }
        for key in bookkeeping { object[key] = nil }
        return object as NSDictionary
    }

    /// Runs an update, answering the unchanged record when the update turned out to change nothing.
    static func run(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let unchanged as UnchangedUpdate<T> {
            return unchanged.current
        }
    }
}

extension UnchangedUpdate where T: Encodable {
    static func check(_ before: T, _ after: T) throws { try check(before, after, current: before) }
}
