import Foundation
import Logging
import MutasiApp
import ServiceLifecycle
import Testing

/// Stopping the server: SIGTERM/SIGINT start a graceful shutdown that is bounded by its grace.
@Suite("Shutdown")
struct ShutdownTests {
    /// Ignores graceful shutdown: it stops only when cancelled, like a request that never ends.
    struct StubbornService: Service {
        let started: AsyncStream<Void>.Continuation
        func run() async throws {
            started.yield()
            try await Task.sleep(for: .seconds(3600))
        }
    }

    @Test("what has not stopped when the shutdown grace is over is cancelled, so the process ends", .timeLimit(.minutes(1)))
    func graceIsBounded() async throws {
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let group = MutasiApplication.serviceGroup(StubbornService(started: continuation), grace: .milliseconds(200),
                                                   logger: TestDatabase.logger)
        let running = Task { try await group.run() }
        for await _ in started { break }
        await group.triggerGracefulShutdown()
        // Without the grace this waits for the hour (the time limit fails the test).
        _ = await running.result
    }

    @Test("SHUTDOWN_GRACE_SECONDS and JOB_STALE_SECONDS are read and range-checked")
    func settings() throws {
        let defaults = try AppConfiguration(environment: [:])
        #expect(defaults.shutdownGrace == .seconds(8))
        #expect(defaults.jobStaleAfter == .seconds(60))
        let set = try AppConfiguration(environment: ["SHUTDOWN_GRACE_SECONDS": "3", "JOB_STALE_SECONDS": "5"])
        #expect(set.shutdownGrace == .seconds(3))
        #expect(set.jobStaleAfter == .seconds(5))
        for (name, value) in [("SHUTDOWN_GRACE_SECONDS", "0"), ("JOB_STALE_SECONDS", "2"), ("JOB_STALE_SECONDS", "99999999999999999999")] {
            #expect(throws: (any Error).self) { try AppConfiguration(environment: [name: value]) }
        }
    }
}
