import Dispatch
import Foundation
import MutasiDomain

/// Runs bcrypt work on its own threads, at most `threads` at a time, so that hashing never
/// occupies the request executor. Callers beyond that wait in line, and when `maxWaiting`
/// already wait the call is refused at once (503 with Retry-After) instead of queueing without
/// bound.
public final class BcryptPool: @unchecked Sendable {
    public let threads: Int
    public let maxWaiting: Int
    private let lock = NSLock()
    private var free: Int
    /// Waiting callers, first come first served; resumed with `false` when it is their turn.
    private var waiting: [CheckedContinuation<Bool, Never>] = []
    private let queue = DispatchQueue(label: "mutasi.bcrypt", qos: .userInitiated, attributes: .concurrent)

    public init(threads: Int, maxWaiting: Int) {
        self.threads = max(1, threads)
        self.maxWaiting = max(0, maxWaiting)
        self.free = self.threads
    }

    public static let busy = DomainError(.unavailable, code: "auth.busy",
                                         "Too many logins at once; try again in a moment.", field: "retryAfter=1")

    /// Runs `work` on one of the pool's threads once a place is free.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    private func acquire() async throws {
        let refused: Bool = await withCheckedContinuation { continuation in
            let decided: Bool? = lock.withLock {
                if free > 0 { free -= 1; return false }
                if waiting.count >= maxWaiting { return true }
                waiting.append(continuation)
                return nil
            }
            if let decided { continuation.resume(returning: decided) }
        }
        if refused { throw Self.busy }
    }

    private func release() {
        let next: CheckedContinuation<Bool, Never>? = lock.withLock {
            if waiting.isEmpty { free += 1; return nil }
            return waiting.removeFirst()
        }
        next?.resume(returning: false)
    }
}
