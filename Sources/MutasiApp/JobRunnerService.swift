import Logging
import MutasiServices
import ServiceLifecycle

/// Runs the background job worker beside the HTTP server, until graceful shutdown, and every
/// `executionCheck` (and once at start) queues the execution of each decreed plan whose
/// effective date has come; the worker then carries them out like plan builds.
struct JobRunnerService: Service {
    let worker: PlanBuildWorker
    var execution: PlanExecutionService? = nil
    var executionCheck: Duration = .seconds(3600)
    var logger = Logger(label: "mutasi.jobs")

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await worker.run() }
                if let execution {
                    group.addTask {
                        while !Task.isCancelled {
                            do {
                                _ = try await execution.enqueueDue()
                            } catch is CancellationError {
                                return
                            } catch {
                                logger.error("queuing due plan executions failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                            }
                            try? await Task.sleep(for: executionCheck)
                        }
                    }
                }
                await group.waitForAll()
            }
        }
    }
}
