import Foundation
import Hummingbird
import Logging
import MutasiDomain
import Synchronization

/// One log line per request once it is answered: request id, method, route, path, status,
/// duration, and who asked (tenant, user, role) once sign-in tells. Middlewares further in get
/// a copy of the context, so the caller is passed back through `RequestCaller`, a box the
/// authenticating middlewares fill.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        let caller = RequestCaller()
        context.caller = caller
        do {
            let response = try await next(request, context)
            log(request, context, caller, status: response.status.code, since: started)
            return response
        } catch {
            let status = (error as? HTTPResponseError)?.status.code ?? 500
            log(request, context, caller, status: status, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, _ caller: RequestCaller, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "request_id": "\(context.id)", "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
            "status": "\(status)", "duration_ms": "\(String(format: "%.1f", ms))",
        ]
        if let route = context.endpointPath { metadata["route"] = "\(route)" }
        if let principal = caller.principal {
            metadata["user"] = "\(principal.user.username)"
            metadata["role"] = "\(principal.role.rawValue)"
            metadata["tenant"] = "\(principal.scope.uuid.uuidString.lowercased())"
        }
        context.logger.info("request", metadata: metadata)
    }
}

/// Who a request turned out to come from, told back to `AccessLogMiddleware`.
final class RequestCaller: Sendable {
    private let value = Mutex<Principal?>(nil)

    var principal: Principal? { value.withLock { $0 } }

    func record(_ principal: Principal) { value.withLock { $0 = principal } }
}
