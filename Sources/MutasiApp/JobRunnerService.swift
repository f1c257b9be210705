import MutasiServices
import ServiceLifecycle

/// Runs the background job worker beside the HTTP server, until graceful shutdown.
struct JobRunnerService: Service {
    let worker: PlanBuildWorker

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await worker.run()
        }
    }
}
